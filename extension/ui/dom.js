// DOM helpers for extension pages. Dataset strings go in only as textContent or attributes, and
// links only when they are https, so a dataset can never inject markup or script.
(function () {
  'use strict';
  // el('p', {class: 'muted', dir: 'auto'}, 'text' | node, ...): attributes by setAttribute, children as text nodes.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) if (v != null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
    for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const { httpsUrl } = globalThis.BackstorySafe; // shared/safe.js, loaded before this file
  // An external link that opens in a new tab, or plain text when the URL is not https.
  function link(url, text) {
    const href = httpsUrl(url);
    return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' }, text) : el('span', { dir: 'auto' }, text);
  }
  // The colour goes in a custom property, and only when it is a plain #rrggbb.
  function chip(cat, tag = 'li') {
    const c = el(tag, { class: 'chip', dir: 'auto', title: cat.description ?? null }, cat.label);
    if (/^#[0-9a-fA-F]{6}$/.test(cat.color ?? '')) c.style.setProperty('--c', cat.color);
    return c;
  }
  const chips = (cats) => el('ul', { class: 'chips' }, (cats ?? []).map((c) => chip(c)));
  globalThis.BackstoryDom = { el, link, chip, chips };
})();
