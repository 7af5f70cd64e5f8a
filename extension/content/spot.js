// Where a badge goes, read from the page: the mention's line boxes, the page's text around it and
// under a candidate spot, and what the hit test finds there. place.js chooses among the spots; this
// file only reads layout (overlay.js writes the result, all reads before any write).
import * as Place from './place.js';

const BADGE = 18; // px, badge diameter (overlay.js draws it at this size)
const AROUND = 12; // text nodes read on each side of a mention for the glyphs a badge must not cover
const INSIDE = 64; // at most this many text nodes read inside an element whose attribute matched
const FIELD_LINES = 8; // a product field longer than this is no title: its end is not its mention's place

// isHost(el): whether el is the overlay's own host, which every hit test looks through.
function create(doc, { isHost }) {
  const win = doc.defaultView;
  // The mention's first and last line boxes: for text, its client rects with a size (Firefox gives a
  // link whose content ends in a space a last box of width 0); for an attribute, its element's box.
  function boxesOf(b) {
    if (b.own) {
      const r = ownBox(b);
      return r.width > 1 && r.height > 1 ? [r, r] : null;
    }
    const rects = [...b.range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
    return rects.length ? [rects[0], rects[rects.length - 1]] : null;
  }
  // The box a shopper sees as the element whose attribute matched. An inline element's own box is
  // only its line fragments: a link that wraps a product tile's picture and title (blocks inside
  // an inline) has a box of a line or two somewhere down the tile, so the tile is the union of the
  // element's box and its contents'. A block's box already holds its contents, and its contents
  // can overflow it (a menu's hidden panel): those keep the element's own box.
  const boxRange = doc.createRange();
  function ownBox(b) {
    const r = b.anchor.getBoundingClientRect();
    b.inline ??= /^(inline|contents)$/.test(win.getComputedStyle(b.anchor).display);
    if (!b.inline || !b.anchor.firstChild) return r;
    boxRange.selectNodeContents(b.anchor);
    const c = boxRange.getBoundingClientRect();
    if (!(c.width > 1 && c.height > 1)) return r;
    if (!(r.width > 1 && r.height > 1)) return c;
    const left = Math.min(r.left, c.left), top = Math.min(r.top, c.top), right = Math.max(r.right, c.right), bottom = Math.max(r.bottom, c.bottom);
    return { left, top, right, bottom, width: right - left, height: bottom - top };
  }

  // For one badge: 'same' (nothing to write), null (hide it), or the spot {x, y} relative to the host.
  function spotFor(b, origin, view, recheck) {
    const boxes = boxesOf(b);
    if (!boxes) { b.key = ''; b.box = null; return b.button.hidden ? 'same' : null; }
    const [first, last] = boxes;
    const box = [first.left - origin.left, first.top - origin.top, last.right - origin.left, last.bottom - origin.top].map(Math.round);
    // The last line box of the mention (x, y, width, height): where the text it marks ends.
    const key = [last.left - origin.left, last.top - origin.top, last.width, last.height].map(Math.round).join();
    const onScreen = last.bottom > 0 && last.top < view.height && last.right > 0 && last.left < view.width;
    if (key === b.key && (b.verified || !onScreen) && !(recheck && onScreen)) return 'same';
    // Moved whole (an inner scroller scrolled): the spot moves with it, confirmed at the next recheck.
    const was = b.box;
    b.box = box;
    b.key = key;
    const moved = recheck || b.fieldKey ? null : Place.follow(b.at, was, box, { size: BADGE, originLeft: origin.left, viewWidth: view.width });
    if (moved) {
      b.verified = false;
      b.at = moved;
      return b.at;
    }
    b.verified = onScreen;
    // Text under a banner, a dialog or a menu: no badge until it shows again (the next recheck).
    if (onScreen && covered(b, last)) { b.at = null; return null; }
    const fits = (box) => corners(box).every(([x, y]) => holds(b, x, y, view)) && !textUnder(box, view);
    let spot = Place.choose({ first, last, size: BADGE, viewWidth: view.width, box: b.own, rtl: b.rtl, glyphs: glyphsAround(b, first, last, view), fits });
    b.fieldKey = '';
    // A name in a product field (its title) with no free spot around it, as a word starting a line
    // of a large title that wraps has none: badged at the field's end, where the brand its
    // structured data states goes, rather than not at all. The field is what the badge is about.
    if (!spot && b.region === 'product' && !b.own) {
      const field = b.layoutBox ??= layoutBoxOf(b.anchor);
      boxRange.selectNodeContents(field);
      const lines = [...boxRange.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
      if (lines.length && lines.length <= FIELD_LINES) {
        const [head, tail] = [lines[0], lines[lines.length - 1]];
        spot = Place.choose({ first: head, last: tail, size: BADGE, viewWidth: view.width, rtl: b.rtl, glyphs: glyphsAround({ own: true, anchor: field }, head, tail, view), fits });
        if (spot) b.fieldKey = [tail.left - origin.left, tail.top - origin.top, tail.width, tail.height].map(Math.round).join();
      }
    }
    b.at = spot ? { x: Math.round(spot.x - origin.left), y: Math.round(spot.y - origin.top) } : null;
    return b.at;
  }

  // The boxes of the page's text around a mention, which its badge must not cover: the text nodes
  // of the mention's element and AROUND text nodes on each side of it in document order (the line
  // above and below, the price beside a title). Per line box of each node, not per glyph: a little
  // more than the glyphs, never less.
  const BLANK = /^\s*$/;
  function glyphsAround(b, first, last, view) {
    const area = { left: Math.min(first.left, last.left) - 3 * BADGE, top: Math.min(first.top, last.top) - 3 * BADGE, right: view.width, bottom: last.bottom + 3 * BADGE };
    const out = [];
    const range = doc.createRange();
    const take = (t) => {
      if (BLANK.test(t.data)) return false;
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) if (r.width > 0 && Place.overlaps(r, area, 0)) out.push(r);
      return true;
    };
    const start = b.own ? b.anchor : b.range.startContainer;
    const end = b.own ? b.anchor : b.range.endContainer;
    const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_TEXT);
    walker.currentNode = start;
    for (let n = 0; n < AROUND && walker.previousNode();) if (take(walker.currentNode)) n += 1;
    walker.currentNode = start;
    if (start.nodeType === 3) take(start);
    // Nodes of the mention itself (inside its element, or up to its last text node) do not count
    // toward AROUND; an element holding a whole list stops at INSIDE.
    let passed = !b.own && start === end, n = 0, inside = 0;
    while (n < AROUND && walker.nextNode()) {
      const t = walker.currentNode;
      const within = b.own ? b.anchor.contains(t) : !passed;
      if (!b.own && t === end) passed = true;
      if (within) { if (++inside <= INSIDE) take(t); } else if (take(t)) n += 1;
    }
    return out;
  }

  // Whether page text lies under a spot: the text of the elements hit at its corners, from the top
  // down through transparent ones to the first that hides what lies under it (opaque). The text
  // around the mention (glyphsAround) is near in document order; this catches text laid out
  // beside it from elsewhere in the document (a footer column's heading next to a row of icons, a
  // positioned label), and text seen through a transparent layer over it (two of Amazon's reviews
  // laid over each other in Firefox at 390 px). Each element's own text nodes only, a bounded
  // number of them, at most DEPTH elements deep: the other layer's elements come after all the
  // ancestors of the top one's.
  const UNDER = 16, DEPTH = 32;
  function textUnder(box, view) {
    const hides = new Map(); // element looked at -> whether it hides what lies under it
    for (const [x, y] of corners(box)) {
      if (x < 0 || y < 0 || x >= view.width || y >= view.height) continue;
      let depth = 0;
      for (const e of doc.elementsFromPoint(x, y)) {
        if (isHost(e)) continue;
        if (++depth > DEPTH) break;
        let stop = hides.get(e);
        if (stop === undefined) {
          if (ownTextUnder(e, box)) return true;
          hides.set(e, (stop = opaque(e)));
        }
        if (stop) break;
      }
    }
    return false;
  }
  function ownTextUnder(e, box) {
    let n = 0;
    for (let t = e.firstChild; t && n < UNDER; t = t.nextSibling) {
      if (t.nodeType !== 3 || BLANK.test(t.data)) continue;
      n += 1;
      boxRange.selectNodeContents(t);
      for (const r of boxRange.getClientRects()) if (r.width > 0 && Place.overlaps(box, r)) return true;
    }
    return false;
  }

  // The topmost page element at a point, our own host skipped; null off screen (no hit test there).
  function topAt(x, y, view) {
    if (x < 0 || y < 0 || x >= view.width || y >= view.height) return null;
    for (const e of doc.elementsFromPoint(x, y)) if (!isHost(e)) return e;
    return null;
  }
  // Whether an element hides what lies under it: a picture, or a box with a background image or a
  // background colour at least SEEN opaque. A link laid over a whole product tile (a common way to
  // make the tile clickable) is transparent: text under it is still seen, and a badge over it is
  // still over its own tile; so is a page's invisible full-window layer.
  const SEEN = 0.2;
  function opaque(e) {
    if (/^(img|video|canvas|iframe|svg|picture|embed|object)$/.test(e.localName)) return true;
    const s = win.getComputedStyle(e);
    if (s.backgroundImage !== 'none') return true;
    const rgba = s.backgroundColor.match(/[\d.]+/g) ?? [];
    const alpha = rgba.length >= 4 ? Number(rgba[3]) : rgba.length === 3 ? 1 : 0;
    return alpha >= SEEN;
  }
  // True when the element at (x, y) belongs to the mention: its element, an ancestor, a
  // descendant, or an element inside the box its text is laid out in (the nearest ancestor that
  // is not inline). A badge over a neighbour (the next column's cell, a reviewer's name above)
  // reads as that neighbour's. Unknown (off screen) counts as true.
  // A transparent layer laid on top (a page's invisible full-window element, a link stretched over
  // a tile) is looked through; a neighbour in the flow is not.
  function holds(b, x, y, view) {
    if (x < 0 || y < 0 || x >= view.width || y >= view.height) return true;
    const a = b.anchor;
    for (const e of doc.elementsFromPoint(x, y)) {
      if (isHost(e)) continue;
      if (e === a || e.contains(a) || a.contains(e)) return true;
      b.layoutBox ??= layoutBoxOf(a);
      if (b.layoutBox.contains(e)) return true;
      if (opaque(e) || !/^(absolute|fixed)$/.test(win.getComputedStyle(e).position)) return false; // a neighbour
    }
    return true;
  }
  function layoutBoxOf(el) {
    for (let e = el; e; e = e.parentElement) if (!/^(inline|contents)$/.test(win.getComputedStyle(e).display)) return e;
    return doc.documentElement;
  }
  // The mention itself is covered when the element on top of it is neither the mention's nor
  // transparent: a link laid over a whole product tile (a common way to make tiles clickable)
  // leaves the text seen; a cookie banner or a dialog does not.
  function coveredAt(b, x, y, view) {
    const top = topAt(x, y, view);
    if (!top) return false;
    const a = b.anchor;
    if (top === a || top.contains(a) || a.contains(top)) return false;
    for (let e = top; e && !e.contains(a); e = e.parentElement) if (opaque(e)) return true;
    return false;
  }
  // The badge's centre and its corners, 3 px in: a badge half over a picture is over the picture.
  const corners = (r) => [[(r.left + r.right) / 2, (r.top + r.bottom) / 2], [r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]];
  const covered = (b, r) => coveredAt(b, (r.left + r.right) / 2, (r.top + r.bottom) / 2, { width: win.innerWidth, height: win.innerHeight });

  return { spotFor };
}

export { create, BADGE };
