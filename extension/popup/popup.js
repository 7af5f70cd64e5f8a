// Popup: search as you type (a combobox: arrows, Enter, Escape), the company card, what was found on
// this tab (storage.session `findings:<tabId>`), and the per-site switches. `?tab=<id>` describes that
// tab instead of the active one (tests, full-tab view). Works offline: everything comes from the
// background's engine and local storage.
'use strict';
(function () {
  const api = globalThis.BackstoryApi;
  const { t, tn, fmt } = globalThis.BackstoryI18n;
  const { el, chips } = globalThis.BackstoryDom;
  const Settings = globalThis.BackstorySettings;
  const $ = (id) => document.getElementById(id);
  const q = $('q'), list = $('results'), card = $('card');

  const KIND = { brand: 'popup_kind_brand', company: 'popup_kind_company', alias: 'popup_kind_alias', symbol: 'popup_kind_symbol', structured: 'popup_kind_structured' };
  const kindLabel = (k) => (KIND[k] ? t(KIND[k]) : k);

  // ---- search ------------------------------------------------------------------------------------
  let results = [], active = -1, seq = 0;
  function setActive(i) {
    active = i;
    list.querySelectorAll('[role="option"]').forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    const opt = list.children[i];
    if (opt) { q.setAttribute('aria-activedescendant', opt.id); opt.scrollIntoView({ block: 'nearest' }); } else q.removeAttribute('aria-activedescendant');
  }
  function showList(on) {
    list.hidden = !on;
    q.setAttribute('aria-expanded', String(on));
    $('findings').hidden = on || q.value.trim() !== '';
  }
  // Answers may arrive out of order; only the newest query's answer is shown.
  async function runSearch() {
    const query = q.value.trim();
    const mine = ++seq;
    closeCard(false);
    if (!query) { results = []; list.replaceChildren(); setActive(-1); showList(false); $('status').textContent = ''; return; }
    const res = await api.runtime.sendMessage({ type: 'search', query, limit: 20 });
    if (mine !== seq) return;
    if (!res?.ok) { $('status').textContent = t('popup_search_failed', [res?.error ?? '']); return; }
    results = res.results;
    list.replaceChildren(...results.map((r, i) => {
      const via = r.label !== r.company_name
        ? t(r.kind === 'brand' ? 'popup_via_brand' : 'popup_via_other', [kindLabel(r.kind), r.label]) : kindLabel(r.kind);
      const li = el('li', { role: 'option', id: `r${i}`, 'aria-selected': 'false' },
        el('span', { class: 'name', dir: 'auto' }, r.company_name), el('span', { class: 'via' }, via));
      li.addEventListener('click', () => openResult(i));
      return li;
    }));
    setActive(results.length ? 0 : -1);
    showList(results.length > 0);
    $('status').textContent = results.length ? tn('popup_results_count', results.length) : t('popup_no_results');
  }
  function openResult(i) {
    const r = results[i];
    if (!r) return;
    // Search kinds: brand, company, alias (another name of the company), symbol.
    openCard(r.company, { kind: r.kind === 'alias' ? 'company' : r.kind, alias: r.label, brand: r.brand ?? null, brandName: r.label }, r.company_name);
  }
  // Enter right after typing waits for the answer to what was typed, not the previous query's.
  let searching = Promise.resolve();
  q.addEventListener('input', () => { searching = runSearch(); });
  q.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && results.length) { e.preventDefault(); showList(true); setActive((active + 1) % results.length); }
    else if (e.key === 'ArrowUp' && results.length) { e.preventDefault(); showList(true); setActive((active - 1 + results.length) % results.length); }
    else if (e.key === 'Enter') { e.preventDefault(); searching.then(() => openResult(active < 0 ? 0 : active)); }
    else if (e.key === 'Escape' && q.value) { e.preventDefault(); e.stopPropagation(); q.value = ''; searching = runSearch(); }
  });
  // Escape anywhere else closes an open card and returns to the search box (the popup stays open).
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !card.hidden) { e.preventDefault(); closeCard(true); }
  });

  // ---- the company card (extension/shared/card.js, the same card the badges open) ---------------
  const Card = globalThis.BackstoryCard;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(Card.CSS + '\n.bs-card { position: relative; width: 100%; box-shadow: none; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  // The control that opened the card (a finding's name); Escape and × return focus there, as a
  // dialog should, or to the search box when the card came from a search result.
  let opener = null;
  // how: {kind, alias, brand: brand id or null} from a search result or a finding, or null.
  // name: the company's name as the caller shows it, for the message when the dataset lacks it.
  async function openCard(companyId, how, name, from = null) {
    const [res, more] = await Promise.all([
      api.runtime.sendMessage({ type: 'company', id: companyId }),
      api.runtime.sendMessage({ type: 'cardInfo', company: companyId, brand: how?.brand ?? null }),
    ]);
    const c = res?.ok ? res.company : null;
    // A finding can outlive its dataset (another one was loaded since the page was checked).
    if (!c) { $('status').textContent = res?.ok ? t('popup_card_missing', [name ?? companyId]) : t('popup_card_failed', [res?.error ?? '']); return; }
    opener = from;
    if (from) $('status').textContent = ''; // an earlier "not in the dataset" message
    const x = more?.ok ? more : {};
    const model = {
      company: {
        id: c.id, name: c.name, summary: c.summary, as_of: c.as_of, profile_url: c.profile_url ?? null,
        categories: (c.category_details ?? []).map((k) => ({ id: k.id, label: k.label, color: k.color ?? null })),
      },
      kind: how?.kind ?? 'company', alias: how?.alias ?? c.name,
      brand: how?.brand && x.owners ? { id: how.brand, name: how.brandName ?? how.alias } : null,
      owners: x.owners ?? [{ id: c.id, name: c.name, share: null }],
      alternatives: x.alternatives ?? [],
    };
    const built = Card.build(document, model, {
      detailsHref: `../profile/profile.html?company=${encodeURIComponent(c.id)}`,
      close: () => closeCard(true),
    });
    card.replaceChildren(built);
    card.hidden = false;
    showList(false);
    $('findings').hidden = true;
    built.focus();
  }
  function closeCard(refocus) {
    if (card.hidden) return;
    card.hidden = true;
    card.replaceChildren();
    showList(results.length > 0);
    const back = opener?.isConnected && !opener.closest('[hidden]') ? opener : q;
    opener = null;
    if (refocus) back.focus();
  }

  // ---- this tab: findings and site switches ------------------------------------------------------
  async function currentTab() {
    const param = new URLSearchParams(location.search).get('tab');
    if (param != null && /^\d+$/.test(param)) {
      try { return await api.tabs.get(Number(param)); } catch { return { id: Number(param) }; }
    }
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ?? null;
  }
  function hostOf(url) {
    try { const u = new URL(url); return /^https?:$/.test(u.protocol) ? u : null; } catch { return null; }
  }

  // off: why this tab has no findings to show, when Backstory does not look at it: 'paused' (this
  // site), 'display' (Options: show nothing on pages; the content script then reports no company)
  // or 'unchecked' (the site is not covered, or not a web page); null when it looks.
  const OFF = { paused: 'popup_findings_paused', display: 'popup_findings_display_off', unchecked: 'popup_findings_unchecked' };
  function renderFindings(f, off) {
    const status = $('findings-status');
    const ul = $('findings-list');
    if (off) { status.textContent = t(OFF[off]); ul.replaceChildren(); return; }
    if (!f) { status.textContent = t('popup_findings_none_yet'); ul.replaceChildren(); return; }
    status.textContent = f.companies.length ? tn('popup_findings_count', f.companies.length) : t('popup_findings_empty');
    // Companies named only where they get no badge (menus, footer, buttons) come last, apart.
    const quietOnly = (c) => c.quiet > 0 && c.quiet >= c.count;
    const item = (c) => {
      const name = el('button', { type: 'button', class: 'company', dir: 'auto' }, c.name);
      name.addEventListener('click', () => openCard(c.id, null, c.name, name));
      const how = c.matches.map((m) => {
        const what = m.kind === 'brand' && m.brand ? t('popup_match_brand', [m.alias, m.brand]) : t('popup_match_other', [m.alias, kindLabel(m.kind)]);
        return m.count > 1 ? t('popup_match_times', [what, fmt.number(m.count)]) : what;
      }).join(' · ');
      return el('li', null,
        el('div', { class: 'row' }, name, el('span', { class: 'count' }, tn('popup_mentions', c.count))),
        chips(c.categories),
        el('p', { class: 'muted small' }, how));
    };
    ul.replaceChildren(...f.companies.filter((c) => !quietOnly(c)).map(item));
    const quiet = f.companies.filter(quietOnly);
    if (quiet.length) ul.append(el('li', { class: 'muted small quiet-head' }, t('popup_findings_quiet')), ...quiet.map(item));
    if (f.capped) ul.append(el('li', { class: 'muted small' }, tn('popup_findings_capped', f.capped)));
  }

  async function setupSite() {
    const tab = await currentTab();
    if (!tab) return renderFindings(null, 'unchecked');
    const key = `findings:${tab.id}`;
    const findings = (await api.storage.session.get(key))[key] ?? null;
    const url = hostOf(tab.url);
    const host = findings?.host ?? url?.hostname ?? null; // hostname, as the content script compares it
    let settings = await Settings.get();
    // Covered: the content script runs there (it reported, or the site is curated or added and the
    // browser grants access). Firefox lets users revoke access; then the button asks for it again.
    const status = url && findings == null ? await api.runtime.sendMessage({ type: 'siteStatus', origin: url.origin }) : null;
    const covered = findings != null || Boolean(status?.ok && (status.curated || status.added) && status.granted);
    let checked = covered; // becomes true once the page reports (after "Check this site too" and a reload)
    const off = () => (!checked ? 'unchecked' : host && settings.pausedSites.includes(host) ? 'paused'
      : settings.display === 'off' ? 'display' : null);
    renderFindings(findings, off());
    api.storage.session.onChanged?.addListener((changes) => {
      if (!changes[key]) return;
      if (changes[key].newValue) checked = true;
      renderFindings(changes[key].newValue ?? null, off());
    });
    if (!host) return;
    $('site').hidden = false;
    $('site-host').textContent = host;
    if (covered) {
      const box = $('pause');
      $('pause-row').hidden = false;
      box.checked = settings.pausedSites.includes(host);
      box.addEventListener('change', async () => {
        settings = await Settings.update((s) => {
          s.pausedSites = s.pausedSites.filter((h) => h !== host);
          if (box.checked) s.pausedSites.push(host);
          return s;
        });
        renderFindings(findings, off());
        $('site-status').textContent = t(box.checked ? 'popup_paused_now' : 'popup_resumed_now');
      });
    } else if (url) {
      const add = $('add-site');
      add.hidden = false;
      if (status?.ok && (status.curated || status.added)) add.textContent = t('popup_grant_site');
      // permissions.request must run inside the user's click, before any other await.
      add.addEventListener('click', async () => {
        const origin = url.origin;
        let granted;
        try { granted = await api.permissions.request({ origins: [`${origin}/*`] }); } catch { granted = false; }
        if (!granted) { $('site-status').textContent = t('popup_add_site_denied'); return; }
        const res = await api.runtime.sendMessage({ type: 'addSite', origin });
        const added = res?.ok && res.added;
        $('site-status').textContent = added ? t('popup_add_site_done') : t('popup_add_site_failed', [res?.error ?? fmt.list(res?.missing ?? [])]);
        if (added) add.hidden = true;
      });
    }
  }

  async function showDataset() {
    const res = await api.runtime.sendMessage({ type: 'info' });
    $('dataset').textContent = res?.ok
      ? t('popup_dataset_line', [res.info.title, String(res.info.version), fmt.date(res.info.as_of)])
      : t('popup_dataset_failed', [res?.error ?? '']);
  }

  $('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
  showDataset();
  setupSite();
  q.focus();
})();
