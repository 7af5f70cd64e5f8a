// Draws badges on an overlay layer: one host element with a closed shadow root, never touching
// the page's own nodes (wrapping page text breaks React and friends: facebook/react#11538).
(function (root) {
  'use strict';

  // The badge sits like a superscript at the end of the match: raised half its height so it covers
  // as little of the next word as possible, while clearly belonging to the word it marks.
  const BADGE = 16; // px, badge diameter
  const OVERLAP = 1; // px the badge reaches back over the last letter
  const STYLE = `
    .layer { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; }
    .badge { all: initial; position: absolute; box-sizing: border-box; width: ${BADGE}px; height: ${BADGE}px;
      border-radius: 50%; border: 2px solid #fff; background: var(--c, #0f766e); color: #fff; cursor: pointer;
      font: 700 9px/12px system-ui, sans-serif; text-align: center; box-shadow: 0 1px 3px rgba(0,0,0,.45);
      pointer-events: auto; }
    .badge:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
    .badge[hidden] { display: none; }
    .card { all: initial; position: absolute; box-sizing: border-box; width: 280px; padding: 12px 14px;
      background: #fff; color: #111827; border: 1px solid #d1d5db; border-radius: 8px;
      box-shadow: 0 6px 24px rgba(0,0,0,.2); font: 14px/1.4 system-ui, sans-serif; pointer-events: auto; display: block; }
    .card[hidden] { display: none; }
    .card:focus { outline: none; }
    .name { display: block; font-weight: 700; font-size: 16px; margin: 0 24px 4px 0; }
    .rel, .owners { display: block; margin: 0 0 6px; color: #374151; }
    .cats { display: block; margin: 0 0 8px; }
    .cat { display: inline-block; margin: 0 4px 4px 0; padding: 1px 8px; border-radius: 999px; font-size: 12px;
      background: #f3f4f6; border-left: 4px solid var(--c, #9ca3af); }
    .link { color: #1d4ed8; text-decoration: underline; font-weight: 600; }
    .link:focus-visible, .close:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .close { all: initial; position: absolute; top: 6px; right: 8px; width: 24px; height: 24px; cursor: pointer;
      font: 18px/24px system-ui, sans-serif; text-align: center; color: #4b5563; border-radius: 4px; }
  `;

  const safeColor = (c) => (/^#[0-9a-f]{3,8}$/i.test(c || '') ? c : null);
  const httpsUrl = (u) => { try { return new URL(u).protocol === 'https:' ? new URL(u).href : null; } catch { return null; } };

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text; // dataset strings reach the DOM only as text
    return e;
  }

  // What the card says about a hit, e.g. "Whole Foods Market is a brand of Amazon".
  function relation(entry) {
    const c = entry.company.name;
    if (entry.kind === 'brand' && entry.brand) return `${entry.brand.name} is a brand of ${c}`;
    if (entry.kind === 'symbol') return `${entry.alias} is a stock symbol of ${c}`;
    return entry.alias && entry.alias !== c ? `“${entry.alias}” refers to ${c}` : null;
  }

  function create(doc) {
    let host = null, layer = null, card = null, cardFor = null;
    let hidden = false;
    const badges = []; // {range, button, block, company}
    const drawn = new WeakMap(); // block element -> Set(company id) with a badge already

    function ensureHost() {
      if (!host) {
        host = doc.createElement('backstory-overlay');
        // CSSOM, not a style attribute: a page CSP without 'unsafe-inline' would block the attribute.
        for (const [k, v] of [['position', 'absolute'], ['top', '0'], ['left', '0'], ['width', '0'], ['height', '0'],
          ['margin', '0'], ['padding', '0'], ['border', '0'], ['overflow', 'visible'], ['display', 'block'],
          ['z-index', '2147483647'], ['pointer-events', 'none']]) host.style.setProperty(k, v, 'important');
        const shadow = host.attachShadow({ mode: 'closed' });
        try { // constructed sheets are not subject to the page's style-src CSP
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(STYLE);
          shadow.adoptedStyleSheets = [sheet];
        } catch { shadow.append(el(doc, 'style', null, STYLE)); }
        layer = el(doc, 'div', 'layer');
        shadow.append(layer);
        // Keep page handlers ("click outside closes the menu") from reacting to our UI.
        for (const t of ['click', 'mousedown', 'pointerdown', 'keydown']) layer.addEventListener(t, (e) => e.stopPropagation());
        layer.addEventListener('keydown', (e) => { if (e.key === 'Escape' && card && !card.hidden) { closeCard(true); } });
      }
      if (hidden) host.style.setProperty('display', 'none', 'important');
      if (!host.isConnected) doc.documentElement.append(host); // the page may have removed it
    }

    function has(block, company) {
      return drawn.get(block)?.has(company) ?? false;
    }

    // items: [{range, block, entry}] where entry is the background's entry summary.
    function add(items) {
      if (!items.length) return;
      ensureHost();
      const fresh = [];
      for (const { range, block, entry } of items) {
        const company = entry.company.id;
        if (has(block, company)) continue;
        let set = drawn.get(block);
        if (!set) drawn.set(block, (set = new Set()));
        set.add(company);
        const b = el(doc, 'button', 'badge', (entry.company.name.trim()[0] || '?').toUpperCase());
        b.type = 'button';
        b.setAttribute('aria-label', `${entry.company.name} — details`);
        b.setAttribute('aria-haspopup', 'dialog');
        b.setAttribute('aria-expanded', 'false');
        b.title = `${entry.alias}: ${entry.company.name}`;
        const color = safeColor(entry.company.categories?.[0]?.color);
        if (color) b.style.setProperty('--c', color);
        const badge = { range, button: b, block, company, entry };
        b.addEventListener('click', () => toggleCard(badge));
        layer.append(b);
        badges.push(badge);
        fresh.push(badge);
      }
      position(fresh);
    }

    // Reads every rect first, then writes every style: one layout, no thrashing.
    function position(list = badges) {
      if (!host || !list.length) return;
      const origin = host.getBoundingClientRect();
      const places = list.map((b) => {
        if (!b.range.startContainer.isConnected || !b.range.endContainer.isConnected) return 'gone';
        const rects = b.range.getClientRects();
        const r = rects[rects.length - 1];
        return r && (r.width || r.height) ? r : null;
      });
      let removed = false;
      list.forEach((b, i) => {
        const r = places[i];
        if (r === 'gone') { remove(b); removed = true; return; }
        b.button.hidden = !r;
        if (!r) return;
        b.button.style.left = `${Math.round(r.right - origin.left - OVERLAP)}px`;
        b.button.style.top = `${Math.round(r.top - origin.top - BADGE / 2 + 2)}px`;
      });
      if (removed) for (let i = badges.length - 1; i >= 0; i--) if (!badges[i].button.isConnected) badges.splice(i, 1);
      if (card && !card.hidden && cardFor) placeCard();
    }

    function remove(b) {
      if (cardFor === b) closeCard(false);
      b.button.remove();
      drawn.get(b.block)?.delete(b.company);
    }

    function toggleCard(badge) {
      if (cardFor === badge && card && !card.hidden) { closeCard(true); return; }
      openCard(badge);
    }

    function openCard(badge) {
      if (cardFor) cardFor.button.setAttribute('aria-expanded', 'false');
      card?.remove();
      const { entry } = badge;
      card = el(doc, 'div', 'card');
      card.setAttribute('role', 'dialog');
      card.setAttribute('aria-label', entry.company.name);
      card.tabIndex = -1;
      card.append(el(doc, 'span', 'name', entry.company.name));
      const rel = relation(entry);
      if (rel) card.append(el(doc, 'span', 'rel', rel));
      const owners = (entry.owners || []).filter((o) => o.id !== entry.company.id);
      if (owners.length) {
        const text = owners.map((o) => (o.share != null ? `${o.name} (${Math.round(o.share * 1000) / 10}%)` : o.name)).join(', ');
        card.append(el(doc, 'span', 'owners', `Owned by ${text}`));
      }
      const cats = entry.company.categories || [];
      if (cats.length) {
        const box = el(doc, 'span', 'cats');
        for (const c of cats) {
          const chip = el(doc, 'span', 'cat', c.label);
          const color = safeColor(c.color);
          if (color) chip.style.setProperty('--c', color);
          box.append(chip);
        }
        card.append(box);
      }
      const url = httpsUrl(entry.company.profile_url);
      if (url) {
        const a = el(doc, 'a', 'link', 'Read the profile');
        a.setAttribute('href', url);
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
        card.append(a);
      }
      const close = el(doc, 'button', 'close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close');
      close.addEventListener('click', () => closeCard(true));
      card.append(close);
      cardFor = badge;
      badge.button.setAttribute('aria-expanded', 'true');
      layer.append(card);
      placeCard();
      card.focus({ preventScroll: true });
    }

    function placeCard() {
      const left = parseFloat(cardFor.button.style.left) || 0;
      const top = parseFloat(cardFor.button.style.top) || 0;
      const maxLeft = doc.documentElement.scrollWidth - 290;
      card.style.left = `${Math.max(0, Math.min(left - 8, maxLeft))}px`;
      card.style.top = `${top + BADGE + 6}px`;
    }

    function closeCard(refocus) {
      if (!card) return;
      card.remove();
      card = null;
      if (cardFor) {
        cardFor.button.setAttribute('aria-expanded', 'false');
        if (refocus) cardFor.button.focus({ preventScroll: true });
      }
      cardFor = null;
    }

    function setHidden(value) {
      hidden = value;
      if (host) host.style.setProperty('display', value ? 'none' : 'block', 'important');
      if (!value) position();
    }

    function destroy() {
      host?.remove();
      badges.length = 0;
    }

    return { has, add, position, setHidden, destroy, isHost: (n) => n === host, get count() { return badges.length; } };
  }

  const api = { create, relation };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryOverlay = api;
})(globalThis);
