// Where a badge goes beside its mention: the first of a few spots around the matched text that
// covers no glyph of the page, stays inside the viewport's width and lies over the mention's own
// element. Pure geometry on plain rects ({left, top, right, bottom}), so node --test runs it
// (tests/js/place.test.js); overlay.js gathers the rects and answers the hit tests.

const GAP = 2; // px between the badge and the text it marks
const FAR = 8; // badge sizes: a badge further than this from its mention no longer reads as its own

// Spots for a badge of `size` px beside text whose first and last line boxes are `first` and
// `last`, best first: after the last word, centred on its line; above the last word; after the
// phrase the mention ends (`lineEnd`, the right edge of the text run it is part of), when near;
// before the first word; above the first; below the last. `box`: the match is an element's attribute (an image's
// alt, a button's label): inside its top corners first, then outside it, as for text.
function spots(first, last, size, lineEnd = null, box = false) {
  // Beside a line of text, centred on it. Beside an element taller than a badge (a product tile),
  // at its top: centred, the badge would sit down by the tile's caption and read as the caption's.
  const mid = (r) => r.top + (box ? Math.min(GAP, (r.bottom - r.top - size) / 2) : (r.bottom - r.top - size) / 2);
  const out = [];
  if (box) {
    out.push({ x: last.right - size - GAP, y: last.top + GAP, where: 'inside-end' });
    out.push({ x: last.left + GAP, y: last.top + GAP, where: 'inside-start' });
  }
  out.push({ x: last.right + GAP, y: mid(last), where: 'after' });
  out.push({ x: last.right - size, y: last.top - size - GAP, where: 'above-end' });
  // After the phrase the mention starts ("Amazon Limited"), while the badge stays within FAR
  // badges of the mention (its near edge, gap included: what a reader sees between them).
  if (lineEnd !== null && lineEnd > last.right + GAP && lineEnd + GAP - last.right <= FAR * size) out.push({ x: lineEnd + GAP, y: mid(last), where: 'line-end' });
  out.push({ x: first.left - size - GAP, y: mid(first), where: 'before' });
  out.push({ x: first.left, y: first.top - size - GAP, where: 'above-start' });
  out.push({ x: last.right - size, y: last.bottom + GAP, where: 'below-end' });
  return out.map((s) => ({ ...s, x: Math.round(s.x), y: Math.round(s.y) }));
}

// Whether two rects share more than `slack` px in both directions (touching is not overlapping).
const overlaps = (a, b, slack = 0.5) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;

const boxAt = (s, size) => ({ left: s.x, top: s.y, right: s.x + size, bottom: s.y + size });

// The right edge of the text that continues the mention's line without a gap wider than `size`:
// where a badge after the whole phrase ("Amazon Limited" -> after "Limited") would start.
function lineEndOf(last, glyphs, size) {
  let end = last.right;
  const sameLine = glyphs.filter((g) => g.bottom > last.top + 1 && g.top < last.bottom - 1 && g.right > end).sort((a, b) => a.left - b.left);
  for (const g of sameLine) {
    if (g.left - end > size + 2 * GAP) break;
    end = Math.max(end, g.right);
  }
  return end;
}

// Right-to-left text (an Arabic or Hebrew name) ends at its left: its spots are those of the
// mirror image, worked out left to right on rects flipped across x = 0 and flipped back.
// Plain objects: a DOMRect's sides are getters, which a spread would drop.
const flip = (r) => ({ left: -r.right, right: -r.left, top: r.top, bottom: r.bottom });
const unflip = (s, size) => ({ ...s, x: -s.x - size });

// The first spot that is inside [0, viewWidth] across, overlaps none of `glyphs` (the page's text
// boxes around the mention) and that `fits(box)` accepts (the hit test: the page element there is
// the mention's own or one that holds it). Returns {x, y, where} in the rects' coordinates, or
// null when every spot covers something. `rtl`: the mention is right-to-left text, so "after"
// and "end" are to its left.
function choose({ first, last, glyphs, size, viewWidth, box = false, fits = () => true, rtl = false }) {
  const [f, l, g] = rtl ? [flip(first), flip(last), glyphs.map(flip)] : [first, last, glyphs];
  const lineEnd = box ? null : lineEndOf(l, g, size);
  for (const m of spots(f, l, size, lineEnd, box)) {
    const s = rtl ? unflip(m, size) : m;
    const b = boxAt(s, size);
    if (b.left < 0 || b.right > viewWidth) continue;
    if (glyphs.some((g) => overlaps(b, g))) continue;
    if (!fits(b)) continue;
    return s;
  }
  return null;
}

// A badge whose text moved whole (an inner scroller scrolled, the page reflowed): its spot moved
// by as much, when the text kept its size and the moved badge stays inside the window's width;
// otherwise null, and the badge is placed anew. at: the spot, relative to the overlay's origin;
// was, box: the text's [left, top, right, bottom] then and now, in the same coordinates.
function follow(at, was, box, { size, originLeft, viewWidth }) {
  if (!at || !was || box[2] - box[0] !== was[2] - was[0] || box[3] - box[1] !== was[3] - was[1]) return null;
  const moved = { x: at.x + box[0] - was[0], y: at.y + box[1] - was[1] };
  const left = moved.x + originLeft;
  // Found on a real page (ostrichpillow, 390 px wide): a footer link moved whole took its badge
  // past the window's right edge.
  return left >= 0 && left + size <= viewWidth ? moved : null;
}

// Whether a name is written right to left: its first letter is Hebrew, Arabic or another
// right-to-left script. The page matched it as written, so the mention on the page runs the same way.
// A name with no character of those scripts' blocks is left to right without asking the Unicode
// property classes: compiling those two expressions cost 0.3 to 0.5 ms of the first badge on every
// page (bench/README.md), and names in right-to-left scripts are few.
const RTL_BLOCK = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|\ud803[\udec0-\udeff]|\ud83a[\udd00-\udd5f]|\ud83b[\ude00-\udeff]/;
// Built from strings on first need: a literal would be parsed with the function that holds it.
let rtlLetter = null, letter = null;
function rightToLeft(name) {
  const s = String(name ?? '');
  if (!RTL_BLOCK.test(s)) return false;
  rtlLetter ??= new RegExp('[\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}\\p{Script=Adlam}]', 'u');
  letter ??= new RegExp('\\p{L}', 'u');
  return rtlLetter.test(letter.exec(s)?.[0] ?? '');
}

export { GAP, FAR, spots, follow, overlaps, boxAt, lineEndOf, choose, rightToLeft };
