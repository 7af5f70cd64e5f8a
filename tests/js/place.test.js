// extension/content/place.js: the badge's spot beside its mention, never on the page's text.
const test = require('node:test');
const assert = require('node:assert/strict');
const P = require('../../extension/content/place.js');

const rect = (left, top, width, height) => ({ left, top, right: left + width, bottom: top + height });
const SIZE = 18;
const onAny = (s, glyphs) => glyphs.some((g) => P.overlaps(P.boxAt(s, SIZE), g));

test('a free space after the word: the badge sits there, on the word\'s line', () => {
  const word = rect(100, 50, 60, 20);
  const s = P.choose({ first: word, last: word, glyphs: [word], size: SIZE, viewWidth: 1280 });
  assert.equal(s.where, 'after');
  assert.ok(s.x >= word.right && s.y >= word.top - 1 && s.y + SIZE <= word.bottom + 1);
});

test('the next word follows at once ("Amazon Limited"): the badge never covers it', () => {
  // Found on real pages: the badge drawn on the first letter of the next word ("Amazon Ⓐimited").
  const amazon = rect(100, 50, 60, 20), rest = rect(100, 50, 130, 20); // the text node's line box
  const lineAbove = rect(100, 26, 300, 20);
  const s = P.choose({ first: amazon, last: amazon, glyphs: [rest, lineAbove], size: SIZE, viewWidth: 1280 });
  assert.ok(s, 'a spot exists after the phrase');
  assert.equal(s.where, 'line-end');
  assert.ok(!onAny(s, [rest, lineAbove]));
});

test('a phrase that runs on: after it only while the badge stays within FAR badges of the mention', () => {
  // Found on a real page (anntaylor): "PayPal" badged 145 px away, after the rest of its sentence,
  // which no longer reads as PayPal's badge. The limit counts the gap the badge keeps as well.
  const name = rect(100, 50, 60, 20), lineAbove = rect(0, 26, 1280, 20), lineBelow = rect(0, 74, 1280, 20);
  const glyphs = (end) => [rect(100, 50, end - 100, 20), lineAbove, lineBelow];
  const limit = name.right + P.FAR * SIZE - P.GAP; // the last phrase end that keeps the badge within FAR
  assert.equal(P.choose({ first: name, last: name, glyphs: glyphs(limit), size: SIZE, viewWidth: 1280 }).where, 'line-end');
  const far = P.choose({ first: name, last: name, glyphs: glyphs(limit + 1), size: SIZE, viewWidth: 1280 });
  assert.notEqual(far?.where, 'line-end', 'one pixel further, the badge would read as the next words\' own');
});

test('an attribute match on a tall tile whose caption fills its top: beside the tile at its top, not halfway down', () => {
  // Found on a real page (amazon.com): a name in a product tile link's title, the picture missing,
  // the caption at the tile's top; the badge went beside the tile 63 px down it, by the caption.
  const tile = rect(48, 267, 160, 144), caption = [rect(48, 267, 158, 18), rect(48, 285, 150, 18), rect(48, 303, 156, 18)];
  const s = P.choose({ first: tile, last: tile, glyphs: caption, size: SIZE, viewWidth: 1280, box: true });
  assert.equal(s.where, 'after');
  assert.ok(s.y - tile.top <= P.GAP, `at the tile's top, not ${s.y - tile.top} px down it`);
  // A short element (a button) keeps its badge centred beside it.
  const button = rect(300, 50, 80, 20);
  const b = P.choose({ first: button, last: button, glyphs: [rect(304, 52, 72, 16)], size: SIZE, viewWidth: 1280, box: true });
  assert.equal(b.y, button.top + 1);
});

test('no room anywhere: no spot rather than a badge on the text', () => {
  const word = rect(100, 50, 60, 20);
  const wall = rect(0, 0, 1280, 200);
  assert.equal(P.choose({ first: word, last: word, glyphs: [wall], size: SIZE, viewWidth: 1280 }), null);
});

test('never outside the viewport: a word at the right edge gets its badge on the left or above', () => {
  // Found on real pages: badges half cut off at the window's right edge.
  const word = rect(1220, 50, 55, 20), after = rect(1000, 50, 215, 20);
  const s = P.choose({ first: word, last: word, glyphs: [word, after], size: SIZE, viewWidth: 1280 });
  assert.ok(s && s.x + SIZE <= 1280 && s.x >= 0, JSON.stringify(s));
});

test('an attribute match (an image\'s alt) is badged inside its element\'s box, not after other text', () => {
  // Found on real pages: an alt-text match drawn after a price ("149,00 € Ⓐ").
  const img = rect(300, 100, 200, 150), price = rect(300, 260, 80, 20);
  const s = P.choose({ first: img, last: img, glyphs: [price], size: SIZE, viewWidth: 1280, box: true });
  assert.equal(s.where, 'inside-end');
  const b = P.boxAt(s, SIZE);
  assert.ok(b.left >= img.left && b.right <= img.right && b.top >= img.top && b.bottom <= img.bottom);
});

test('the hit test decides last: a spot over a picture or another element is skipped', () => {
  const word = rect(100, 50, 60, 20);
  const rejected = [];
  const s = P.choose({ first: word, last: word, glyphs: [word], size: SIZE, viewWidth: 1280, fits: (b) => { rejected.push(b); return rejected.length > 2; } });
  assert.equal(rejected.length, 3);
  assert.equal(s.where, 'before');
});

test('the phrase\'s end is found across a gap smaller than a badge, not across a column', () => {
  const last = rect(100, 50, 60, 20);
  assert.equal(P.lineEndOf(last, [rect(165, 50, 40, 20), rect(210, 50, 30, 20)], SIZE), 240);
  assert.equal(P.lineEndOf(last, [rect(400, 50, 40, 20)], SIZE), 160, 'a price in the next column is not the phrase');
  assert.equal(P.lineEndOf(last, [rect(165, 80, 40, 20)], SIZE), 160, 'the next line is not this line');
});

// Issue 21: a badge after a right-to-left word sits at its logical end, to the word's left.
test('right to left: the badge goes after the word, which is to its left', () => {
  const word = rect(300, 50, 60, 20);
  const s = P.choose({ first: word, last: word, glyphs: [word], size: SIZE, viewWidth: 1280, rtl: true });
  assert.equal(s.where, 'after');
  assert.equal(s.x + SIZE, word.left - P.GAP);
  assert.ok(s.y >= word.top - 1 && s.y + SIZE <= word.bottom + 1);
  // The same word read left to right keeps its badge on the right.
  assert.equal(P.choose({ first: word, last: word, glyphs: [word], size: SIZE, viewWidth: 1280 }).x, word.right + P.GAP);
});

test('right to left: the phrase goes on to the left ("شمس للتجارة"): the badge after the phrase, on no glyph', () => {
  const name = rect(300, 50, 40, 20), rest = rect(230, 50, 110, 20); // the text node's line box
  const lineAbove = rect(40, 26, 300, 20);
  const s = P.choose({ first: name, last: name, glyphs: [rest, lineAbove], size: SIZE, viewWidth: 1280, rtl: true });
  assert.equal(s.where, 'line-end');
  assert.equal(s.x + SIZE, rest.left - P.GAP);
  assert.ok(!onAny(s, [rest, lineAbove]));
});

test('right to left: two lines end at the left of the last line; at the window\'s left edge another spot', () => {
  const first = rect(600, 50, 200, 20), last = rect(700, 74, 100, 20);
  const s = P.choose({ first, last, glyphs: [first, last], size: SIZE, viewWidth: 1280, rtl: true });
  assert.equal(s.where, 'after');
  assert.ok(s.x + SIZE <= last.left && s.y >= last.top - 1, JSON.stringify(s));
  const edge = rect(4, 50, 60, 20);
  const e = P.choose({ first: edge, last: edge, glyphs: [edge], size: SIZE, viewWidth: 1280, rtl: true });
  assert.ok(e && e.x >= 0 && e.where !== 'after', JSON.stringify(e));
});

test('right to left: an attribute match is badged inside its element\'s top-left corner (its end)', () => {
  const img = rect(400, 100, 200, 150);
  const s = P.choose({ first: img, last: img, glyphs: [], size: SIZE, viewWidth: 1280, box: true, rtl: true });
  assert.equal(s.where, 'inside-end');
  assert.deepEqual([s.x, s.y], [img.left + P.GAP, img.top + P.GAP]);
});

test('right to left with DOMRect-like rects (sides as getters), as overlay.js passes them', () => {
  // A spread of a DOMRect keeps none of its sides: the flipped rects had no top and every spot
  // was NaN, and the hit test threw on it, leaving every badge of the page unplaced.
  class Rect { constructor(l, t, w, h) { this.l = l; this.t = t; this.w = w; this.h = h; }
    get left() { return this.l; } get top() { return this.t; } get right() { return this.l + this.w; } get bottom() { return this.t + this.h; } }
  const word = new Rect(300, 50, 60, 20);
  const s = P.choose({ first: word, last: word, glyphs: [word], size: SIZE, viewWidth: 1280, rtl: true });
  assert.deepEqual([s.where, s.x + SIZE, Number.isFinite(s.y)], ['after', word.left - P.GAP, true]);
});

test('text moved whole: its badge moves by as much, unless that takes it out of the window', () => {
  const opts = { size: SIZE, originLeft: 0, viewWidth: 390 };
  const at = { x: 300, y: 100 };
  assert.deepEqual(P.follow(at, [200, 100, 290, 118], [210, 140, 300, 158], opts), { x: 310, y: 140 });
  assert.equal(P.follow(at, [200, 100, 290, 118], [210, 140, 305, 158], opts), null, 'resized text is placed anew');
  // A footer link that moved right, near the edge of a narrow window: placed anew, not past the edge.
  assert.equal(P.follow(at, [200, 100, 290, 118], [275, 100, 365, 118], opts), null);
  assert.equal(P.follow(null, [200, 100, 290, 118], [210, 140, 300, 158], opts), null);
});

test('right to left: by the name\'s first letter, in every right-to-left script the card knows', () => {
  for (const name of ['Amazon', 'Zara زارا', 'Zara،', '7-Eleven', '', null, 'Ελληνικά', '東芝']) assert.equal(P.rightToLeft(name), false, name);
  // Hebrew, Arabic (and its presentation forms), punctuation or digits before the first letter, Adlam (astral).
  for (const name of ['שופרסל', 'أمازون', 'ﻻ', '«أمازون»', '7 أمازون', '\u{1E900}\u{1E901}', 'ܐܡܙܘܢ', 'ދިވެހި']) assert.equal(P.rightToLeft(name), true, name);
});

test('right to left: every letter of those scripts, in all of Unicode, is seen as one', () => {
  // The quick block check must never hide a right-to-left letter from the exact one.
  const rtl = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
  const missed = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (/\p{L}/u.test(c) && rtl.test(c) && !P.rightToLeft(c)) missed.push(cp.toString(16));
  }
  assert.deepEqual(missed, []);
});
