// The page side of the geometry check (scripts/lib/geometry.mjs): given the overlay's badge buttons
// (handed in over the DevTools protocol from the closed shadow root), finds the text each badge
// belongs to and checks the badge against the page. Runs in an isolated world of its own, so page
// scripts cannot change what it sees; serialized with toString, so it must not use outer names.
export function pageChecker() {
  // Tags whose text is never page text (collect.js skips the same, and the title of the document).
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'HEAD', 'TITLE', 'svg', 'SVG']);
  // Block tags, as collect.js knows them: a word never continues across one.
  const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BUTTON', 'CAPTION', 'DD', 'DETAILS', 'DIALOG',
    'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
    'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT',
    'TH', 'THEAD', 'TR', 'UL']);
  const ATTR_SELECTOR = 'img[alt], [aria-label], [title]';
  // The product title a structured-data badge is drawn at (structured.js, titleElement).
  const TITLE_SELECTOR = '[itemtype*="schema.org/Product"] [itemprop~="name"]:not(meta)';
  const SEP = ' ';

  // Folding close to the engine's normalization: case, accents and punctuation do not matter, so
  // "NASDAQ: AMZN" finds the alias "NASDAQ:AMZN" and "NESTLÉ" finds "Nestlé". Letters and digits
  // stay, everything else becomes one separator.
  const foldCache = new Map();
  function foldChar(ch) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) return ch;
      if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
      return SEP;
    }
    let f = foldCache.get(ch);
    if (f === undefined) {
      f = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
      f = /^[\p{L}\p{N}]+$/u.test(f) ? f : SEP;
      foldCache.set(ch, f);
    }
    return f;
  }
  function fold(s) {
    let out = '';
    for (const ch of s) { const f = foldChar(ch); if (f !== SEP || (out && !out.endsWith(SEP))) out += f; }
    return out.trim();
  }

  // ---- the page's text, folded, with a way back to (node, offset) ----------------------------------
  let index = null;
  function buildIndex() {
    const nodes = [], charNode = [], charOffset = [], parts = [];
    const skipMemo = new Map(), blockMemo = new Map();
    const skipped = (el) => {
      if (!el) return false;
      let v = skipMemo.get(el);
      if (v === undefined) { v = SKIP.has(el.tagName) || el.localName === 'backstory-overlay' || skipped(el.parentElement); skipMemo.set(el, v); }
      return v;
    };
    const blockOf = (el) => {
      let v = blockMemo.get(el);
      if (v === undefined) { v = !el.parentElement || BLOCK.has(el.tagName) ? el : blockOf(el.parentElement); blockMemo.set(el, v); }
      return v;
    };
    // Pieces go into an array joined once: asking a string built by += for its end flattens it each
    // time (seconds on a large page).
    let lastBlock = null, atSep = true;
    const sep = () => { if (!atSep) { parts.push(SEP); charNode.push(-1); charOffset.push(-1); atSep = true; } };
    const w = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const parent = n.parentElement;
      if (skipped(parent) || !/\S/.test(n.data)) continue;
      const ni = nodes.length;
      nodes.push(n);
      // A word may continue into the next text node of the same block ("Zap<b>pos</b>"), never into another block.
      const block = blockOf(parent);
      if (block !== lastBlock) sep();
      lastBlock = block;
      const data = n.data;
      for (let i = 0; i < data.length; i++) {
        let ch = data[i];
        const hi = data.charCodeAt(i);
        if (hi >= 0xd800 && hi <= 0xdbff && i + 1 < data.length) ch = data.slice(i, i + 2);
        const f = foldChar(ch);
        if (f === SEP) sep();
        else for (const x of f) { parts.push(x); charNode.push(ni); charOffset.push(i); atSep = false; }
        if (ch.length === 2) i += 1;
      }
    }
    const text = parts.join('');
    const attrs = [...document.querySelectorAll(ATTR_SELECTOR)].filter((el) => !skipped(el)).map((el) => ({
      el, folded: ['alt', 'aria-label', 'title'].map((a) => el.getAttribute(a)).filter(Boolean).map(fold).join(' | '),
    }));
    index = { nodes, text, charNode: Int32Array.from(charNode), charOffset: Int32Array.from(charOffset), attrs, nodeBoxes: null };
    return index;
  }

  // Every indexed text node's box in page coordinates, for finding the text near a badge.
  function nodeBoxes() {
    if (index.nodeBoxes) return index.nodeBoxes;
    const r = document.createRange();
    const sx = scrollX, sy = scrollY;
    index.nodeBoxes = index.nodes.map((n) => {
      r.selectNodeContents(n);
      const b = r.getBoundingClientRect();
      return b.width || b.height ? { left: b.left + sx, top: b.top + sy, right: b.right + sx, bottom: b.bottom + sy } : null;
    });
    return index.nodeBoxes;
  }

  const plain = (r) => r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  // The last box with a size: Firefox gives a range ending in a space a last box of width 0.
  const lastRect = (range) => { const rs = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1); return rs.length ? rs[rs.length - 1] : null; };
  const intersects = (a, b, slack = 0) => a.left < b.right + slack && b.left < a.right + slack && a.top < b.bottom + slack && b.top < a.bottom + slack;
  const gap = (a, b) => Math.hypot(Math.max(0, b.left - a.right, a.left - b.right), Math.max(0, b.top - a.bottom, a.top - b.bottom));
  const describe = (el) => {
    if (!el || el.nodeType !== 1) return String(el);
    const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 3).map((c) => `.${c}`).join('');
    const pos = getComputedStyle(el).position;
    return `${el.localName}${el.id ? `#${el.id}` : ''}${cls}${pos === 'fixed' || pos === 'sticky' ? ` (${pos})` : ''}`;
  };
  const snippet = (s, n = 60) => { const t = s.replace(/\s+/g, ' ').trim(); return t.length > n ? `${t.slice(0, n - 1)}…` : t; };
  // The element whose box the layout gives the text: inline runs belong to their nearest box that is
  // not inline (a link styled display:block is its own box).
  const boxOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const d = getComputedStyle(e).display;
      if (d !== 'inline' && d !== 'contents') return e;
    }
    return document.documentElement;
  };

  const aliasOf = (title) => (title.includes(':') ? title.slice(0, title.lastIndexOf(':')) : title);

  // Every place a badge for `want` (a folded alias) could be drawn from: its occurrences in the text
  // (a Range over them), elements whose alt/aria-label/title contain it (the extension's range over
  // the element), and the product title (structured data). near(textNodeIndex) can skip far text
  // before any layout is read. Each: {kind, range, rect (the range's last box), element}.
  function* candidates(want, near = () => true) {
    if (want) {
      const { text, charNode, charOffset, nodes } = index;
      for (let i = text.indexOf(want); i >= 0; i = text.indexOf(want, i + 1)) {
        const j = i + want.length - 1;
        if (charNode[i] < 0 || charNode[j] < 0 || !near(charNode[j])) continue;
        const range = document.createRange();
        try {
          range.setStart(nodes[charNode[i]], charOffset[i]);
          const end = nodes[charNode[j]];
          const eo = charOffset[j];
          range.setEnd(end, eo + (end.data.charCodeAt(eo) >= 0xd800 && end.data.charCodeAt(eo) <= 0xdbff ? 2 : 1));
        } catch { continue; }
        yield { kind: 'text', range, rect: lastRect(range), element: nodes[charNode[i]].parentElement };
      }
      for (const { el, folded } of index.attrs) {
        if (!folded.includes(want)) continue;
        const range = document.createRange();
        if (el.firstChild) range.selectNodeContents(el); else range.selectNode(el);
        // The extension badges an attribute match at its element's own box (place.js).
        const box = el.getBoundingClientRect();
        yield { kind: 'attribute', range, rect: box.width > 1 && box.height > 1 ? box : lastRect(range), element: el };
      }
    }
    const title = document.querySelector(TITLE_SELECTOR) ?? document.querySelector('h1');
    if (title) {
      const range = document.createRange();
      range.selectNodeContents(title);
      yield { kind: 'structured', range, rect: lastRect(range), element: title };
    }
  }

  // ---- which text a badge belongs to -----------------------------------------------------------------
  // The badge's alias (its title, "alias: Company") is looked for among the candidates above. The one
  // whose last box (the box the extension places the badge from) is nearest the badge wins. With
  // `data-anchor-rect` on the badge (the matched range's last box, in the coordinates of the badge's
  // own left/top) that box is known and only a candidate with that very box counts.
  const MAX_GAP = 24; // px between badge and text beyond which a badge counts as placed away from its text
  // With the badge's anchor known (data-anchor-rect), the farthest it may sit from that text: eight
  // badge widths, after the phrase the mention starts (extension/content/place.js, FAR).
  const FAR = 8 * 18;
  function anchorOf(button, box) {
    const want = fold(aliasOf(button.title ?? ''));
    let target = null;
    const rectAttr = button.getAttribute('data-anchor-rect');
    if (rectAttr) {
      const [x, y, w, h] = rectAttr.split(',').map(Number);
      const ox = box.left - parseFloat(button.style.left), oy = box.top - parseFloat(button.style.top);
      target = { left: x + ox, top: y + oy, right: x + ox + w, bottom: y + oy + h };
    }
    const score = (r) => (target
      ? Math.hypot(r.right - target.right, r.top - target.top) // the known box: the same box, within rounding
      : gap(box, r) * 10 + Math.hypot(box.left - r.right, box.top - r.top));
    const limit = target ? 3 : Infinity;
    const boxes = nodeBoxes();
    const pb = { left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX, bottom: box.bottom + scrollY };
    const near = (ni) => Boolean(boxes[ni]) && (target || gap(pb, boxes[ni]) <= MAX_GAP * 4);
    let best = null, nearest = null;
    for (const c of candidates(want, near)) {
      if (!c.rect) continue;
      c.s = score(c.rect);
      // The product title only when no occurrence of the name itself is as near: titles often hold names.
      if (c.kind === 'structured' && best && best.s <= c.s) continue;
      if (!nearest || c.s < nearest.s) nearest = c;
      if (c.s <= limit && (!best || c.s < best.s)) best = c;
    }
    if (best && !target && gap(box, best.rect) > MAX_GAP) best = null;
    // A known anchor still has to be near: on one of its lines or just above or below, within FAR
    // px. Any line of a name that wraps counts: the extension also places badges around its first
    // word (before it, above it), which for a wrapped name is a line away from its last box.
    if (best && target && Math.min(gap(box, best.rect), ...[...best.range.getClientRects()].map((r) => gap(box, r))) > FAR) return { missing: true, nearest: best };
    return best ?? { missing: true, nearest };
  }

  // Page y of every place the badges titled `titles` could be drawn from, sorted: where the caller
  // scrolls to see badges that have not been in view yet.
  function targets(titles) {
    if (!index) buildIndex();
    const ys = new Set();
    for (const want of new Set(titles.map((t) => fold(aliasOf(t))))) {
      for (const c of candidates(want)) if (c.rect && c.rect.width > 1 && c.rect.height > 1) ys.add(Math.round(c.rect.top + scrollY));
    }
    return [...ys].sort((a, b) => a - b);
  }

  // ---- the checks --------------------------------------------------------------------------------
  // px of overlap that do not count: a pixel of antialiasing, and over the matched text itself two,
  // since the badge reaches back over its last letter by one pixel by design, plus rounding.
  const TOLERANCE = 1, OWN_TOLERANCE = 2;
  const host = () => document.querySelector('backstory-overlay');

  // (a) Characters of page text whose boxes the badge covers: visible ones only (the element that
  // holds the text is hit at that point, so clipped and covered text does not count).
  function coveredText(box, anchor) {
    const boxes = nodeBoxes();
    const pb = { left: box.left + scrollX, top: box.top + scrollY, right: box.right + scrollX, bottom: box.bottom + scrollY };
    const hits = [];
    const r = document.createRange();
    for (let ni = 0; ni < boxes.length; ni++) {
      const b = boxes[ni];
      if (!b || !intersects(b, pb)) continue;
      const n = index.nodes[ni];
      const style = getComputedStyle(n.parentElement);
      if (style.visibility !== 'visible') continue;
      let run = null;
      for (let i = 0; i < n.data.length; i++) {
        if (/[\s\p{Cf}]/u.test(n.data[i])) { run = null; continue; } // no glyph: spaces, zero-width and format characters
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const own = anchor?.kind === 'text' && anchor.range.isPointInRange(n, i) && !(anchor.range.endContainer === n && anchor.range.endOffset === i);
        const tolerance = own ? OWN_TOLERANCE : TOLERANCE;
        let over = false;
        for (const c of r.getClientRects()) {
          const w = Math.min(c.right, box.right) - Math.max(c.left, box.left);
          const h = Math.min(c.bottom, box.bottom) - Math.max(c.top, box.top);
          if (w > tolerance && h > tolerance) {
            const x = (Math.max(c.left, box.left) + Math.min(c.right, box.right)) / 2;
            const y = (Math.max(c.top, box.top) + Math.min(c.bottom, box.bottom)) / 2;
            const at = document.elementsFromPoint(x, y).filter((e) => e !== host());
            if (at.includes(n.parentElement)) over = true;
          }
        }
        if (!over) { run = null; continue; }
        if (!run || run.own !== own) hits.push((run = { text: '', own, node: n }));
        run.text += n.data[i];
      }
    }
    return hits;
  }

  // What is wrong with where the badge of an alt/aria-label/title match on `el` sits, or null. It
  // must be at the element: on or touching its box (within ATTR_SLACK px), not away from it after
  // some other text (a price, a rating count), and in an element taller than a few lines (a product
  // tile) not down at the end of its other content, which then reads as the name of that.
  const TALL = 64, TOP = 32, ATTR_SLACK = 3; // px
  function attributePlace(el, rect, b) {
    const last = lastBoxed(el);
    const r = document.createRange();
    r.selectNodeContents(el);
    const e = union(el.getBoundingClientRect(), r.getBoundingClientRect());
    const at = `the element at ${Math.round(e.left)},${Math.round(e.top)} ${Math.round(e.right - e.left)}x${Math.round(e.bottom - e.top)}`;
    if (!intersects(b, e, ATTR_SLACK)) return `badge away from ${at}`;
    if (e.bottom - e.top > TALL && b.top - e.top > TOP) return `badge ${Math.round(b.top - e.top)} px down ${at}, after "${snippet(last?.textContent ?? '', 30)}"`;
    return null;
  }
  // The last node inside `el`, in tree order, that the layout gives a box: a text node or an element
  // without children (an image). Hidden ones have none.
  function lastBoxed(el) {
    const r = document.createRange();
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let last = null;
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.nodeType === 1 && n.firstChild) continue;
      if (n.nodeType === 3) r.selectNodeContents(n); else r.selectNode(n);
      if (r.getClientRects().length) last = n;
    }
    return last;
  }
  const union = (a, c) => (c.width || c.height
    ? { left: Math.min(a.left, c.left), top: Math.min(a.top, c.top), right: Math.max(a.right, c.right), bottom: Math.max(a.bottom, c.bottom) }
    : { left: a.left, top: a.top, right: a.right, bottom: a.bottom });

  // The page element on top at a point, our overlay host aside.
  function topAt(x, y) {
    return document.elementsFromPoint(x, y).find((e) => e !== host()) ?? null;
  }

  // badges: the buttons. Returns one entry per button: {title, hidden, box, anchor, violations}.
  // Only badges that are visible and at least partly inside the viewport are checked; the others are
  // checked at another scroll position.
  // boxesOnly: just {hidden, box} of each, for the caller to see placement settle.
  function check(badges, { rebuild = false, boxesOnly = false } = {}) {
    if (boxesOnly) return badges.map((button) => ({ hidden: button.hidden, box: plain(button.getBoundingClientRect()) }));
    if (!index || rebuild) buildIndex();
    const vw = document.documentElement.clientWidth, vh = innerHeight;
    const out = [];
    for (const button of badges) {
      const b = button.getBoundingClientRect();
      const hidden = button.hidden || b.width === 0 || b.height === 0;
      const entry = { title: button.title, label: button.getAttribute('aria-label'), hidden, box: plain(b), inView: false, violations: [] };
      out.push(entry);
      if (hidden) continue;
      entry.inView = b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw;
      // (b) inside the viewport across, and inside the document down (scrolling reaches it).
      if (b.left < 0 || b.right > vw || b.top + scrollY < 0) {
        entry.violations.push({ kind: 'viewport', detail: `box ${Math.round(b.left)}..${Math.round(b.right)} x, viewport 0..${vw}` });
      }
      if (!entry.inView || b.top < 0 || b.bottom > vh) continue; // partly scrolled away: checked where it is whole
      const anchor = anchorOf(button, b);
      if (anchor.missing) {
        const n = anchor.nearest;
        const where = n ? `; nearest ${n.kind} "${snippet(n.range.toString(), 40)}" ending at ${Math.round(n.rect.right)},${Math.round(n.rect.top)}, badge at ${Math.round(b.left)},${Math.round(b.top)}` : '; none on the page';
        entry.violations.push({ kind: 'unanchored', detail: `no "${button.title.replace(/:[^:]*$/, '')}" within ${MAX_GAP} px${where}` });
        continue;
      }
      entry.anchor = { kind: anchor.kind, rect: plain(anchor.rect), element: describe(anchor.element), text: snippet(anchor.range.toString(), 80) };
      // (a) no glyph of the page's text under the badge.
      const covered = coveredText(b, anchor);
      if (covered.length) {
        entry.violations.push({ kind: 'text', detail: covered.map((h) => `${h.own ? 'own ' : ''}"${snippet(h.text, 30)}" in ${describe(h.node.parentElement)}`).join('; ') });
      }
      // (c) what is on top at the badge's centre belongs to the matched text: the element, an
      // ancestor, or something inside the box the text is laid out in; not a banner or dialog.
      const cx = (b.left + b.right) / 2, cy = (b.top + b.bottom) / 2;
      const top = topAt(cx, cy);
      const el = anchor.element;
      const box = boxOf(el);
      if (top && !(top === el || top.contains(el) || el.contains(top) || box.contains(top))) {
        entry.violations.push({ kind: 'covered', detail: `${describe(top)}${top.textContent ? ` "${snippet(top.textContent, 40)}"` : ''} over ${describe(el)}` });
      }
      // (d) an attribute match sits at the element that carries the attribute.
      if (anchor.kind === 'attribute') {
        const why = attributePlace(el, anchor.rect, b);
        if (why) entry.violations.push({ kind: 'attribute', detail: `${describe(el)}: ${why}` });
      }
    }
    return out;
  }

  // The product title: the schema.org Product name, or its heading when it is part of one ("<h1><span
  // itemprop=brand>Canon</span> <span itemprop=name>EOS 5D</span></h1>"); else the first h1 laid out,
  // only on a page that says it is a product's (`product`): on a search page the h1 is the result count.
  function titleElement(product = true) {
    const boxed = (e) => e.getClientRects().length > 0;
    const named = [...document.querySelectorAll(TITLE_SELECTOR)].find(boxed);
    return named ? named.closest('h1, h2, h3') ?? named : product ? [...document.querySelectorAll('h1')].find(boxed) ?? null : null;
  }
  // The box of the first letter of `el`'s text, or null.
  function firstLetter(el) {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const i = n.data.search(/\S/);
      if (i < 0) continue;
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const box = r.getClientRects()[0];
      if (box) return box;
    }
    return null;
  }
  // Page y of the product title's first letter (the caller scrolls it into view), or null.
  function titleTop() {
    const t = titleElement();
    const box = t && firstLetter(t);
    return box ? box.top + scrollY : null;
  }

  // ---- the product title and the brand the page states (is a listed brand there badged?) ----------
  // The title: titleElement's. The brands: what
  // the structured data states (JSON-LD brand or manufacturer, microdata brand or manufacturer, the
  // product:brand meta tag), read here on their own rather than by the extension's reader, so the
  // measure does not take the extension's word for it. Returns {text, brands} folded, the titles of
  // the `badges` drawn on or beside the title (within MAX_GAP px), where a title's badge goes, and
  // whether the title is shown.
  function productTitle(badges) {
    const brands = new Set();
    let product = document.querySelector('meta[property="og:type"][content="product" i]') !== null;
    const nameOf = (v) => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof v.name === 'string' ? v.name : '');
    const visit = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 12) return;
      if (Array.isArray(node)) { for (const x of node) visit(x, depth + 1); return; }
      if ([node['@type']].flat().includes('Product')) product = true;
      for (const k of ['brand', 'manufacturer']) for (const v of [node[k]].flat()) if (nameOf(v)) brands.add(fold(nameOf(v)));
      for (const v of Object.values(node)) visit(v, depth + 1);
    };
    for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
      try { visit(JSON.parse(s.textContent), 0); } catch { /* malformed JSON-LD states nothing */ }
    }
    for (const e of document.querySelectorAll('[itemprop~="brand"], [itemprop~="manufacturer"]')) {
      const v = e.getAttribute('content') ?? e.querySelector('[itemprop~="name"]')?.getAttribute('content') ?? e.querySelector('[itemprop~="name"]')?.textContent ?? e.textContent;
      if (v && v.trim()) brands.add(fold(v));
    }
    for (const m of document.querySelectorAll('meta[property="product:brand"]')) if (m.content) brands.add(fold(m.content));
    const title = titleElement(product);
    if (!title) return { text: '', brands: [...brands], near: [] };
    const r = document.createRange();
    r.selectNodeContents(title);
    const box = union(title.getBoundingClientRect(), r.getBoundingClientRect());
    const near = badges.filter((b) => !b.hidden && gap(b.getBoundingClientRect(), box) <= MAX_GAP).map((b) => b.title);
    // Shown: the title's own text is on top at its first letter (no dialog or banner over it), where
    // a shopper can see it and the extension may badge it.
    const first = firstLetter(title);
    const at = first && topAt((first.left + first.right) / 2, (first.top + first.bottom) / 2);
    const shown = Boolean(at && (title.contains(at) || at.contains(title)));
    return { text: fold(title.textContent), brands: [...brands].filter(Boolean), near, shown };
  }

  // Page size, for the caller's scrolling.
  const size = () => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth, vh: innerHeight });

  return { check, targets, size, productTitle, titleTop };
}
