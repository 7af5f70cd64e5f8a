// Numbers, dates, lists and plural forms in the interface's language, through Intl: one module for
// every context that writes them (extension pages, the content script's card, the background's
// badge labels).
(function (root) {
  'use strict';
  const api = () => root.BackstoryApi ?? root.browser ?? root.chrome;
  function message(key) {
    try { return api()?.i18n?.getMessage(key) ?? ''; } catch { return ''; }
  }

  // Language and direction come from the catalog in use (keys locale_tag and locale_dir of each
  // messages.json), not from @@ui_locale / @@bidi_dir: those follow the browser, so a Hebrew browser,
  // for which Backstory has no catalog, would get the English text laid out right to left.
  function forLocale(tag, dir = 'ltr') {
    let locale = 'en';
    try { locale = Intl.getCanonicalLocales(tag)[0] ?? 'en'; } catch { /* not a BCP 47 tag: English */ }
    const rtl = dir === 'rtl';
    const numbers = new Intl.NumberFormat(locale);
    const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    // Dataset dates are calendar days (DATASET.md: YYYY-MM-DD), not instants: read and shown in UTC,
    // so no time zone moves them to the day before.
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    const months = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const instants = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    // "A, B and C" as the language writes it (Intl's "unit" lists lose the separator in Chinese).
    const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
    const plurals = new Intl.PluralRules(locale);
    let regions = null;
    try { regions = new Intl.DisplayNames(locale, { type: 'region' }); } catch { /* no DisplayNames: codes */ }
    return {
      locale, dir: rtl ? 'rtl' : 'ltr',
      number: (n) => (Number.isFinite(n) ? numbers.format(n) : String(n)),
      // share: a percentage as the dataset writes it (60 for 60 %).
      percent: (share) => percents.format(share / 100),
      // "2026-01-05" -> "5 January 2026"; "2026-01" -> "January 2026"; anything else unchanged.
      date(iso) {
        const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(iso ?? ''));
        if (!m) return String(iso ?? '');
        const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
        return Number.isNaN(d.getTime()) ? String(iso) : (m[3] ? days : months).format(d);
      },
      // A moment (a timestamp or an ISO date-time) in the user's own time zone.
      dateTime(v) {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? String(v ?? '') : instants.format(d);
      },
      list: (items) => lists.format(items.map(String)),
      // A dataset market's country code ("cn", "gb") as the language names the country.
      region(code) {
        const c = String(code ?? '').toUpperCase();
        try { return (/^[A-Z]{2}$/.test(c) && regions?.of(c)) || String(code ?? ''); } catch { return String(code ?? ''); }
      },
      // The same list as parts ({type: 'element' | 'literal', value}), to put links in its places.
      listParts: (items) => lists.formatToParts(items.map(String)),
      // chrome.i18n has no plural rules: keys come as `_one` / `_other`, and a language whose other
      // forms differ (Polish, Arabic) words its `_other` so that it fits every count.
      plural: (n) => (plurals.select(n) === 'one' ? 'one' : 'other'),
      // In a right-to-left sentence, a substituted name or number is set apart (Unicode FSI...PDI),
      // so its own direction cannot reorder the words around it ("Acme (60%)" in Arabic text).
      isolate: (subs) => (rtl && Array.isArray(subs) ? subs.map((s) => `\u2068${s}\u2069`) : subs),
    };
  }

  // The interface's formats, made on first use: in a content script the first getMessage loads the
  // message catalog (bench/README.md), and a page that only shows badges never needs it.
  let ui = null;
  const current = () => (ui ??= forLocale(message('locale_tag') || 'en', message('locale_dir') || 'ltr'));

  const out = { forLocale, current };
  if (typeof module === 'object' && module.exports) module.exports = out;
  else root.BackstoryFormat = out;
})(globalThis);
