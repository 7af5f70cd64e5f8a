// Dataset text in the interface's language (DATASET.md, "Text in other languages"): a category's or
// company's `translations` hold text per language tag; each field shows the translation for the
// locale in use, else the dataset's own. The background applies it once to what the engine returns,
// so the content script's card, the popup and the profile page all get text in one language.
(function (root) {
  'use strict';

  const primary = (tag) => String(tag).split(/[-_]/)[0].toLowerCase();

  // The translations to try for `locale`, best first: the same tag ("pt-BR"), the language alone
  // ("pt"), then the language with another script or region ("pt-PT"), in the dataset's order.
  // Tags compare without regard to case or "_" versus "-" (chrome.i18n writes "pt_BR").
  function candidates(translations, locale) {
    if (!translations || typeof translations !== 'object' || Array.isArray(translations) || !locale) return [];
    const want = String(locale).replace(/_/g, '-').toLowerCase();
    const lang = primary(want);
    const tags = Object.keys(translations);
    const norm = (t) => t.replace(/_/g, '-').toLowerCase();
    const order = [
      ...tags.filter((t) => norm(t) === want),
      ...tags.filter((t) => norm(t) !== want && norm(t) === lang),
      ...tags.filter((t) => norm(t) !== want && norm(t) !== lang && primary(t) === lang),
    ];
    return order.map((t) => translations[t]).filter((t) => t && typeof t === 'object');
  }

  // One field of `item` in `locale`: the first candidate's non-empty text, else the item's own.
  function text(item, key, locale) {
    for (const t of candidates(item?.translations, locale)) {
      const v = t[key];
      if (typeof v === 'string' && v.trim()) return v;
    }
    return item?.[key];
  }

  // A translated profile replaces the whole list's text, and only when it has a section for each
  // section; each section keeps its own date and sources, which are the same in every language.
  function profile(item, locale) {
    const own = Array.isArray(item?.profile) ? item.profile : [];
    for (const t of candidates(item?.translations, locale)) {
      const p = t.profile;
      if (Array.isArray(p) && p.length === own.length && p.every((s) => s && typeof s.title === 'string' && typeof s.text === 'string')) {
        return p.map((s, i) => ({ ...own[i], title: s.title, text: s.text }));
      }
    }
    return own;
  }

  // A category ({id, label, description, color, translations?}) in `locale`, without its translations.
  function category(k, locale) {
    const { translations, ...rest } = k ?? {};
    return { ...rest, label: text(k, 'label', locale), description: text(k, 'description', locale) };
  }

  // A company as the engine's `company()` gives it (with `category_details`) in `locale`: name,
  // summary, profile and its categories' text; the translations themselves are dropped.
  function company(c, locale) {
    if (!c) return c;
    const { translations, ...rest } = c;
    const out = { ...rest, name: text(c, 'name', locale), summary: text(c, 'summary', locale), profile: profile(c, locale) };
    if (Array.isArray(c.category_details)) out.category_details = c.category_details.map((k) => category(k, locale));
    return out;
  }

  const out = { candidates, text, profile, category, company };
  if (typeof module === 'object' && module.exports) module.exports = out;
  else root.BackstoryDatasetText = out;
})(globalThis);
