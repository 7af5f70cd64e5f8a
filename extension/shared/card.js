// The company card, built from an entry/company summary: used by the content script's badges and,
// through a <script> tag, by extension pages (the popup shows the same card for a search result).
// Dataset strings reach the DOM only through textContent and setAttribute; links are https only.
(function (root) {
  'use strict';

  // Styles for the card, as a string: the content script adopts them into its closed shadow root
  // (a content script cannot load a CSS file into a page without web_accessible_resources), and an
  // extension page can do the same with a constructed sheet.
  // Nothing in the card is ever cut (issue 17: a two-line clamp hid the reason and disclaimers such
  // as "not HP Inc."): it grows to the window, less the 8 px the overlay keeps at each edge, and
  // scrolls inside itself past that. It takes the focus when it opens, so the arrow keys scroll it
  // and tabbing to its links brings them into view; the outline shows when a key opened it.
  const CSS = `
    .bs-card { position: relative; box-sizing: border-box; width: 300px; max-width: calc(100vw - 16px);
      max-height: calc(100vh - 16px); overflow: auto; overscroll-behavior: contain; overflow-wrap: break-word;
      padding: 12px 14px; background: #fff; color: #111827; border: 1px solid #d1d5db; border-radius: 8px;
      box-shadow: 0 6px 24px rgba(0,0,0,.2); font: 14px/1.4 system-ui, sans-serif; text-align: start; }
    .bs-card:focus { outline: none; }
    .bs-card:focus-visible { outline: 3px solid var(--accent, #2563eb); outline-offset: 2px; }
    .bs-name { display: block; margin: 0 0 4px; margin-inline-end: 28px; font: 700 16px/1.3 system-ui, sans-serif; }
    .bs-rel, .bs-owners, .bs-origin { margin: 0 0 6px; color: #374151; }
    .bs-cats { display: flex; flex-wrap: wrap; gap: 4px; margin: 0 0 8px; padding: 0; list-style: none; }
    .bs-cat { padding: 1px 8px; border-radius: 999px; font-size: 12px; background: #f3f4f6;
      border-inline-start: 4px solid var(--c, #6b7280); }
    .bs-summary { margin: 0 0 4px; }
    .bs-asof, .bs-alt, .bs-why { margin: 0 0 8px; font-size: 12px; color: #4b5563; }
    .bs-actions, .bs-minor { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 0 0 6px; align-items: center; }
    .bs-minor { font-size: 12px; margin: 6px 0 0; padding-top: 6px; border-top: 1px solid #e5e7eb; }
    .bs-link { color: var(--accent, #1d4ed8); text-decoration: underline; font-weight: 600; background: none; border: 0;
      padding: 0; font: inherit; font-weight: 600; cursor: pointer; }
    .bs-minor .bs-link { font-weight: 400; }
    .bs-link:focus-visible, .bs-close:focus-visible { outline: 3px solid var(--accent, #2563eb); outline-offset: 2px; border-radius: 2px; }
    .bs-close { position: absolute; top: 6px; inset-inline-end: 8px; width: 28px; height: 28px; cursor: pointer;
      border: 0; background: none; font: 20px/28px system-ui, sans-serif; color: #4b5563; border-radius: 4px; padding: 0; }
    @media (prefers-color-scheme: dark) {
      .bs-card { background: #1f2937; color: #f9fafb; border-color: #4b5563; }
      .bs-rel, .bs-owners, .bs-origin { color: #d1d5db; }
      .bs-asof, .bs-alt, .bs-why, .bs-close { color: #d1d5db; }
      .bs-cat { background: #374151; }
      .bs-link { color: #93c5fd; }
      .bs-minor { border-color: #4b5563; }
    }
  `;

  const api = () => root.BackstoryApi ?? root.browser ?? root.chrome;
  // Numbers, dates and lists in the interface's language (shared/format.js, loaded first); English
  // where it is missing (unit tests).
  const FALLBACK = { dir: 'ltr', list: (a) => a.join(', '), percent: (n) => `${n}%`, date: (d) => String(d), isolate: (s) => s };
  const fmt = () => root.BackstoryFormat?.current() ?? FALLBACK;
  // chrome.i18n.getMessage, with the key itself as the fallback where i18n is missing (unit tests).
  function t(key, subs) {
    let s;
    try { s = api()?.i18n?.getMessage(key, fmt().isolate(subs)) ?? ''; } catch { s = ''; }
    return s || key;
  }

  const safeColor = (c) => (/^#[0-9a-f]{3,8}$/i.test(c || '') ? c : null);
  // shared/safe.js: loaded before this file in the popup; required in the content bundle and tests.
  const { httpsUrl } = typeof module === 'object' && module.exports ? require('./safe.js') : root.BackstorySafe;

  // "Amazon: Immigration and border enforcement, Prisons and policing — details".
  function badgeLabel(company, tr = t, f = fmt()) {
    const cats = (company.categories ?? []).map((c) => c.label).filter(Boolean);
    return cats.length ? tr('card_badge_label', [company.name, f.list(cats)]) : tr('card_badge_label_plain', [company.name]);
  }

  // Shares are percentages in the dataset (DATASET.md: 0 < share <= 100).
  function ownerText(o, tr = t, f = fmt()) {
    return typeof o.share === 'number' ? tr('card_owner_share', [o.name, f.percent(Math.round(o.share * 10) / 10)]) : o.name;
  }

  // How the match connects to the company: "Ring is a brand of Amazon", joint owners with shares,
  // or a brand another company runs under licence (issue 19): "KFC: a brand of Yum! Brands, run in
  // this market under licence by Yum China" where the name is scoped to the page's market.
  function relationText(model, tr = t, f = fmt()) {
    const c = model.company.name;
    const owners = model.owners ?? [];
    const licensee = model.licensee;
    if (model.brand && licensee && typeof licensee.name === 'string' && licensee.name) {
      const owner = owners.length ? f.list(owners.map((o) => ownerText(o, tr, f))) : c;
      return tr(licensee.in_market ? 'card_licensed_here' : 'card_licensed', [model.brand.name, owner, licensee.name]);
    }
    if (model.brand && owners.length > 1) return tr('card_joint', [model.brand.name, f.list(owners.map((o) => ownerText(o, tr, f)))]);
    if (model.brand) return tr('card_brand_of', [model.brand.name, c]);
    if (model.kind === 'symbol') return tr('card_symbol_of', [model.alias, c]);
    if (model.alias && model.alias.toLowerCase() !== c.toLowerCase()) return tr('card_alias_of', [model.alias, c]);
    return null;
  }

  // "“Ring”: the text is one of the dataset's names for this company. From Backstory default
  // dataset, version 3, as of 2025-07-01." Null without a judge's reason (the site notice's card).
  function whyText(model, tr = t, f = fmt()) {
    if (!model.why?.words) return null;
    const d = model.dataset;
    const reason = tr('card_why', [model.why.text || model.alias || '', ruleWords(model.why, tr)]);
    return d?.title ? `${reason} ${tr('card_why_dataset', [d.title, d.as_of ? f.date(d.as_of) : '?'])}` : reason;
  }

  // The judge's rules a badge can stand on (src/judge.rs), and their words in the interface's
  // language; the engine's English words where a message is missing.
  const RULE_MESSAGES = {
    name: 'judge_rule_name', 'context-word': 'judge_rule_context_word', 'own-site': 'judge_rule_own_site',
    'web-address': 'judge_rule_web_address', 'brand-label': 'judge_rule_brand_label', symbol: 'judge_rule_symbol',
    'product-model': 'judge_rule_product_model', 'brand-list': 'judge_rule_brand_list',
    'name-in-sentence': 'judge_rule_name_in_sentence',
    'ordinary-word': 'judge_rule_ordinary_word', 'ordinary-word-in-language': 'judge_rule_ordinary_word_in_language',
    'context-on-page': 'judge_rule_context_on_page',
    'structured-data': 'judge_rule_structured_data',
  };
  function ruleWords(why, tr = t) {
    const key = RULE_MESSAGES[why.id];
    const words = key ? tr(key) : '';
    return words && words !== key ? words : why.words;
  }

  // The dataset's report URL with {alias} and {host} filled in (URL-encoded); https only. Nothing is
  // sent unless the user follows the link.
  function reportHref(template, alias, host) {
    if (typeof template !== 'string') return null;
    const url = template.replaceAll('{alias}', encodeURIComponent(alias ?? '')).replaceAll('{host}', encodeURIComponent(host ?? ''));
    return httpsUrl(url);
  }

  function el(doc, tag, cls, text) {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function link(doc, href, text) {
    const a = el(doc, 'a', 'bs-link', text);
    a.setAttribute('href', href);
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    return a;
  }
  function button(doc, text, onClick) {
    const b = el(doc, 'button', 'bs-link', text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  // model: {company: {id, name, categories: [{id,label,color}], summary?, as_of?, profile_url?},
  //         kind?, alias?, brand?: {id,name}, owners?: [{id,name,share}], alternatives?: [string],
  //         licensee?: {id?, name, in_market},
  //         reportUrl?: template, host?: page host}
  // actions (all optional): details(companyId) or detailsHref, hide(), close().
  // Dataset text in the card: its own direction (a Hebrew name on an English card, an English
  // summary on an Arabic one).
  const data = (doc, tag, cls, text) => { const e = el(doc, tag, cls, text); e.setAttribute('dir', 'auto'); return e; };

  function build(doc, model, actions = {}) {
    const c = model.company;
    const f = fmt();
    const card = el(doc, 'div', 'bs-card');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', c.name);
    // Laid out in the interface's direction (in a closed shadow root the page's own dir would
    // otherwise decide); lang, so that screen readers read it in that language on any page.
    card.setAttribute('dir', f.dir);
    if (f.locale) card.setAttribute('lang', f.locale);
    card.tabIndex = -1;
    // The name in its own direction inside a heading in the card's, so the heading's end margin
    // stays clear of the close button.
    const name = el(doc, 'h2', 'bs-name');
    name.append(data(doc, 'bdi', null, c.name));
    card.append(name);
    const rel = relationText(model);
    if (rel) card.append(el(doc, 'p', 'bs-rel', rel));
    if (model.kind === 'structured') card.append(el(doc, 'p', 'bs-origin', t('card_from_product_data')));
    const cats = c.categories ?? [];
    if (cats.length) {
      const ul = el(doc, 'ul', 'bs-cats');
      for (const k of cats) {
        const li = data(doc, 'li', 'bs-cat', k.label);
        const color = safeColor(k.color);
        if (color) li.style.setProperty('--c', color);
        ul.append(li);
      }
      card.append(ul);
    }
    if (c.summary) card.append(data(doc, 'p', 'bs-summary', c.summary));
    if (c.as_of) card.append(el(doc, 'p', 'bs-asof', t('card_as_of', [f.date(c.as_of)])));
    const why = whyText(model);
    if (why) {
      const box = el(doc, 'p', 'bs-why');
      box.append(el(doc, 'strong', null, t('card_why_title')), doc.createTextNode(' ' + why));
      card.append(box);
    }
    const alts = (model.alternatives ?? []).filter((a) => typeof a === 'string' && a);
    if (alts.length) card.append(el(doc, 'p', 'bs-alt', t('card_alternatives', [f.list(alts)])));

    const main = el(doc, 'div', 'bs-actions');
    const profile = httpsUrl(c.profile_url);
    if (profile) main.append(link(doc, profile, t('card_read_profile')));
    if (actions.details) main.append(button(doc, t('card_details'), () => actions.details(c.id)));
    else if (actions.detailsHref) main.append(link(doc, actions.detailsHref, t('card_details')));
    if (main.childElementCount) card.append(main);

    const minor = el(doc, 'div', 'bs-minor');
    if (actions.hide && model.alias) minor.append(button(doc, t('card_hide'), () => actions.hide()));
    const report = reportHref(model.reportUrl, model.alias, model.host);
    if (report) minor.append(link(doc, report, t('card_report')));
    if (minor.childElementCount) card.append(minor);

    if (actions.close) {
      const close = el(doc, 'button', 'bs-close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', t('card_close'));
      close.addEventListener('click', () => actions.close());
      card.append(close);
    }
    return card;
  }

  const out = { CSS, t, build, badgeLabel, relationText, whyText, ownerText, reportHref, safeColor };
  if (typeof module === 'object' && module.exports) module.exports = out;
  else root.BackstoryCard = out;
})(globalThis);
