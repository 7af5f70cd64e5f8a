// Draws on an overlay layer: one host element with a closed shadow root, shown in the top layer so
// page elements cannot cover it, never touching the page's own nodes (wrapping page text breaks
// React and friends: facebook/react#11538). Holds the badges, the open card and the site notice.
(function (root) {
  'use strict';
  const Card = root.BackstoryCard;

  // The badge sits like a superscript at the end of the match: raised half its height so it covers
  // as little of the next word as possible, while clearly belonging to the word it marks.
  const BADGE = 16; // px, badge diameter
  const OVERLAP = 1; // px the badge reaches back over the last letter
  const NEAR = '400px 0px'; // badges are placed only for text within this margin of the viewport
  const HIGHLIGHT = 'backstory-match';
  const STYLE = `
    .layer { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; }
    .badge { all: initial; position: absolute; box-sizing: border-box; width: ${BADGE}px; height: ${BADGE}px;
      border-radius: 50%; border: 2px solid #fff; background: var(--c, #0f766e); color: #fff; cursor: pointer;
      font: 700 9px/12px system-ui, sans-serif; text-align: center; box-shadow: 0 0 0 1px rgba(0,0,0,.55), 0 1px 3px rgba(0,0,0,.45);
      pointer-events: auto; }
    .badge:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .badge[hidden] { display: none; }
    .pop { position: absolute; pointer-events: auto; display: block; }
    .notice { all: initial; position: fixed; inset-inline-end: 16px; bottom: 16px; display: flex; gap: 10px; align-items: center;
      max-width: min(360px, calc(100vw - 32px)); box-sizing: border-box; padding: 8px 8px 8px 12px; border-radius: 8px;
      background: #111827; color: #f9fafb; font: 13px/1.35 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.3);
      pointer-events: auto; border-inline-start: 6px solid var(--c, #0f766e); }
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
    let host = null, shadow = null, layer = null, pop = null, popFor = null, notice = null, cardStyled = false;
    let hidden = false, underline = false;
    const badges = []; // {range, anchor, button, block, company, entry, near}
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
        shadow.append(layer);
        // Keep page handlers ("click outside closes the menu") from reacting to our UI.
        for (const t of ['click', 'mousedown', 'pointerdown', 'keydown', 'focusin']) layer.addEventListener(t, (e) => e.stopPropagation());
        layer.addEventListener('keydown', (e) => { if (e.key === 'Escape' && pop) closeCard(true); });
        if (stats) stats.hostMs += performance.now() - t0;
      }
      if (hidden) host.style.setProperty('display', 'none', 'important');
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
    // document sheet here instead restyled the whole page: a frame of up to 75 ms, DESIGN.md.)
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

    function has(block, company) {
      return drawn.get(block)?.has(company) ?? false;
    }

    // items: [{range, anchor, block, entry}] where entry is the background's entry summary.
    function add(items) {
      if (!items.length) return;
      ensureHost();
      for (const { range, anchor, block, entry } of items) {
        const company = entry.company.id;
        if (has(block, company)) continue;
        let set = drawn.get(block);
        if (!set) drawn.set(block, (set = new Set()));
        set.add(company);
        const b = el(doc, 'button', 'badge', (entry.company.name.trim()[0] || '?').toUpperCase());
        b.type = 'button';
        b.hidden = true; // until the anchor is known to be near the viewport
        b.setAttribute('aria-label', entry.company.label ?? Card.badgeLabel(entry.company)); // label: from the background
        b.setAttribute('aria-haspopup', 'dialog');
        b.setAttribute('aria-expanded', 'false');
        b.title = `${entry.alias}: ${entry.company.name}`;
        const color = Card.safeColor(entry.company.categories?.[0]?.color);
        if (color) b.style.setProperty('--c', color);
        const badge = { range, anchor, button: b, block, company, entry, near: false };
        b.addEventListener('click', () => (popFor === badge ? closeCard(true) : onActivate(badge)));
        layer.append(b);
        badges.push(badge);
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
    // the viewport are measured; a badge whose text left the document is removed.
    function position(list) {
      if (!host || !badges.length) return;
      const t0 = performance.now();
      try { place(list ?? badges.filter((b) => b.near)); } finally { if (stats) stats.placeMs += performance.now() - t0; }
    }
    function place(list) {
      if (!list.length) return;
      ensureHost();
      const origin = host.getBoundingClientRect();
      const places = list.map((b) => {
        if (gone(b)) return 'gone';
        const rects = b.range.getClientRects();
        const r = rects[rects.length - 1];
        return r && r.width > 1 && r.height > 1 ? r : null;
      });
      const lost = [];
      list.forEach((b, i) => {
        const r = places[i];
        if (r === 'gone') { lost.push(b); return; }
        b.button.hidden = !r;
        if (!r) return;
        b.button.style.left = `${Math.round(r.right - origin.left - OVERLAP)}px`;
        b.button.style.top = `${Math.round(r.top - origin.top - BADGE / 2 + 2)}px`;
      });
      if (lost.length) remove(lost);
      if (pop && popFor) placeCard();
    }

    // Removes badges (a list, or those whose block lies inside `within`); returns their count.
    function remove(list) {
      const drop = new Set(list);
      if (!drop.size) return 0;
      for (const b of drop) {
        if (popFor === b) closeCard(false);
        b.button.remove();
        drawn.get(b.block)?.delete(b.company);
        const group = byAnchor.get(b.anchor);
        group?.delete(b);
        if (group && !group.size) { byAnchor.delete(b.anchor); io.unobserve(b.anchor); }
        highlight?.delete(b.range);
      }
      for (let i = badges.length - 1; i >= 0; i--) if (drop.has(badges[i])) badges.splice(i, 1);
      return drop.size;
    }
    // Badges whose text left the document, near the viewport or not: without this, badges of content
    // an endless feed dropped stayed counted against the page's cap and new content got none.
    // A live Range moves to the removal point when its text is removed, so the anchor element tells.
    const gone = (b) => !b.anchor.isConnected || !b.range.startContainer.isConnected || !b.range.endContainer.isConnected;
    const prune = () => remove(badges.filter(gone));
    const removeWithin = (node) => remove(badges.filter((b) => node === b.block || node.contains(b.block)));
    const removeAll = () => remove(badges.slice());
    const removeCompany = (company) => remove(badges.filter((b) => b.company === company));

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
        left = Math.max(8, Math.min(anchor.left - 8, vw - w - 8));
        top = anchor.bottom + 6 + h <= vh ? anchor.bottom + 6 : Math.max(8, anchor.top - 6 - h);
      } else if (notice) {
        left = Math.max(8, vw - w - 16);
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
      notice.setAttribute('dir', 'auto');
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

    function setHidden(value) {
      hidden = value;
      if (host) host.style.setProperty('display', value ? 'none' : 'block', 'important');
      if (!value) position();
    }

    function destroy() {
      win.cancelAnimationFrame(commitFrame);
      closeCard(false);
      io.disconnect();
      if (highlight) { highlight.clear(); win.CSS.highlights.delete(HIGHLIGHT); }
      host?.remove();
      badges.length = 0;
      byAnchor.clear();
    }

    return {
      has, add, commit, position, prune, removeWithin, removeAll, removeCompany, showCard, closeCard, showNotice, hideNotice,
      focusNext, setHidden, setUnderline, destroy,
      isHost: (n) => n === host,
      get count() { return badges.length; },
      get cardOpen() { return Boolean(pop); },
    };
  }

  const api = { create };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryOverlay = api;
})(globalThis);
