// The wasm handle as the extension sees it: extension/pkg (built by scripts/build-extension.sh)
// loaded in Node, checked against the JS contract the background relies on.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const PKG = new URL('../../extension/pkg/', import.meta.url);
const DATASET = readFileSync(new URL('../../extension/data/default.json', import.meta.url), 'utf8');
let Engine, engine;

before(async () => {
  // The glue is an ES module in a .js file; importing it as a data: URL keeps it an ES module
  // without making the whole repo "type": "module".
  const glue = readFileSync(new URL('backstory.js', PKG), 'utf8');
  const mod = await import(`data:text/javascript;base64,${Buffer.from(glue).toString('base64')}`);
  await mod.default({ module_or_path: readFileSync(new URL('backstory_bg.wasm', PKG)) });
  Engine = mod.Engine;
  engine = Engine.fromJson(DATASET);
});

test('scan returns flat UTF-16 [start, end, kind, entry, rule] quintuples', () => {
  const text = '\u{1F6D2} Sold by Whole Foods Market\u2029Check the ring size chart';
  const hits = engine.scan(text);
  assert.ok(hits instanceof Uint32Array);
  assert.equal(hits.length, 5);
  assert.equal(text.slice(hits[0], hits[1]), 'Whole Foods Market');
  assert.equal(Engine.rules()[hits[4]].id, 'name');
  assert.equal(hits[2], 0); // brand
  const e = engine.entry(hits[3]);
  assert.equal(e.kind, 'brand');
  assert.deepEqual([e.brand.name, e.company.id, e.company.name], ['Whole Foods Market', 'amazon', 'Amazon']);
});

test('stock symbols come back as kind 2', () => {
  const text = 'NASDAQ: AMZN closed up';
  const hits = engine.scan(text);
  assert.equal(hits[2], 2);
  assert.equal(engine.entry(hits[3]).kind, 'symbol');
});

test('company, search, companyForHost and info answer in the documented shapes', () => {
  const c = engine.company('amazon');
  assert.equal(c.profile_url, 'https://investigate.info/company/amazon');
  assert.ok(Array.isArray(c.category_details) && Array.isArray(c.brands));
  assert.equal(engine.company('no-such-company'), undefined);
  const [best] = engine.search('ring', 5);
  assert.deepEqual([best.company, best.company_name], ['amazon', 'Amazon']);
  assert.equal(engine.companyForHost('www.zappos.com'), 'amazon');
  const info = engine.info();
  assert.ok(info.counts.companies >= 1 && typeof info.version !== 'undefined');
});

test('companyBrief gives what a badge shows of a company, with its name in other languages only', () => {
  const full = engine.company('amazon');
  const brief = engine.companyBrief('amazon');
  assert.deepEqual(Object.keys(brief).sort(), ['badge_text', 'category_details', 'id', 'name', 'profile_url', 'translations']);
  assert.equal(brief.name, full.name);
  assert.equal(brief.badge_text, full.badge_text);
  assert.equal(brief.profile_url, full.profile_url);
  assert.deepEqual(brief.category_details, full.category_details);
  // Only a translated name is carried; a translation without one is left out.
  const dataset = JSON.parse(DATASET);
  const amazon = dataset.companies.find((c) => c.id === 'amazon');
  amazon.translations = { de: { name: 'Amazon (Testname)', summary: 'Zusammenfassung' }, fr: { summary: 'Résumé' } };
  const named = Engine.fromJson(JSON.stringify(dataset)).companyBrief('amazon');
  assert.deepEqual(named.translations, { de: { name: 'Amazon (Testname)' } });
  assert.equal(engine.companyBrief('no-such-company'), undefined);
});

test('fromJson throws an Error that lists the problems', () => {
  assert.throws(() => Engine.fromJson('{"not": "a dataset"}'), (e) => e instanceof Error && e.message.length > 0);
});

// An engine of synthetic companies (not campaign facts) on the bundled dataset's frame, each in
// its first category, with no brands. `company` writes one with the other fields a dataset requires.
function company(id, name, aliases) {
  return { id, name, legal_name: name, aliases, summary: 'Test company.', as_of: '2024-01-01' };
}
function syntheticEngine(companies) {
  const dataset = JSON.parse(DATASET);
  dataset.companies = companies.map((c) => ({ ...c, categories: [dataset.categories[0].id] }));
  dataset.brands = [];
  return Engine.fromJson(JSON.stringify(dataset));
}

test('a confirm: page alias comes back waiting, and the page host names it outright', () => {
  // One name that needs the page to confirm it.
  const local = syntheticEngine([company('gap', 'Gap Inc.', [{ text: 'Gap', confirm: 'page' }])]);
  const rules = Engine.rules();
  const elsewhere = local.scan('Gap jeans');
  assert.equal(elsewhere.length, 5);
  assert.deepEqual([rules[elsewhere[4]].id, rules[elsewhere[4]].verdict], ['ordinary-word', 'wait']);
  const onItsSite = local.scan('Gap jeans', 'www.gap.com');
  assert.deepEqual([rules[onItsSite[4]].id, rules[onItsSite[4]].verdict], ['own-site', 'flag']);
  assert.equal(rules[local.scan('Gap jeans', undefined)[4]].verdict, 'wait');
  // A manufacturer's model number after it names the company (src/engine/verdict.rs); a shop's
  // article number does not.
  const beforeModel = local.scan('Gap 25UM58-P monitor');
  assert.deepEqual([rules[beforeModel[4]].id, rules[beforeModel[4]].verdict], ['product-model', 'flag']);
  assert.equal(rules[local.scan('Gap BS3682')[4]].id, 'ordinary-word');
});

test('a waiting name in a list among other companies\' names stands (src/engine/lists.rs)', () => {
  // Two plain names and one that needs the page.
  const local = syntheticEngine([
    company('ringco', 'Ringco', []), company('zedco', 'Zedco', []),
    company('gap', 'Gap Inc.', [{ text: 'Gap', confirm: 'page' }]),
  ]);
  const rules = Engine.rules();
  const gapRule = (text) => {
    const hits = local.scan(text);
    const at = text.indexOf('Gap');
    for (let i = 0; i < hits.length; i += 5) if (hits[i] === at) return rules[hits[i + 4]];
    return undefined;
  };
  assert.deepEqual([gapRule('Ringco, Gap, Zedco').id, gapRule('Ringco, Gap, Zedco').verdict], ['brand-list', 'flag']);
  assert.equal(gapRule('Ringco\u2029Gap\u2029Zedco').id, 'brand-list');
  assert.equal(gapRule('Ringco Gap Zedco').id, 'ordinary-word');
});

test('on a generic domain the page language tells the countries a name scoped to markets can be in', () => {
  // A name scoped to Finland, whose official languages are Finnish and Swedish
  // (data/country-languages.txt, compiled into the wasm).
  const local = syntheticEngine([company('otto', 'Otto', [{ text: 'Otto', case: 'exact', markets: { in: ['fi'] } }])]);
  assert.equal(local.scan('Otto ATM', 'www.example.com', 'en').length, 0);
  assert.equal(local.scan('Otto pankkiautomaatti', 'www.example.com', 'fi').length, 5);
  assert.equal(local.scan('Otto bankomat', 'www.example.com', 'sv-FI').length, 5);
  assert.equal(local.scan('Otto ATM', 'www.example.com').length, 5, 'no language: the name counts');
  assert.equal(local.scan('Otto ATM', 'www.otto.de', 'fi').length, 0, 'a country-code domain decides');
});

test('a name that is a word of the page language waits there and is a name elsewhere', () => {
  const local = syntheticEngine([company('tous', 'Tous', [{ text: 'Tous', case: 'exact', word_in: ['fr'] }])]);
  const rules = Engine.rules();
  assert.equal(rules[local.scan('Tous les prix', undefined, 'fr-FR')[4]].id, 'ordinary-word-in-language');
  assert.equal(rules[local.scan('Joyas Tous', undefined, 'es')[4]].id, 'name');
});

test('a waiting English word capitalized after a function word of the page language is a name', () => {
  // An English word that waits everywhere (confirm: page).
  const local = syntheticEngine([company('rituals', 'Rituals', [{ text: 'Rituals', confirm: 'page', word_in: ['en'] }])]);
  const rules = Engine.rules();
  const rule = (text, lang) => rules[local.scan(text, undefined, lang)[4]];
  assert.deepEqual([rule('Mooie momenten met Rituals', 'nl').id, rule('Mooie momenten met Rituals', 'nl').verdict],
    ['name-in-sentence', 'flag']);
  assert.equal(rule('Moments with Rituals', 'en').id, 'ordinary-word');
  assert.equal(rule('Momente mit Rituals', 'de').id, 'ordinary-word', 'German capitalizes its nouns');
  // The card words it in the interface's language.
  const en = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
  assert.equal(en.judge_rule_name_in_sentence.message, rule('Mooie momenten met Rituals', 'nl').words);
});

test('named finds product data under the engine fold, never fuzzily', () => {
  assert.equal(engine.entry(engine.named('WHOLE FOODS MARKET™')).company.id, 'amazon');
  assert.equal(engine.named('Whole Food'), undefined);
});
