// Profile page: one company's story from the dataset in use (background `profile` message), built
// with textContent and https-only links; works offline.
'use strict';
(function () {
  const api = globalThis.BackstoryApi;
  const { t, fmt } = globalThis.BackstoryI18n;
  const { el, chips, link } = globalThis.BackstoryDom;
  const main = document.getElementById('profile');
  const id = new URLSearchParams(location.search).get('company') ?? '';
  const profileHref = (cid) => `profile.html?company=${encodeURIComponent(cid)}`;
  const share = (s) => (s == null ? '' : ` (${fmt.percent(s)})`);

  function section(titleKey, ...content) {
    const h = el('h2', null, t(titleKey));
    return el('section', null, h, ...content);
  }

  function render(p) {
    const c = p.company;
    document.title = t('profile_page_title', [c.name]);
    const out = [el('header', { class: 'page-head' },
      el('h1', { dir: 'auto' }, c.name),
      c.legal_name !== c.name ? el('p', { class: 'muted', dir: 'auto' }, c.legal_name) : null,
      chips(p.categories))];
    const facts = el('dl', { class: 'facts' });
    const fact = (key, value) => facts.append(el('dt', null, t(key)), el('dd', null, value));
    if (c.symbols.length) fact('profile_symbols', fmt.list(c.symbols));
    if (c.headquarters) fact('profile_headquarters', c.headquarters);
    if (p.parent) fact('profile_parent', el('a', { href: profileHref(p.parent.id) }, p.parent.name));
    if (p.subsidiaries.length) {
      // Links inside the language's list punctuation ("A, B und C").
      let i = 0;
      const dd = fmt.listParts(p.subsidiaries.map((s) => s.name)).map((part) => {
        if (part.type !== 'element') return part.value;
        const s = p.subsidiaries[i++];
        return el('a', { href: profileHref(s.id), dir: 'auto' }, s.name);
      });
      fact('profile_subsidiaries', el('span', null, ...dd));
    }
    if (c.domains.length) fact('profile_domains', fmt.list(c.domains));
    fact('profile_as_of', fmt.date(c.as_of));
    out.push(facts, el('p', { dir: 'auto', class: 'summary' }, c.summary));
    if (c.profile_url) out.push(el('p', null, link(c.profile_url, t('profile_external', [safeHost(c.profile_url)]))));
    // Each section with its own date and sources (issue 19): an old fact shows its age.
    for (const s of c.profile) out.push(el('section', null, el('h2', { dir: 'auto' }, s.title), el('p', { dir: 'auto' }, s.text), sectionFoot(s, c.sources)));
    if (p.brandGroups.length) {
      out.push(section('profile_brands', ...p.brandGroups.map((g) => el('div', null,
        el('h3', null, t('profile_brands_of', [g.owner.name])),
        el('ul', { class: 'brands' }, g.brands.map((b) => el('li', null,
          el('bdi', null, b.name), share(b.share),
          b.coOwners.length ? el('span', { class: 'muted' }, ' — ' + t('profile_co_owners', [fmt.list(b.coOwners.map((o) => o.name + share(o.share)))])) : null,
          b.markets?.length ? el('span', { class: 'muted' }, ' — ' + t('profile_markets', [fmt.list(b.markets.map(fmt.region))])) : null,
          b.licensee ? el('span', { class: 'muted' }, ' — ' + t('profile_licensed', [b.licensee.name])) : null)))))));
    }
    if (c.sources.length) {
      out.push(section('profile_sources', el('ul', null, c.sources.map((s) => el('li', null,
        link(s.url, s.title), s.as_of ? el('span', { class: 'muted' }, ' ' + t('profile_source_as_of', [fmt.date(s.as_of)])) : null)))));
    }
    const foot = el('footer', { class: 'muted small' });
    foot.append(el('p', null, t('profile_dataset', [p.dataset.title, fmt.date(p.dataset.as_of), p.dataset.license])));
    if (p.dataset.attribution) foot.append(el('p', { dir: 'auto' }, p.dataset.attribution));
    out.push(foot);
    main.replaceChildren(...out);
  }
  // "As of 5 October 2021 · Sources: AFSC Investigate: Amazon profile, ..." under a section; the
  // links are the company's sources the section names, by URL (DATASET.md).
  function sectionFoot(s, sources) {
    const parts = [];
    if (s.as_of) parts.push(t('card_as_of', [fmt.date(s.as_of)]));
    const urls = Array.isArray(s.sources) ? s.sources : [];
    const titled = urls.map((u) => sources.find((x) => x.url === u)).filter(Boolean);
    if (!parts.length && !titled.length) return null;
    const p = el('p', { class: 'muted small section-foot' }, ...parts);
    if (titled.length) {
      let i = 0;
      const links = fmt.listParts(titled.map((x) => x.title)).map((part) => {
        if (part.type !== 'element') return part.value;
        const x = titled[i++];
        return link(x.url, x.title);
      });
      p.append(parts.length ? ' · ' : '', t('profile_section_sources'), ' ', ...links);
    }
    return p;
  }
  function safeHost(url) { try { return new URL(url).host; } catch { return ''; } }

  (async () => {
    const res = id ? await api.runtime.sendMessage({ type: 'profile', id }) : null;
    main.removeAttribute('aria-busy');
    if (res?.ok && res.company) return render(res);
    document.getElementById('profile-status').textContent = res && !res.ok ? t('profile_failed', [res.error]) : t('profile_not_found', [id]);
  })();
})();
