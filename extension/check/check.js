// Check a list: sends the pasted text to the background's `scan` (the engine badges use) and lists
// every company it names, grouped, with what matched and how often. The text never leaves the device.
'use strict';
(function () {
  const api = globalThis.BackstoryApi;
  const { t, tn, fmt } = globalThis.BackstoryI18n;
  const { el, chips } = globalThis.BackstoryDom;
  const $ = (id) => document.getElementById(id);
  const KIND = { brand: 'check_kind_brand', company: 'check_kind_company', symbol: 'check_kind_symbol' };

  // Hits are [start, end, kind, entry, rule]*; one row per company, one line per (dataset name,
  // kind). The list is one page: a name the judge says waits ("Gap") counts only if the list also
  // names its company otherwise, by the page's rule (shared/rules.js, as src/confirm.rs); the names
  // left waiting are returned apart.
  const R = globalThis.BackstoryRules;
  function group(text, hits, entries, rules = {}) {
    const waits = (i) => rules[hits[i + 4]]?.verdict === 'wait';
    const named = new Set();
    for (let i = 0; i < hits.length; i += 5) if (entries[hits[i + 3]] && !waits(i)) for (const n of R.namesOf(entries[hits[i + 3]])) named.add(n);
    const companies = new Map();
    const waiting = new Set();
    for (let i = 0; i < hits.length; i += 5) {
      const e = entries[hits[i + 3]];
      const held = waits(i) && !named.has(e && R.needs([{ why: rules[hits[i + 4]] }, e]));
      if (e && held) waiting.add(text.slice(hits[i], hits[i + 1]));
      if (!e || held) continue;
      const c = companies.get(e.company.id) ?? { company: e.company, count: 0, matches: new Map() };
      companies.set(e.company.id, c);
      c.count += 1;
      const key = `${e.kind}\u0000${e.alias}`;
      const m = c.matches.get(key) ?? { entry: e, count: 0, seen: new Set() };
      c.matches.set(key, m);
      m.count += 1;
      m.seen.add(text.slice(hits[i], hits[i + 1]));
    }
    const rows = [...companies.values()].sort((a, b) => b.count - a.count || a.company.name.localeCompare(b.company.name));
    return { rows, waiting: [...waiting] };
  }

  function matchLine(m) {
    const e = m.entry;
    const kind = t(KIND[e.kind] ?? 'check_kind_company');
    let what = e.brand ? t('check_match_brand', [e.brand.name]) : t('check_match_other', [e.alias, kind]);
    if (e.brand && e.owners.length > 1) what += ' — ' + t('check_owned_by', [fmt.list(e.owners.map((o) => o.name))]);
    const written = [...m.seen].filter((s) => s !== e.alias && s !== e.brand?.name);
    if (written.length) what += ' — ' + t('check_written', [fmt.list(written.slice(0, 5))]);
    return el('li', null, m.count > 1 ? t('check_times', [what, fmt.number(m.count)]) : what);
  }

  async function check() {
    const text = $('text').value;
    const status = $('check-status');
    $('check-waiting').hidden = true;
    if (!text.trim()) { status.textContent = t('check_empty'); $('check-results').replaceChildren(); return; }
    const res = await api.runtime.sendMessage({ type: 'scan', text });
    if (!res?.ok) { status.textContent = t('check_failed', [res?.error ?? '']); return; }
    const { rows, waiting } = group(text, res.hits, res.entries, res.rules);
    status.textContent = rows.length ? tn('check_count', rows.length) : t('check_none');
    // Said, not dropped in silence: the user typed these names, and may mean the brand.
    $('check-waiting').textContent = waiting.length ? t('check_waiting', [fmt.list(waiting.slice(0, 10))]) : '';
    $('check-waiting').hidden = !waiting.length;
    $('check-results').replaceChildren(...rows.map((r) => el('li', null,
      el('div', { class: 'head' },
        el('a', { href: `../profile/profile.html?company=${encodeURIComponent(r.company.id)}`, target: '_blank', dir: 'auto' }, r.company.name),
        el('span', { class: 'count' }, tn('check_mentions', r.count))),
      chips(r.company.categories),
      el('ul', { class: 'matches' }, [...r.matches.values()].map(matchLine)))));
  }

  $('check-form').addEventListener('submit', (e) => { e.preventDefault(); check(); });
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  });
})();
