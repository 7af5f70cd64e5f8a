// Options page: edits the shared `settings` object (display, hidden categories, paused sites,
// hidden matches), shows the dataset in use and loads one from a file through the background,
// which validates it with the engine and keeps the previous dataset when it is refused.
'use strict';
(function () {
  const api = globalThis.BackstoryApi;
  const { t, tn, fmt } = globalThis.BackstoryI18n;
  const { el, chip, link } = globalThis.BackstoryDom;
  const Settings = globalThis.BackstorySettings;
  const $ = (id) => document.getElementById(id);
  const MAX_CHARS = globalThis.BackstorySafe.MAX_DATASET_BYTES; // the background's cap, checked here before sending

  let categories = [];
  const names = new Map(); // company id -> name, for hidden matches (settings store the id)

  // Names of companies the hidden matches refer to; a company the dataset no longer has shows its id.
  async function resolveNames(s) {
    const missing = [...new Set(s.hiddenMatches.map((m) => m.company))].filter((id) => typeof id === 'string' && !names.has(id));
    if (!missing.length) return false;
    for (const id of missing) {
      const res = await api.runtime.sendMessage({ type: 'company', id });
      names.set(id, res?.ok && res.company ? res.company.name : id);
    }
    return true;
  }
  async function refresh(s) {
    render(s);
    if (await resolveNames(s)) render(s);
  }

  // ---- settings ----------------------------------------------------------------------------------
  // Every settings change re-renders, and a rebuilt control would take the keyboard focus with it:
  // the category boxes are rebuilt only when the dataset's categories change (else only ticked),
  // and a removed row hands the focus to the row now in its place, or to the list's empty message.
  function render(s) {
    for (const r of document.querySelectorAll('input[name="display"]')) r.checked = r.value === s.display;
    $('show-all').checked = s.showAll;
    const sig = JSON.stringify(categories);
    if ($('categories').dataset.sig === sig) {
      for (const b of $('categories').querySelectorAll('input[data-category]')) b.checked = !s.hiddenCategories.includes(b.dataset.category);
    } else $('categories').replaceChildren(...categories.map((c) => {
      const box = el('input', { type: 'checkbox', 'data-category': c.id });
      box.checked = !s.hiddenCategories.includes(c.id);
      box.addEventListener('change', () => Settings.update((x) => {
        x.hiddenCategories = x.hiddenCategories.filter((id) => id !== c.id);
        if (!box.checked) x.hiddenCategories.push(c.id);
        return x;
      }));
      return el('li', { class: 'category-row' },
        el('label', null, box, chip(c, 'span')),
        el('p', { class: 'muted small' }, c.description));
    }));
    $('categories').dataset.sig = sig;
    const removable = (items, listId, emptyId, label, aria, drop) => {
      const focused = [...$(listId).querySelectorAll('button')].indexOf(document.activeElement);
      $(listId).replaceChildren(...items.map((item) => {
        const b = el('button', { type: 'button', 'aria-label': aria(item) }, t('options_remove'));
        b.addEventListener('click', () => Settings.update((x) => drop(x, item)));
        return el('li', { class: 'row' }, el('span', null, label(item)), b);
      }));
      $(emptyId).hidden = items.length > 0;
      if (focused < 0) return;
      const buttons = $(listId).querySelectorAll('button');
      if (buttons.length) buttons[Math.min(focused, buttons.length - 1)].focus();
      else { $(emptyId).tabIndex = -1; $(emptyId).focus(); }
    };
    removable(s.pausedSites, 'paused-sites', 'paused-empty', (h) => h, (h) => t('options_remove_site', [h]),
      (x, h) => { x.pausedSites = x.pausedSites.filter((y) => y !== h); return x; });
    const matchLabel = (m) => t('options_hidden_match', [String(m.alias), names.get(m.company) ?? String(m.company), String(m.host)]);
    removable(s.hiddenMatches, 'hidden-matches', 'hidden-empty', matchLabel, (m) => t('options_remove_match', [matchLabel(m)]),
      (x, m) => {
        x.hiddenMatches = x.hiddenMatches.filter((y) => !(y.host === m.host && y.company === m.company && y.alias === m.alias));
        return x;
      });
  }
  for (const r of document.querySelectorAll('input[name="display"]')) {
    r.addEventListener('change', () => { if (r.checked) Settings.update((x) => { x.display = r.value; return x; }); });
  }
  $('show-all').addEventListener('change', (e) => Settings.update((x) => { x.showAll = e.target.checked; return x; }));
  // Every change, from this page or the popup, re-renders from storage: one source of truth.
  Settings.onChange(refresh);

  // ---- the dataset -------------------------------------------------------------------------------
  async function showDataset() {
    const res = await api.runtime.sendMessage({ type: 'dataset' });
    if (!res?.ok) { $('dataset-info').replaceChildren(el('dd', null, t('options_dataset_failed', [res?.error ?? '']))); return; }
    const i = res.info;
    categories = res.categories;
    const fact = (key, value) => [el('dt', null, t(key)), el('dd', null, value)];
    const publisher = i.publisher.url ? link(i.publisher.url, i.publisher.name) : i.publisher.name;
    const when = () => fmt.dateTime(res.loadedAt);
    const source = res.source === 'file' ? t('options_dataset_source_file', [res.name ?? '?', when()])
      : res.source === 'update' ? t('options_dataset_source_update', [res.name ?? '?', when()])
      : t('options_dataset_source_bundled');
    $('dataset-info').replaceChildren(
      ...fact('options_dataset_name', i.title), ...fact('options_dataset_publisher', publisher),
      ...fact('options_dataset_version', String(i.version)), ...fact('options_dataset_as_of', fmt.date(i.as_of)),
      ...fact('options_dataset_license', i.license),
      ...fact('options_dataset_counts', t('options_dataset_counts_value', [fmt.number(i.counts.companies), fmt.number(i.counts.brands), fmt.number(i.counts.symbols)])),
      ...fact('options_dataset_source', source));
    $('dataset-attribution').textContent = res.attribution ?? '';
    $('reset-dataset').hidden = res.source === 'bundled';
    $('stored-problem').hidden = !res.storedProblem;
    if (res.storedProblem) $('stored-problem').textContent = t('options_stored_problem', [res.storedProblem.problems.join(' / ')]);
    names.clear(); // the dataset may have changed
    refresh(await Settings.get());
  }

  function showLoadResult(summary, problems, ok) {
    $('load-summary').textContent = summary;
    $('load-summary').className = ok ? 'ok' : 'problems';
    $('load-problems').replaceChildren(...problems.map((p) => el('li', { dir: 'auto' }, p)));
  }

  // The dataset in use is drawn again whenever it changes, whoever changed it: an update applied
  // by "Check now" or the daily alarm, another options tab (it said "Version 1, Bundled" after
  // Check now applied version 2).
  api.storage.onChanged.addListener((changes, area) => { if (area === 'local' && changes.dataset) showDataset(); });

  $('dataset-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    showLoadResult(t('options_load_checking', [file.name]), [], true);
    const json = await file.text();
    if (json.length > MAX_CHARS) {
      showLoadResult(t('options_load_refused', [file.name]), [t('options_load_too_big', [fmt.number(MAX_CHARS)])], false);
      e.target.value = ''; // as below: the same file, made smaller, must fire change again
      return;
    }
    const res = await api.runtime.sendMessage({ type: 'loadDataset', json, name: file.name.slice(0, 300) });
    if (res?.ok && res.loaded) {
      showLoadResult(t('options_load_done', [res.info.title, String(res.info.version)]), [], true);
    } else {
      const problems = res?.ok ? res.problems : [res?.error ?? ''];
      const inUse = await api.runtime.sendMessage({ type: 'info' });
      showLoadResult(t('options_load_refused', [file.name]) + ' ' + tn('options_load_problem_count', problems.length) + ' ' +
        t('options_load_kept', [inUse?.info?.title ?? '?', String(inUse?.info?.version ?? '?')]), problems, false);
    }
    e.target.value = ''; // choosing the same file again (after fixing it) fires change again
    showDataset();
  });

  $('reset-dataset').addEventListener('click', async () => {
    const res = await api.runtime.sendMessage({ type: 'resetDataset' });
    showLoadResult(res?.ok ? t('options_reset_done', [res.info.title, String(res.info.version)]) : (res?.error ?? ''), [], !!res?.ok);
    showDataset();
  });

  showDataset();
})();
