// Puts the strings of _locales into an extension page: data-i18n="key" fills textContent,
// data-i18n-attr="attr:key;attr:key" fills attributes; sets the page's language and direction.
(function () {
  'use strict';
  const api = globalThis.BackstoryApi;
  const fmt = globalThis.BackstoryFormat.current();
  // A missing key shows as the key itself, so a forgotten string is visible on screen and in tests.
  const t = (key, subs) => api.i18n.getMessage(key, fmt.isolate(subs)) || key;
  // No plural rules in chrome.i18n: keys come in `_one` / `_other` pairs; $1 is the number, written
  // the language's way (format.js).
  const tn = (key, n) => t(`${key}_${fmt.plural(n)}`, [fmt.number(n)]);
  function apply(root = document) {
    for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of root.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of e.dataset.i18nAttr.split(';')) {
        const [attr, key] = pair.split(':').map((s) => s.trim());
        e.setAttribute(attr, t(key));
      }
    }
  }
  document.documentElement.lang = fmt.locale;
  document.documentElement.dir = fmt.dir;
  globalThis.BackstoryI18n = { t, tn, apply, fmt };
  apply();
})();
