// Draws on an overlay layer: one host element with a closed shadow root, shown in the top layer so
// page elements cannot cover it, never touching the page's own nodes (wrapping page text breaks
// React and friends: facebook/react#11538). Holds the badges, the open card and the site notice.
(function (root) {
  'use strict';
  const Card = root.BackstoryCard;
  const Place = root.BackstoryPlace;

  // The badge sits beside the text it marks, never on it: place.js picks the spot, from the page's
  // own text boxes around the mention and a hit test where the mention is on screen.
  const BADGE = 18; // px, badge diameter: two letters at a readable size
  const NEAR = '400px 0px'; // badges are placed only for text within this margin of the viewport
  const AROUND = 12; // text nodes read on each side of a mention for the glyphs a badge must not cover
  const INSIDE = 64; // at most this many text nodes read inside an element whose attribute matched
  const FIELD_LINES = 8; // a product field longer than this is no title: its end is not its mention's place
  const HIGHLIGHT = 'backstory-match';
  const STYLE = `
    .layer { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; }
    .badge { all: initial; position: absolute; box-sizing: border-box; width: ${BADGE}px; height: ${BADGE}px;
      border-radius: 50%; border: 1.5px solid #fff; background: var(--c, var(--accent, #0f766e)); color: #fff; cursor: pointer;
      font: 700 9px/15px system-ui, sans-serif; letter-spacing: -0.2px; text-align: center; white-space: nowrap; overflow: hidden;
      box-shadow: 0 0 0 1px rgba(0,0,0,.55), 0 1px 3px rgba(0,0,0,.45); pointer-events: auto; }
    .badge.n3 { font-size: 7px; letter-spacing: -0.4px; }
    .badge:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .badge[hidden] { display: none; }
    .pop { position: absolute; pointer-events: auto; display: block; }
    .notice { all: initial; position: fixed; inset-inline-end: 16px; bottom: 16px; display: flex; gap: 10px; align-items: center;
      max-width: min(360px, calc(100vw - 32px)); box-sizing: border-box; padding: 8px; padding-inline-start: 12px; border-radius: 8px;
      background: #111827; color: #f9fafb; font: 13px/1.35 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.3);
      pointer-events: auto; border-inline-start: 6px solid var(--c, var(--accent, #0f766e)); }
    .notice button { all: initial; cursor: pointer; font: 600 13px/1.2 system-ui, sans-serif; color: #bfdbfe;
      text-decoration: underline; padding: 4px; border-radius: 4px; }
    .notice button.x { color: #e5e7eb; text-decoration: none; font-size: 18px; line-height: 18px; padding: 2px 6px; }
    .notice button:focus-visible { outline: 3px solid #60a5fa; outline-offset: 1px; }
  `;

  // Whether a name is written right to left: its first letter is Hebrew, Arabic or another
  // right-to-left script. The page matched it as written, so the mention on the page runs the same way.
  const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
  const rightToLeft = (name) => RTL_LETTER.test(/\p{L}/u.exec(String(name ?? ''))?.[0] ?? '');

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text; // dataset strings reach the DOM only as text
    return e;
  }

  // onActivate(badge): the badge was clicked or pressed (main.js builds and shows the card).
  // clock: {begin, end} (main.js) counts our own main-thread time; placing badges is part of it,
  // and stats.placeMs and stats.hostMs add the time spent placing them and creating the host;
  // stats.underlineFrameMs, the frame in which the browser paints the underline once registered.
  function create(doc, { onActivate = () => {}, clock = null, stats = null } = {}) {
    const win = doc.defaultView;
    let host = null, shadow = null, layer = null, pop = null, popFor = null, notice = null, cardStyled = false;
    let underline = false;
    let accent = null; // the organizer's colour (setAccent), for badges without a category colour and the card
    // {range, anchor, own, button, block, company, entry, near, box, key, at, verified}: own, a match
    // in an attribute (placed at its element's box); box and key, where its text was when last
    // placed; at, the spot then chosen; verified, whether a hit test confirmed that spot (possible
    // only on screen).
    const badges = [];
    const drawn = new WeakMap(); // block element -> Set(company id) with a badge already
    const byAnchor = new Map(); // anchor element -> Set(badge)
    const io = new win.IntersectionObserver(onIntersect, { rootMargin: NEAR });
    const highlight = typeof win.Highlight === 'function' && win.CSS?.highlights ? new win.Highlight() : null;

    function ensureHost() {
      if (!host) {
        const t0 = performance.now();
        host = doc.createElement('backstory-overlay');
        // CSSOM, not a style attribute: a page CSP without 'unsafe-inline' would block the attribute.
        // Inline !important also wins over any page rule aimed at this element.
        for (const [k, v] of [['position', 'absolute'], ['top', '0'], ['left', '0'], ['right', 'auto'], ['bottom', 'auto'],
          ['width', '0'], ['height', '0'], ['margin', '0'], ['padding', '0'], ['border', '0'], ['overflow', 'visible'],
          ['display', 'block'], ['background', 'transparent'], ['z-index', '2147483647'], ['pointer-events', 'none'],
          ['transform', 'none'], ['filter', 'none'], ['opacity', '1'], ['visibility', 'visible'], ['clip-path', 'none']]) {
          host.style.setProperty(k, v, 'important');
        }
        // The top layer sits above every z-index the page can set, so a page cannot cover badges.
        if (typeof host.showPopover === 'function') host.setAttribute('popover', 'manual');
        shadow = host.attachShadow({ mode: 'closed' });
        addStyle(STYLE);
        layer = el(doc, 'div', 'layer');
        if (accent) layer.style.setProperty('--accent', accent);
        shadow.append(layer);
        // Keep page handlers ("click outside closes the menu") from reacting to our UI.
        for (const t of ['click', 'mousedown', 'pointerdown', 'keydown', 'focusin']) layer.addEventListener(t, (e) => e.stopPropagation());
        layer.addEventListener('keydown', (e) => { if (e.key === 'Escape' && pop) closeCard(true); });
        if (stats) stats.hostMs += performance.now() - t0;
      }
      if (!host.isConnected) doc.documentElement.append(host); // the page may have removed it
      if (host.hasAttribute('popover') && !host.matches(':popover-open')) {
        try { host.showPopover(); } catch { /* an ancestor is not rendered yet; plain z-index still applies */ }
      }
    }

    function addStyle(css) {
      try { // constructed sheets are not subject to the page's style-src CSP
        const sheet = new win.CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      } catch { shadow.append(el(doc, 'style', null, css)); }
    }

    // Underline matched text with the CSS Custom Highlight API: no DOM change at all. The
    // ::highlight(backstory-match) rule is in underline.css, injected with this script (manifest
    // content_scripts.css, and page.js for added sites), so it is in the page's styles from their
    // first computation: registering the highlight only repaints the underlined text. (Adopting a
    // document sheet here instead restyled the whole page: a frame of up to 75 ms, bench/README.md.)
    // Turned off, the highlight is unregistered and the rule matches nothing.
    function setUnderline(on) {
      underline = Boolean(on) && Boolean(highlight);
      if (!highlight) return;
      if (!underline) win.CSS.highlights.delete(HIGHLIGHT);
      else if (highlight.size) showUnderline();
    }
    function showUnderline() {
      win.CSS.highlights.set(HIGHLIGHT, highlight);
    }

    // The organizer's colour (`backstory pack --color`; the background sends it only when white text
    // on it, and it on white, are readable): the badge of a company whose category has no colour,
    // the notice's edge, and the card's links and focus ring, in the light scheme.
    function setAccent(color) {
      accent = Card.safeColor(color);
      if (!layer) return;
      if (accent) layer.style.setProperty('--accent', accent); else layer.style.removeProperty('--accent');
    }

    function has(block, company) {
      return drawn.get(block)?.has(company) ?? false;
    }

    // items: [{range, anchor, block, entry, own?, region?}] where entry is the background's entry
    // summary, region the part of the page (region.js), and
    // own tells a match in an attribute (badged at its element's box; by default, a range that
    // starts at an element); a product title named by structured data is text, badged after it.
    function add(items) {
      if (!items.length) return;
      ensureHost();
      for (const { range, anchor, block, entry, own = range.startContainer.nodeType !== 3, region = null, why = null } of items) {
        const company = entry.company.id;
        if (has(block, company)) continue;
        let set = drawn.get(block);
        if (!set) drawn.set(block, (set = new Set()));
        set.add(company);
        // The engine's short label ("Am", "Al", "MP"); an older background sent none: first letter.
        const text = entry.company.badge || (entry.company.name.trim()[0] || '?').toUpperCase();
        const b = el(doc, 'button', text.length > 2 ? 'badge n3' : 'badge', text);
        b.type = 'button';
        b.hidden = true; // until the anchor is known to be near the viewport
        b.setAttribute('aria-label', entry.company.label ?? Card.badgeLabel(entry.company)); // label: from the background
        b.setAttribute('aria-haspopup', 'dialog');
        b.setAttribute('aria-expanded', 'false');
        b.title = `${entry.alias}: ${entry.company.name}`;
        if (region) b.dataset.region = region; // for tests and benchmarks (region.js), inside the closed root
        const color = Card.safeColor(entry.company.categories?.[0]?.color);
        if (color) b.style.setProperty('--c', color);
        const badge = { range, anchor, own, region, why, button: b, block, company, entry, near: false, box: null, key: '', at: null, verified: false,
          rtl: rightToLeft(entry.alias) };
        b.addEventListener('click', () => (popFor === badge ? closeCard(true) : onActivate(badge)));
        layer.append(b);
        badges.push(badge);
        holdsMemo = new WeakMap();
        let group = byAnchor.get(anchor);
        if (!group) { byAnchor.set(anchor, (group = new Set())); io.observe(anchor); }
        group.add(badge);
        if (highlight && range.startContainer.nodeType === 3) highlight.add(range);
      }
    }
    // A pass has drawn all it will: show the underline if anything is underlined, at the start of
    // the next frame, so that its paint falls in that frame and never inside a task of ours (when
    // showing it meant adopting a sheet, the next layout read of ours forced a whole-page restyle
    // inside our task: 22 ms on a large page).
    let commitFrame = 0;
    function commit() {
      if (commitFrame || !underline || !highlight.size || win.CSS.highlights.has(HIGHLIGHT)) return;
      commitFrame = win.requestAnimationFrame(() => {
        commitFrame = 0;
        if (!underline || !highlight.size) return;
        clock?.begin();
        const t0 = performance.now();
        showUnderline();
        clock?.end();
        // For the benchmark: the rest of this frame (style, layout and paint of the underline) runs
        // before the next task, so a timer measures it. Not our script's time: the browser's.
        if (stats) win.setTimeout(() => { stats.underlineFrameMs += performance.now() - t0; }, 0);
      });
    }

    function onIntersect(entries) {
      clock?.begin();
      const changed = [];
      for (const e of entries) {
        for (const b of byAnchor.get(e.target) ?? []) {
          b.near = e.isIntersecting;
          if (b.near) changed.push(b);
          else b.button.hidden = true;
        }
      }
      position(changed);
      clock?.end();
    }

    // Reads every rect first, then writes every style: one layout, no thrashing. Only badges near
    // the viewport are measured; a badge whose text left the document is removed. A badge whose
    // text has not moved since it was placed, and whose spot a hit test confirmed, costs one read:
    // an idle page whose badges stay put is not worked on. recheck: confirm spots again (after a
    // scroll or a click, something may now cover the text).
    // A pass places badges for at most PLACE_MS (each spot takes hit tests: a page that brings a
    // hundred badges into view at once made one task of 29 ms); the rest wait for the next frame.
    const PLACE_MS = 4;
    let later = null, laterRecheck = false, laterFrame = 0;
    function position(list, { recheck = false } = {}) {
      if (!host || !badges.length) return;
      const t0 = performance.now();
      try {
        const todo = list ?? badges.filter((b) => b.near);
        const done = place(todo, recheck, t0 + PLACE_MS);
        if (done < todo.length) placeLater(todo.slice(done), recheck);
      } finally { if (stats) stats.placeMs += performance.now() - t0; }
    }
    function placeLater(list, recheck) {
      later ??= new Set();
      for (const b of list) later.add(b);
      laterRecheck ||= recheck;
      if (laterFrame) return;
      laterFrame = win.requestAnimationFrame(() => {
        const rest = [...later].filter((b) => !b.removed && b.near);
        const again = laterRecheck;
        later = null; laterRecheck = false; laterFrame = 0;
        clock?.begin();
        position(rest, { recheck: again });
        clock?.end();
      });
    }
    // Places badges of `list` in order until `deadline` (at least one); returns how many it placed.
    function place(list, recheck, deadline = Infinity) {
      if (!list.length) return 0;
      ensureHost();
      const origin = host.getBoundingClientRect();
      const view = { width: doc.documentElement.clientWidth, height: win.innerHeight };
      const moves = [];
      for (const b of list) {
        moves.push(gone(b) ? 'gone' : spotFor(b, origin, view, recheck));
        if (performance.now() >= deadline) break;
      }
      list = list.slice(0, moves.length);
      const lost = [];
      list.forEach((b, i) => {
        const m = moves[i];
        if (m === 'gone') { lost.push(b); return; }
        if (m === 'same') return;
        b.button.hidden = !m;
        if (!m) return;
        b.button.style.left = `${m.x}px`;
        b.button.style.top = `${m.y}px`;
        // Where its mention is (or the end of the field it was placed at), in the same coordinates:
        // the geometry check (scripts/lib/) reads it to know which text a badge marks. Inside the
        // closed root, so no page sees it.
        const from = b.fieldKey || b.key;
        if (b.anchorRect !== from) b.button.setAttribute('data-anchor-rect', (b.anchorRect = from));
      });
      if (lost.length) remove(lost);
      if (pop && popFor) placeCard();
      return moves.length;
    }

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
          if (e === host) continue;
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
      for (const e of doc.elementsFromPoint(x, y)) if (e !== host) return e;
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
        if (e === host) continue;
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

    // Removes badges (a list, or those whose block lies inside `within`); returns their count.
    function remove(list) {
      const drop = new Set(list);
      if (!drop.size) return 0;
      for (const b of drop) {
        b.removed = true;
        if (popFor === b) closeCard(false);
        b.button.remove();
        drawn.get(b.block)?.delete(b.company);
        const group = byAnchor.get(b.anchor);
        group?.delete(b);
        if (group && !group.size) { byAnchor.delete(b.anchor); io.unobserve(b.anchor); }
        highlight?.delete(b.range);
      }
      for (let i = badges.length - 1; i >= 0; i--) if (drop.has(badges[i])) badges.splice(i, 1);
      holdsMemo = new WeakMap();
      return drop.size;
    }
    // Badges whose text left the document, near the viewport or not: without this, badges of content
    // an endless feed dropped stayed counted against the page's cap and new content got none.
    // A live Range moves to the removal point when its text is removed, so the anchor element tells.
    const gone = (b) => !b.anchor.isConnected || !b.range.startContainer.isConnected || !b.range.endContainer.isConnected;
    const prune = () => remove(badges.filter(gone));
    const removeWithin = (node) => remove(badges.filter((b) => node === b.block || node.contains(b.block)));
    const removeAll = () => remove(badges.slice());

    // ---- the card (built by main.js with BackstoryCard) ----------------------------------------
    function showCard(badge, cardEl) {
      closeCard(false);
      ensureHost();
      // The card's rules are parsed when a card first opens, not with the first badge: they are over
      // half of the overlay's styles, whose parsing took 0.4 ms of a median page's first badge.
      if (!cardStyled) { cardStyled = true; addStyle(Card.CSS); }
      pop = el(doc, 'div', 'pop');
      pop.append(cardEl);
      popFor = badge;
      badge?.button.setAttribute('aria-expanded', 'true');
      layer.append(pop);
      placeCard();
      cardEl.focus({ preventScroll: true });
      // Click outside closes it; pointerdown on our own UI is stopped inside the layer.
      win.addEventListener('pointerdown', outside, true);
    }
    function outside(e) {
      if (e.target !== host) closeCard(false);
    }
    function placeCard() {
      const origin = host.getBoundingClientRect();
      const anchor = popFor && !popFor.button.hidden ? popFor.button.getBoundingClientRect() : null;
      const w = pop.offsetWidth || 300, h = pop.offsetHeight || 200;
      const vw = doc.documentElement.clientWidth, vh = win.innerHeight;
      let left = 8, top = 8;
      if (anchor) {
        // A right-to-left card starts at its right edge: it hangs from the badge leftwards.
        const start = pop.firstElementChild?.getAttribute('dir') === 'rtl' ? anchor.right + 8 - w : anchor.left - 8;
        left = Math.max(8, Math.min(start, vw - w - 8));
        top = anchor.bottom + 6 + h <= vh ? anchor.bottom + 6 : Math.max(8, anchor.top - 6 - h);
      } else if (notice) {
        // Above the notice, at its corner: the window's right, or its left for a right-to-left
        // notice (inset-inline-end puts it there).
        left = notice.getAttribute('dir') === 'rtl' ? Math.max(8, notice.getBoundingClientRect().left) : Math.max(8, vw - w - 16);
        top = Math.max(8, vh - h - 72);
      }
      pop.style.left = `${Math.round(left - origin.left)}px`;
      pop.style.top = `${Math.round(top - origin.top)}px`;
    }
    function closeCard(refocus) {
      if (!pop) return;
      win.removeEventListener('pointerdown', outside, true);
      pop.remove();
      pop = null;
      const was = popFor;
      popFor = null;
      if (was) {
        was.button.setAttribute('aria-expanded', 'false');
        if (refocus && was.button.isConnected) was.button.focus({ preventScroll: true });
      } else if (refocus) notice?.querySelector('button')?.focus({ preventScroll: true });
    }

    // ---- the site notice ("You are shopping with Amazon") ------------------------------------------
    // parts: {text, color, openLabel, dismissLabel, onOpen, onDismiss}
    function showNotice(parts) {
      ensureHost();
      notice?.remove();
      notice = el(doc, 'div', 'notice');
      notice.setAttribute('role', 'status');
      // The interface's direction, as the card's (shared/card.js): its words are Backstory's.
      notice.setAttribute('dir', root.BackstoryFormat?.current().dir ?? 'auto');
      const color = Card.safeColor(parts.color);
      if (color) notice.style.setProperty('--c', color);
      notice.append(el(doc, 'span', 'msg', parts.text));
      const open = el(doc, 'button', 'open', parts.openLabel);
      open.type = 'button';
      open.addEventListener('click', () => parts.onOpen());
      const x = el(doc, 'button', 'x', '×');
      x.type = 'button';
      x.setAttribute('aria-label', parts.dismissLabel);
      x.addEventListener('click', () => { hideNotice(); parts.onDismiss(); });
      notice.append(open, x);
      layer.append(notice);
    }
    function hideNotice() {
      if (!notice) return;
      if (!popFor) closeCard(false);
      notice.remove();
      notice = null;
    }

    // Keyboard: the commands-API shortcut moves focus to the next badge in reading order.
    function focusNext() {
      if (!badges.length) return false;
      const sorted = badges.slice().sort((a, b) => (a.anchor.compareDocumentPosition(b.anchor) & 4 ? -1 : a === b ? 0 : 1));
      const active = sorted.findIndex((b) => b.button === hostActive());
      const next = sorted[(active + 1) % sorted.length];
      if (!next.near) next.anchor.scrollIntoView({ block: 'center' });
      next.near = true;
      position([next]);
      next.button.focus();
      return true;
    }
    // The focused element inside our closed root (the page only sees the host as active).
    function hostActive() {
      return layer?.getRootNode()?.activeElement ?? null;
    }

    // Badges near the viewport whose text lies inside `node` (an inner scroller that scrolled).
    const within = (node) => badges.filter((b) => b.near && node.contains(b.anchor));
    // Whether any badge's text lies inside `node`, remembered until badges are added or removed: a
    // carousel that scrolls itself every frame and holds no badge then costs one lookup a frame.
    let holdsMemo = new WeakMap();
    function holdsAny(node) {
      let v = holdsMemo.get(node);
      if (v === undefined) holdsMemo.set(node, (v = badges.some((b) => node.contains(b.anchor))));
      return v;
    }


    function destroy() {
      win.cancelAnimationFrame(commitFrame);
      win.cancelAnimationFrame(laterFrame);
      later = null;
      closeCard(false);
      io.disconnect();
      if (highlight) { highlight.clear(); win.CSS.highlights.delete(HIGHLIGHT); }
      host?.remove();
      badges.length = 0;
      byAnchor.clear();
    }

    return {
      add, commit, position, prune, removeWithin, removeAll, showCard, closeCard, showNotice, hideNotice,
      focusNext, setUnderline, setAccent, destroy, within, holdsAny,
      // For benchmarks: badges of a region (region.js), and how many of them are on screen now.
      inRegion: (name) => {
        const list = badges.filter((b) => b.region === name);
        return { badges: list.length, shown: list.filter((b) => !b.button.hidden).length };
      },
      isHost: (n) => n === host,
      get count() { return badges.length; },
      get placing() { return laterFrame !== 0; },
    };
  }

  const api = { create };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryOverlay = api;
})(globalThis);
