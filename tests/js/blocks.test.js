// Unit tests for extension/content/blocks.js: block joining, batch splitting and offset mapping.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const B = require('../../extension/content/blocks.js');

const seg = (ref, block, text) => ({ ref, block, text });

test('text nodes of one block join directly, blocks join with U+2029', () => {
  const [batch] = B.buildBatches([seg('n1', 'p1', 'Whole '), seg('n2', 'p1', 'Foods'), seg('n3', 'p2', 'Market')], 100);
  assert.equal(batch.text, 'Whole Foods\u2029Market');
  assert.deepEqual(batch.segs.map((s) => [s.ref, s.start, s.end]), [['n1', 0, 6], ['n2', 6, 11], ['n3', 12, 18]]);
});

test('whitespace-only blocks and empty segments are dropped', () => {
  const [batch] = B.buildBatches([seg('a', 'x', '  \n '), seg('e', 'y', ''), seg('b', 'y', 'Zappos')], 100);
  assert.equal(batch.text, 'Zappos');
});

test('a new block starts when the block element changes, even back to an earlier one', () => {
  const [batch] = B.buildBatches([seg('a', 'div', 'one'), seg('b', 'p', 'two'), seg('c', 'div', 'three')], 100);
  assert.equal(batch.text, 'one\u2029two\u2029three');
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
  assert.deepEqual(batches.map((b) => b.segs[0].refStart), [0, 4, 8]);
  const hit = B.mapHits(batches[1], [1, 3, 0, 7])[0];
  assert.deepEqual([hit.start.offset, hit.end.offset], [5, 7]);
});

test('locate maps start and end offsets across node boundaries', () => {
  const [batch] = B.buildBatches([seg('n1', 'p', 'Whole '), seg('n2', 'p', 'Foods Market'), seg('n3', 'q', 'Ring')], 100);
  assert.deepEqual(B.locate(batch.segs, 0, false), { ref: 'n1', block: 'p', offset: 0 });
  assert.deepEqual(B.locate(batch.segs, 6, false), { ref: 'n2', block: 'p', offset: 0 });
  // End offset 6 is the end of n1, not the start of n2.
  assert.deepEqual(B.locate(batch.segs, 6, true), { ref: 'n1', block: 'p', offset: 6 });
  assert.deepEqual(B.locate(batch.segs, 18, true), { ref: 'n2', block: 'p', offset: 12 });
  assert.equal(B.locate(batch.segs, 18, false), null); // the separator belongs to no node
  assert.deepEqual(B.locate(batch.segs, 23, true), { ref: 'n3', block: 'q', offset: 4 });
});

test('mapHits turns flat engine output into node/offset pairs', () => {
  const [batch] = B.buildBatches([seg('n1', 'p', 'Buy Whole '), seg('n2', 'p', 'Foods Market now'), seg('n3', 'q', 'Zappos')], 100);
  const hits = B.mapHits(batch, [4, 22, 0, 3, 27, 33, 0, 9]);
  assert.deepEqual(hits.map((h) => [h.start.ref, h.start.offset, h.end.ref, h.end.offset, h.block, h.entry]),
    [['n1', 4, 'n2', 12, 'p', 3], ['n3', 0, 'n3', 6, 'q', 9]]);
});

test('mapHits drops hits crossing a block boundary or out of range', () => {
  const [batch] = B.buildBatches([seg('a', 'p', 'abc'), seg('b', 'q', 'def')], 100);
  assert.deepEqual(B.mapHits(batch, [1, 6, 0, 0, 50, 52, 0, 0]), []);
});

test('UTF-16 offsets: astral characters count as two code units', () => {
  const [batch] = B.buildBatches([seg('a', 'p', '\u{1F600} Ring')], 100);
  const [hit] = B.mapHits(batch, [3, 7, 0, 1]);
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
  assert.deepEqual(batch.segs.map((s) => [s.ref, s.block, s.start]), [['img', 'tile', 0], ['t1', 'tile', 6], ['t2', 'tile', 11]]);
});

test('textFirst puts text-node hits of a block before attribute hits', () => {
  const mapped = [
    { block: 'p', start: { ref: 'attr' }, entry: 1 }, { block: 'p', start: { ref: 'text' }, entry: 2 }, { block: 'q', start: { ref: 'attr' }, entry: 3 },
  ];
  const out = B.textFirst(mapped, (r) => r === 'text');
  assert.deepEqual(out.map((m) => m.entry), [2, 1, 3]);
});
