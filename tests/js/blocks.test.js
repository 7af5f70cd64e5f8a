// Unit tests for extension/content/blocks.js: block joining, batch splitting and offset mapping.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const B = require('../../extension/content/blocks.js');

const seg = (ref, block, text) => ({ ref, block, text });

test('text nodes of one block join directly, blocks join with U+2029', () => {
  const [batch] = B.buildBatches([seg('n1', 'p1', 'Whole '), seg('n2', 'p1', 'Foods'), seg('n3', 'p2', 'Market')], 100);
  assert.equal(batch.text, 'Whole Foods\u2029Market');
  assert.deepEqual(B.segments(batch).map((s) => [s.ref, s.start, s.end]), [['n1', 0, 6], ['n2', 6, 11], ['n3', 12, 18]]);
});

test('whitespace-only blocks and empty segments are dropped', () => {
  const [batch] = B.buildBatches([seg('a', 'x', '  \n '), seg('e', 'y', ''), seg('b', 'y', 'Zappos')], 100);
  assert.equal(batch.text, 'Zappos');
});

// Bug: whitespace-only text nodes of one character were dropped with every other one-character
// node, so "<b>Whole</b> <b>Foods</b>" reached the matcher as "WholeFoods" and was never found.
test('a whitespace-only text node joins its neighbours with one space', () => {
  const [batch] = B.buildBatches([seg('w', 'p', 'Whole'), seg('s1', 'p', ' '), seg('f', 'p', 'Foods'), seg('s2', 'p', '\n    '),
    seg('m', 'p', 'Market'), seg('x', 'p', '&')], 100);
  assert.equal(batch.text, 'Whole Foods Market&');
  // The spaces are not page text the badges could point into: no piece maps to them.
  assert.deepEqual(B.segments(batch).map((s) => [s.ref, s.start, s.end]), [['w', 0, 5], ['f', 6, 11], ['m', 12, 18], ['x', 18, 19]]);
  assert.equal(B.locate(batch, 5, false), null);
  assert.deepEqual(B.locate(batch, 5, true), { ref: 'w', block: 'p', offset: 5 });
});

test('space() stands for a whitespace node whose block the walk did not look up', () => {
  const out = [];
  const b = B.createBatcher(100, (x) => out.push(x));
  b.space(); // before any text: nothing
  b.text('w', 'p', 'Whole');
  b.space();
  b.space();
  b.text('f', 'p', 'Foods');
  b.space(); // trailing: harmless before the separator
  b.text('r', 'q', 'Ring');
  b.end();
  assert.deepEqual(out.map((x) => x.text), ['Whole Foods \u2029Ring']);
  assert.deepEqual(B.segments(out[0]).map((s) => [s.ref, s.start]), [['w', 0], ['f', 6], ['r', 13]]);
});

test('leading whitespace of a block is dropped, and spaces never pile up', () => {
  const [batch] = B.buildBatches([seg('a', 'p', ' '), seg('b', 'p', 'Ring'), seg('c', 'p', ' '), seg('d', 'p', '\t'), seg('e', 'p', 'Doorbell')], 100);
  assert.equal(batch.text, 'Ring Doorbell');
});

test('a block that does not fit the rest of a batch starts the next one whole', () => {
  const batches = B.buildBatches([seg('a', 'p', 'x'.repeat(6)), seg('b', 'q', 'Whole '), seg('c', 'q', 'Foods')], 12);
  assert.deepEqual(batches.map((b) => b.text), ['xxxxxx', 'Whole Foods']);
});

test('the batcher emits each batch as soon as the next text does not fit', () => {
  const seen = [];
  const b = B.createBatcher(12, (x) => seen.push(x.text));
  b.text('a', 'p', 'abcdefgh');
  assert.deepEqual(seen, []);
  b.text('b', 'q', 'ijklmnop');
  assert.deepEqual(seen, ['abcdefgh']);
  b.text('c', 'r', 'qr');
  b.end();
  assert.deepEqual(seen, ['abcdefgh', 'ijklmnop\u2029qr']);
});

test('a block that outgrows its batch moves whole to the next one, with its offsets', () => {
  const batches = B.buildBatches([seg('a', 'p', 'abcdef'), seg('b', 'q', 'ghi'), seg('c', 'q', 'jklm'), seg('d', 'r', 'n')], 12);
  assert.deepEqual(batches.map((x) => x.text), ['abcdef', 'ghijklm\u2029n']);
  assert.deepEqual(B.segments(batches[1]).map((s) => [s.ref, s.block, s.start, s.end]), [['b', 'q', 0, 3], ['c', 'q', 3, 7], ['d', 'r', 8, 9]]);
  assert.deepEqual(B.segments(batches[0]).map((s) => [s.ref, s.start, s.end]), [['a', 0, 6]]);
});

test('batches hold whole blocks and respect maxChars', () => {
  const segs = [];
  for (let i = 0; i < 10; i++) segs.push(seg('n' + i, 'b' + i, 'x'.repeat(9)));
  const batches = B.buildBatches(segs, 30);
  for (const b of batches) assert.ok(b.text.length <= 30, b.text.length);
  assert.equal(batches.map((b) => b.text).join('\u2029'), segs.map((s) => s.text).join('\u2029'));
  for (const b of batches) assert.ok(!b.text.startsWith('\u2029'));
});

test('a huge text node is cut into pieces with the right refStart', () => {
  const batches = B.buildBatches([seg('big', 'pre', 'abcdefghij')], 4);
  assert.deepEqual(batches.map((b) => b.text), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(batches.map((b) => B.segments(b)[0].refStart), [0, 4, 8]);
  const hit = B.mapHits(batches[1], [1, 3, 0, 7, 0])[0];
  assert.deepEqual([hit.start.offset, hit.end.offset], [5, 7]);
});

test('a huge text node is never cut inside a surrogate pair', () => {
  const batches = B.buildBatches([seg('big', 'pre', 'abc\u{1F600}def')], 4);
  assert.deepEqual(batches.map((b) => b.text), ['abc', '\u{1F600}de', 'f']);
  assert.deepEqual(batches.map((b) => B.segments(b)[0].refStart), [0, 3, 7]);
});

test('locate maps start and end offsets across node boundaries', () => {
  const [batch] = B.buildBatches([seg('n1', 'p', 'Whole '), seg('n2', 'p', 'Foods Market'), seg('n3', 'q', 'Ring')], 100);
  assert.deepEqual(B.locate(batch, 0, false), { ref: 'n1', block: 'p', offset: 0 });
  assert.deepEqual(B.locate(batch, 6, false), { ref: 'n2', block: 'p', offset: 0 });
  // End offset 6 is the end of n1, not the start of n2.
  assert.deepEqual(B.locate(batch, 6, true), { ref: 'n1', block: 'p', offset: 6 });
  assert.deepEqual(B.locate(batch, 18, true), { ref: 'n2', block: 'p', offset: 12 });
  assert.equal(B.locate(batch, 18, false), null); // the separator belongs to no node
  assert.deepEqual(B.locate(batch, 23, true), { ref: 'n3', block: 'q', offset: 4 });
});

test('mapHits turns flat engine output into node/offset pairs', () => {
  const [batch] = B.buildBatches([seg('n1', 'p', 'Buy Whole '), seg('n2', 'p', 'Foods Market now'), seg('n3', 'q', 'Zappos')], 100);
  const hits = B.mapHits(batch, [4, 22, 0, 3, 0, 27, 33, 0, 9, 0]);
  assert.deepEqual(hits.map((h) => [h.start.ref, h.start.offset, h.end.ref, h.end.offset, h.block, h.entry]),
    [['n1', 4, 'n2', 12, 'p', 3], ['n3', 0, 'n3', 6, 'q', 9]]);
});

test('mapHits drops hits crossing a block boundary or out of range', () => {
  const [batch] = B.buildBatches([seg('a', 'p', 'abc'), seg('b', 'q', 'def')], 100);
  assert.deepEqual(B.mapHits(batch, [1, 6, 0, 0, 0, 50, 52, 0, 0, 0]), []);
});

test('UTF-16 offsets: astral characters count as two code units', () => {
  const [batch] = B.buildBatches([seg('a', 'p', '\u{1F600} Ring')], 100);
  const [hit] = B.mapHits(batch, [3, 7, 0, 1, 0]);
  assert.equal('\u{1F600} Ring'.slice(hit.start.offset, hit.end.offset), 'Ring');
});

test('onePerCompany keeps the first hit per company per block', () => {
  const mapped = [
    { block: 'p', entry: 1 }, { block: 'p', entry: 2 }, { block: 'p', entry: 3 }, { block: 'q', entry: 1 },
  ];
  const company = { 1: 'amazon', 2: 'amazon', 3: 'other' };
  const kept = B.onePerCompany(mapped, (e) => company[e]);
  assert.deepEqual(kept.map((m) => [m.block, m.entry]), [['p', 1], ['p', 3], ['q', 1]]);
});

test('isBlockTag knows blocks from inline tags', () => {
  assert.ok(B.isBlockTag('div') && B.isBlockTag('LI') && B.isBlockTag('td'));
  assert.ok(!B.isBlockTag('span') && !B.isBlockTag('a') && !B.isBlockTag('b'));
});

test('attribute text (own segments) stays in its block but is set apart by U+2029', () => {
  const [batch] = B.buildBatches([
    { ref: 'img', block: 'tile', text: 'Whole', own: true }, seg('t1', 'tile', 'Foods'), seg('t2', 'tile', ' Market'),
  ], 100);
  assert.equal(batch.text, 'Whole\u2029Foods Market');
  assert.deepEqual(B.segments(batch).map((s) => [s.ref, s.block, s.start]), [['img', 'tile', 0], ['t1', 'tile', 6], ['t2', 'tile', 11]]);
});

test('textFirst puts text-node hits of a block before attribute hits', () => {
  const mapped = [
    { block: 'p', start: { ref: 'attr' }, entry: 1 }, { block: 'p', start: { ref: 'text' }, entry: 2 }, { block: 'q', start: { ref: 'attr' }, entry: 3 },
  ];
  const out = B.textFirst(mapped, (r) => r === 'text');
  assert.deepEqual(out.map((m) => m.entry), [2, 1, 3]);
});

// Invariants over random pages: every batch fits, never starts with a separator, and every piece
// points at exactly the text of its node, so offsets always map back to the page.
test('random segments: batches fit, and every piece maps back to its node text', () => {
  let seed = 7;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const words = ['Whole', ' ', 'Foods', '\n  ', 'Market', 'x', 'Ring Video Doorbell', 'a'.repeat(25), ' \u00a0', 'é\u{1F600}'];
  for (let round = 0; round < 200; round++) {
    const max = 5 + rand(40);
    const segs = [];
    const texts = new Map();
    for (let i = 0; i < 30; i++) {
      const ref = `n${i}`;
      const text = words[rand(words.length)] + (rand(3) ? '' : words[rand(words.length)]);
      texts.set(ref, text);
      segs.push({ ref, block: `b${rand(4)}`, text, own: rand(6) === 0 });
    }
    const batches = B.buildBatches(segs, max);
    const seen = new Map();
    for (const b of batches) {
      assert.ok(b.text.length <= max, `${b.text.length} > ${max}`);
      assert.ok(b.text.length > 0 && !b.text.startsWith(B.SEP));
      for (const s of B.segments(b)) {
        const piece = b.text.slice(s.start, s.end);
        assert.equal(piece, texts.get(s.ref).slice(s.refStart, s.refStart + piece.length));
        seen.set(s.ref, (seen.get(s.ref) ?? '') + piece);
      }
    }
    // Every text that is not whitespace only arrives whole.
    for (const [ref, text] of texts) if (/\S/.test(text)) assert.equal(seen.get(ref), text, ref);
  }
});

// The walk tells the batcher about text nodes as it sees them: space() for a blank one (its block is
// never looked up), otherwise the text. It now says word() instead of text() (it has tested the node
// already) and one space() per row of blank nodes; the batches must be exactly those of the old way,
// with empty nodes (which still open a new run), blank rows across blocks and cut giant nodes.
test('word() and one space() per row of blanks build the batches of text() and space() per node', () => {
  const nodes = [['a', 'p', 'Whole'], ['s1', 'p', ' '], ['s2', 'p', '\n  '], ['b', 'p', 'Foods'], ['e', 'q', ''],
    ['s3', 'q', '\u00a0'], ['c', 'p', 'Market'], ['s4', 'r', ' '], ['d', 'r', '\u3000Ring '], ['g', 'r', 'y'.repeat(25)],
    ['s5', 'r', '\t'], ['h', 's', 'Zappos'], ['s6', 's', ' '], ['s7', 't', ' '], ['i', 't', 'Nike']];
  const before = [], now = [];
  const old = B.createBatcher(10, (x) => before.push(x));
  for (const [ref, block, s] of nodes) { if (B.blankText(s)) old.space(); else old.text(ref, block, s); }
  old.end();
  const w = B.createBatcher(10, (x) => now.push(x));
  let spaced = false;
  for (const [ref, block, s] of nodes) {
    if (B.BLANK.test(s)) { if (!spaced) { w.space(); spaced = true; } } else { spaced = false; w.word(ref, block, s); }
  }
  w.end();
  assert.deepEqual(now, before);
  assert.ok(before.length > 2);
});

// A <br> between two text nodes of one block with no space around it ("Dual Chip<br>Android" in a
// real product title): cut() makes the next text a run of its own, so the name is a word of its own
// (src/page_text.rs starts a block at <br>). Without it the batch read "ChipAndroid".
test('cut(): the text after a line break starts a run of its own, not glued to the word before', () => {
  const out = [];
  const w = B.createBatcher(100, (x) => out.push(x));
  w.word('a', 'h1', 'Dual Chip');
  w.cut();
  w.word('b', 'h1', 'Android 7.0');
  w.cut(); // a break with nothing after it changes nothing
  w.end();
  assert.equal(out.length, 1);
  assert.equal(out[0].text, `Dual Chip${B.SEP}Android 7.0`);
  assert.deepEqual(B.segments(out[0]).map((x) => [x.ref, x.start, x.end]), [['a', 0, 9], ['b', 10, 21]]);
  const lone = [];
  const v = B.createBatcher(100, (x) => lone.push(x));
  v.cut(); // before any text: no separator at the start
  v.word('c', 'p', 'Android');
  v.end();
  assert.equal(lone[0].text, 'Android');
});

test('blankText: one or more characters of \\s, nothing else; the empty string is not blank', () => {
  const blank = [' ', '\n    ', '\t', '\u00a0', '\u1680', '\u2000\u200a', '\u2028\u2029', '\u202f\u205f\u3000', '\ufeff'];
  for (const s of blank)
    assert.equal(B.blankText(s), true, JSON.stringify(s));
  for (const s of ['', 'a', ' a', 'a ', '\u200b', '\u0001', ' \u00ad ', '\u180e'])
    assert.equal(B.blankText(s), false, JSON.stringify(s));
});
