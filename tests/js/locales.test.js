// Every interface locale is complete and consistent with English: no key missing, none extra, the
// same placeholders, descriptions left in English; and every English key is used by some source.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const LOCALES_DIR = path.join(ROOT, 'extension', '_locales');
// Issue 21: the languages Backstory speaks. A folder going missing fails here, not silently.
const EXPECTED = ['ar', 'de', 'en', 'es', 'fr', 'ja', 'nl', 'pl', 'pt_BR', 'tr', 'zh_CN'];
const RTL = new Set(['ar']);

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const catalogs = () => Object.fromEntries(fs.readdirSync(LOCALES_DIR).sort()
  .map((l) => [l, readJson(path.join(LOCALES_DIR, l, 'messages.json'))]));

// The source files that may name a key: extension scripts and pages, the manifest, and the Rust
// update outcome codes (options shows `options_updates_code_<code>` for them).
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !['pkg', '_locales', 'data'].includes(e.name)) walk(p);
      else if (/\.(js|html)$/.test(e.name)) out.push({ name: p, text: fs.readFileSync(path.join(ROOT, p), 'utf8') });
    }
  };
  walk('extension');
  for (const p of ['manifest.json', 'src/update.rs']) out.push({ name: p, text: fs.readFileSync(path.join(ROOT, p), 'utf8') });
  return out;
}

// $1..$9, $NAME$ and the escaped dollar $$, each counted: a translation must keep every one.
const tokens = (msg) => (msg.match(/\$\$|\$\d|\$\w+\$/g) ?? []).map((s) => s.toUpperCase()).sort();

// The problems of a set of catalogs ({locale: messages}) against English, as readable lines.
function localeProblems(all) {
  const en = all.en;
  const out = [];
  for (const [locale, messages] of Object.entries(all)) {
    for (const key of Object.keys(en)) if (!(key in messages)) out.push(`${locale}: missing ${key}`);
    for (const [key, v] of Object.entries(messages)) {
      if (!(key in en)) { out.push(`${locale}: ${key} is not in English`); continue; }
      if (typeof v.message !== 'string' || !v.message.trim()) { out.push(`${locale}: ${key} is empty`); continue; }
      if (tokens(v.message).join() !== tokens(en[key].message).join()) {
        out.push(`${locale}: ${key} has placeholders ${tokens(v.message).join(' ') || 'none'}, English ${tokens(en[key].message).join(' ') || 'none'}`);
      }
      if (JSON.stringify(v.placeholders ?? null) !== JSON.stringify(en[key].placeholders ?? null)) out.push(`${locale}: ${key} placeholders differ from English`);
      // Descriptions are notes for translators, kept in English in every file.
      if ((v.description ?? null) !== (en[key].description ?? null)) out.push(`${locale}: ${key} description differs from English`);
    }
    const tag = messages.locale_tag?.message, dir = messages.locale_dir?.message;
    if (tag !== locale.replace('_', '-')) out.push(`${locale}: locale_tag is ${tag}`);
    if (dir !== (RTL.has(locale) ? 'rtl' : 'ltr')) out.push(`${locale}: locale_dir is ${dir}`);
  }
  return out;
}

// English keys no source names. A key is named by data-i18n / data-i18n-attr, t('key') and
// Card.t('key'), tn('key') (its _one and _other), a key table's string literal, __MSG_key__, or,
// for keys made at run time (`options_updates_code_${code}`), by its code written as a literal
// somewhere ('not-modified' for options_updates_code_not_modified).
function unusedKeys(en, files) {
  const used = new Set();
  const prefixes = [];
  const literals = new Set();
  for (const { text } of files) {
    for (const m of text.matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(';')) used.add(pair.split(':')[1].trim());
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
    for (const m of text.matchAll(/\btn\('(\w+)'/g)) { used.add(`${m[1]}_one`); used.add(`${m[1]}_other`); }
    for (const m of text.matchAll(/['"](\w+)['"]/g)) used.add(m[1]); // t('x'), Card.t('x'), tables
    for (const m of text.matchAll(/`(\w+_)\$\{/g)) prefixes.push(m[1]);
    for (const m of text.matchAll(/['"]([a-z][a-z-]*)['"]/g)) literals.add(m[1].replace(/-/g, '_'));
  }
  const dynamic = (key) => prefixes.some((p) => key.startsWith(p) && literals.has(key.slice(p.length)));
  return Object.keys(en).filter((k) => !used.has(k) && !dynamic(k));
}

test('every interface locale is there, English is the default', () => {
  assert.deepEqual(Object.keys(catalogs()), EXPECTED);
  assert.equal(readJson(path.join(ROOT, 'manifest.json')).default_locale, 'en');
});

test('every locale has exactly the English keys, the same placeholders and English descriptions', () => {
  assert.deepEqual(localeProblems(catalogs()), []);
});

test('every English key is used by a page, a script or the manifest', () => {
  assert.deepEqual(unusedKeys(catalogs().en, sources()), []);
});

// A locale that is English copied over would pass the checks above; only keys that hold no words
// (placeholders and punctuation) and the product name may read the same as English.
test('every locale is translated, not English copied over', () => {
  const all = catalogs();
  const wordless = (m) => !/\p{L}{2,}/u.test(m.replace(/\$\w+\$|\$\d/g, ''));
  // The product name, and words these languages share with English.
  const same = {
    '*': ['ext_name', 'locale_dir', 'profile_page_title'],
    fr: ['popup_options', 'options_dataset_version', 'options_dataset_source', 'profile_sources',
      'popup_mentions_one', 'popup_mentions_other', 'check_mentions_one', 'check_mentions_other'],
    de: ['options_dataset_version', 'card_details', 'profile_domains'],
    nl: ['options_privacy_title', 'profile_domains'],
    pl: ['options_load_problem_count_one'],
  };
  const copied = [];
  for (const [locale, messages] of Object.entries(all)) {
    if (locale === 'en') continue;
    const allowed = [...same['*'], ...(same[locale] ?? [])];
    for (const k of Object.keys(all.en)) {
      if (messages[k]?.message === all.en[k].message && !wordless(all.en[k].message) && !allowed.includes(k)) copied.push(`${locale}: ${k}`);
    }
  }
  assert.deepEqual(copied, []);
});

// The checks must be able to fail: each kind of mistake, made in a copy, is reported.
test('the checks catch a missing key, an extra key, a changed placeholder and an unused key', () => {
  const all = structuredClone(catalogs());
  delete all.de.popup_options;
  all.fr.popup_nope = { message: 'Non' };
  all.ja.popup_search_failed.message = all.ja.popup_search_failed.message.replace('$1', '$2');
  all.es.options_updates_user.message = all.es.options_updates_user.message.replace('$URL$', 'URL');
  all.pl.ext_name.description = 'Nazwa';
  all.ar.locale_dir.message = 'ltr';
  assert.deepEqual(localeProblems(all).sort(), [
    'ar: locale_dir is ltr',
    'de: missing popup_options',
    'es: options_updates_user has placeholders none, English $URL$',
    'fr: popup_nope is not in English',
    'ja: popup_search_failed has placeholders $2, English $1',
    'pl: ext_name description differs from English',
  ]);
  const en = { ...all.en, popup_never_shown: { message: 'x' }, options_updates_code_made_up: { message: 'x' } };
  assert.deepEqual(unusedKeys(en, sources()), ['popup_never_shown', 'options_updates_code_made_up']);
});
