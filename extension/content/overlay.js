// Draws on an overlay layer: one host element with a closed shadow root, shown in the top layer so
// page elements cannot cover it, never touching the page's own nodes (wrapping page text breaks
// React and friends: facebook/react#11538). Holds the badges, the open card and the site notice.
import Card from '../shared/card.js';
import * as Place from './place.js';
import * as Popups from './popups.js';
import * as Spot from './spot.js';

// The badge sits beside the text it marks, never on it: place.js picks the spot, from the page's
// own text boxes around the mention and a hit test where the mention is on screen.
const BADGE = Spot.BADGE; // px, badge diameter: two letters at a readable size
const NEAR = '400px 0px'; // badges are placed only for text within this margin of the viewport
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
  let host = null, shadow = null, layer = null;
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
  const spot = Spot.create(doc, { isHost: (e) => e === host });
  const popups = Popups.create(doc, { ensureHost, host: () => host, layer: () => layer, addStyle, el: (tag, cls, text) => el(doc, tag, cls, text) });
  const { showCard, closeCard, showNotice, hideNotice } = popups;
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
      layer.addEventListener('keydown', (e) => { if (e.key === 'Escape' && popups.open) closeCard(true); });
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
        rtl: Place.rightToLeft(entry.alias) };
      b.addEventListener('click', () => (popups.isOpenFor(badge) ? closeCard(true) : onActivate(badge)));
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
      moves.push(gone(b) ? 'gone' : spot.spotFor(b, origin, view, recheck));
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
    if (popups.open) popups.placeCard();
    return moves.length;
  }

  // Removes badges (a list, or those whose block lies inside `within`); returns their count.
  function remove(list) {
    const drop = new Set(list);
    if (!drop.size) return 0;
    for (const b of drop) {
      b.removed = true;
      if (popups.isOpenFor(b)) closeCard(false);
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

export { create };
