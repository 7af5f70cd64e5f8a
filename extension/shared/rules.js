// Pure rules for the content script: reading the user's settings, which matches are hidden, which
// wait for the page to confirm them, and the per-tab findings report. No DOM access here, so node --test can run it (tests/js/rules.test.js).
(function (root) {
  'use strict';

  const DISPLAYS = ['badges+underline', 'badges', 'notice', 'off'];

  // storage.local `settings` (shared contract with options and popup); absent or malformed fields
  // mean defaults, so a half-written or older settings object never breaks the page.
  function readSettings(raw) {
    const s = raw && typeof raw === 'object' ? raw : {};
    const strings = (a) => (Array.isArray(a) ? a.filter((x) => typeof x === 'string') : []);
    return {
      display: DISPLAYS.includes(s.display) ? s.display : 'badges+underline',
      // false (the default): no badge in menus, footers, buttons and dialogs; the popup lists those.
      showAll: s.showAll === true,
      hiddenCategories: strings(s.hiddenCategories),
      pausedSites: strings(s.pausedSites).map((h) => h.toLowerCase()),
      hiddenMatches: (Array.isArray(s.hiddenMatches) ? s.hiddenMatches : [])
        .filter((h) => h && typeof h.host === 'string' && typeof h.company === 'string' && typeof h.alias === 'string'),
    };
  }

  const fold = (s) => String(s).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

  // Nothing at all runs on a paused site or with display "off".
  function pageOff(settings, host) {
    return settings.display === 'off' || settings.pausedSites.includes(String(host).toLowerCase());
  }

  // A company is hidden when every one of its categories is hidden: a company also listed under a
  // category the user keeps still shows. A company without categories is never hidden this way.
  function categoryHidden(company, settings) {
    const cats = company.categories ?? [];
    if (!cats.length || !settings.hiddenCategories.length) return false;
    return cats.every((c) => settings.hiddenCategories.includes(c.id));
  }

  // "Not this company — hide on this site": the alias (case-insensitive) for that company on that host.
  function matchHidden(entry, host, settings) {
    if (!settings.hiddenMatches.length) return false; // the common case
    const h = String(host).toLowerCase();
    const a = fold(entry.alias);
    return settings.hiddenMatches.some((m) => m.host.toLowerCase() === h && m.company === entry.company.id && fold(m.alias) === a);
  }

  function suppressed(entry, host, settings) {
    return categoryHidden(entry.company, settings) || matchHidden(entry, host, settings);
  }

  // Adds a hidden match to settings (returns a new raw settings object; keeps fields it does not know).
  function withHiddenMatch(raw, host, company, alias) {
    const base = raw && typeof raw === 'object' ? raw : {};
    const list = Array.isArray(base.hiddenMatches) ? base.hiddenMatches.slice() : [];
    if (!list.some((m) => m && m.host === host && m.company === company && fold(m.alias) === fold(alias))) list.push({ host, company, alias });
    return { ...base, hiddenMatches: list };
  }

  // findings: iterable of {company, alias, kind, brand, badgeable} (one per block and company).
  // Returns the `report` message body: companies in first-seen order, each with its matches grouped
  // by alias; `quiet` counts the matches given no badge (in the page's menus, footer, buttons or
  // dialogs, or the site's own names), which the popup lists apart.
  function summarize(findings, capped) {
    const companies = new Map();
    for (const f of findings) {
      let c = companies.get(f.company);
      if (!c) companies.set(f.company, (c = { id: f.company, matches: new Map() }));
      const key = `${f.kind}\u0000${f.alias}`;
      const m = c.matches.get(key);
      const quiet = f.badgeable === false ? 1 : 0;
      if (m) { m.count += 1; m.quiet += quiet; } else c.matches.set(key, { alias: f.alias, kind: f.kind, brand: f.brand ?? null, count: 1, quiet });
    }
    return {
      companies: [...companies.values()].map((c) => ({ id: c.id, matches: [...c.matches.values()] })),
      capped: Math.max(0, capped | 0),
    };
  }

  // The page-level rule for hits the judge says wait (src/confirm.rs, DATASET.md): such a hit stands
  // only once the page names its company by a hit that does not wait, which may come in a later
  // batch or pass. Items are [hit, entry] pairs, hit.block their text block, hit.waits the judge's. `name` records
  // companies the page names (call it with every hit of a batch, before any is dropped); `admit`
  // returns the items that stand now, held ones released first. One item is held per block and
  // company (a rescan replaces it), at most `maxHeld` in all, the oldest dropped first: held items
  // keep their nodes alive. `alive(item)` drops held items whose text has left the page; `forget`
  // drops those of blocks about to be rescanned. A brand's name that waits for want of its context
  // word needs the brand itself named, not only its owner ("Ring" on an Amazon page that sells
  // silver rings): its key is the brand's (`needs`), as in src/confirm.rs.
  // Such a name also needs a name of its company, not a stock symbol ("$CAT 10 shares" says nothing
  // of "CAT toy for the kitten").
  const brandKey = (id) => `brand:${id}`;
  const nameKey = (id) => `name:${id}`;
  // What a hit that does not wait names: its company, by a name unless it is a symbol, and its brand.
  const namesOf = (entry) => (entry ? [entry.company.id,
    ...(entry.kind !== 'symbol' ? [nameKey(entry.company.id)] : []), ...(entry.brand?.id ? [brandKey(entry.brand.id)] : [])] : []);
  // What a waiting item needs named.
  const needs = ([hit, entry]) => {
    if (hit.why?.id !== 'context-on-page') return entry.company.id;
    return entry.brand?.id ? brandKey(entry.brand.id) : nameKey(entry.company.id);
  };
  function createConfirmer(maxHeld = 500) {
    const named = new Set();
    const held = new Map(); // block -> Map(needed key -> item), oldest first
    let count = 0;
    function drop(block, companies, id) {
      companies.delete(id);
      count -= 1;
      if (!companies.size) held.delete(block);
    }
    function hold(item) {
      const block = item[0].block, id = needs(item);
      let companies = held.get(block);
      if (!companies) held.set(block, (companies = new Map()));
      if (!companies.has(id)) count += 1;
      companies.set(id, item);
      while (count > maxHeld) {
        const [oldest, first] = held.entries().next().value;
        drop(oldest, first, first.keys().next().value);
      }
    }
    function name(ids) {
      for (const id of ids) named.add(id);
    }
    function admit(items, alive = () => true) {
      name(items.filter(([hit, entry]) => entry && !hit.waits).flatMap(([, entry]) => namesOf(entry)));
      const out = [];
      for (const [block, companies] of held) {
        for (const [id, item] of companies) {
          const live = alive(item);
          if (live && !named.has(id)) continue;
          drop(block, companies, id);
          if (live) out.push(item);
        }
      }
      for (const item of items) {
        const entry = item[1];
        if (!item[0].waits || !entry || named.has(needs(item))) out.push(item);
        else hold(item);
      }
      return out;
    }
    function forget(inBlock) {
      for (const [block, companies] of held) if (inBlock(block)) { count -= companies.size; held.delete(block); }
    }
    return { name, admit, forget, held: () => count, reset() { named.clear(); held.clear(); count = 0; } };
  }

  const api = { DISPLAYS, readSettings, createConfirmer, namesOf, needs, pageOff, categoryHidden, matchHidden, suppressed, withHiddenMatch, summarize };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.BackstoryRules = api;
})(globalThis);
