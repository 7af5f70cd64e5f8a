// Unit tests for extension/shared/card.js: the card's wording, owner shares and the report link.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Card = require('../../extension/shared/card.js');

// Stands in for chrome.i18n.getMessage with the English strings of _locales/en/messages.json.
const messages = require('../../extension/_locales/en/messages.json');
const tr = (key, subs = []) => messages[key].message.replace(/\$(\d)/g, (_, i) => subs[i - 1]);
const amazon = { id: 'amazon', name: 'Amazon', categories: [{ id: 'a', label: 'Prisons and policing' }, { id: 'b', label: 'Surveillance' }] };

test('the badge names the company and its categories', () => {
  assert.equal(Card.badgeLabel(amazon, tr), 'Amazon: Prisons and policing, Surveillance — details');
  assert.equal(Card.badgeLabel({ name: 'Acme', categories: [] }, tr), 'Acme — details');
});

test('how the match connects: brand, joint owners with percentage shares, symbol, alias', () => {
  assert.equal(Card.relationText({ company: amazon, kind: 'brand', alias: 'Ring', brand: { name: 'Ring' }, owners: [{ name: 'Amazon' }] }, tr),
    'Ring is a brand of Amazon');
  // Shares are percentages in the dataset, shown as they are (not multiplied by 100).
  const joint = { company: amazon, kind: 'brand', alias: 'JV', brand: { name: 'JV' }, owners: [{ name: 'A', share: 50 }, { name: 'B', share: 12.5 }] };
  assert.equal(Card.relationText(joint, tr), 'JV is jointly owned by A (50%), B (12.5%)');
  assert.equal(Card.relationText({ company: amazon, kind: 'symbol', alias: 'NASDAQ:AMZN' }, tr), 'NASDAQ:AMZN is a stock symbol of Amazon');
  assert.equal(Card.relationText({ company: amazon, kind: 'company', alias: 'Amazon.com' }, tr), '“Amazon.com” refers to Amazon');
  assert.equal(Card.relationText({ company: amazon, kind: 'company', alias: 'amazon' }, tr), null);
});

test('a licensed brand names its owner and who runs it, in the market or everywhere (issue 19)', () => {
  const yum = { id: 'yum-brands', name: 'Yum! Brands', categories: [] };
  const kfc = { company: yum, kind: 'brand', alias: 'KFC', brand: { id: 'kfc-china', name: 'KFC' }, owners: [{ name: 'Yum! Brands' }] };
  assert.equal(Card.relationText({ ...kfc, licensee: { id: null, name: 'Yum China', in_market: true } }, tr),
    'KFC: a brand of Yum! Brands, run in this market under licence by Yum China');
  const home = { company: { name: 'Honeywell' }, kind: 'brand', alias: 'Honeywell Home', brand: { name: 'Honeywell Home' }, owners: [{ name: 'Honeywell' }] };
  assert.equal(Card.relationText({ ...home, licensee: { name: 'Resideo', in_market: false } }, tr),
    'Honeywell Home: a brand of Honeywell, run under licence by Resideo');
  // No licensee, or one without a name: the plain brand sentence.
  assert.equal(Card.relationText({ ...kfc, licensee: null }, tr), 'KFC is a brand of Yum! Brands');
  assert.equal(Card.relationText({ ...kfc, licensee: { name: '' } }, tr), 'KFC is a brand of Yum! Brands');
  // Every locale words both sentences with the brand, the owner and the licensee.
  const fs = require('node:fs');
  const path = require('node:path');
  const dir = path.join(__dirname, '../../extension/_locales');
  for (const loc of fs.readdirSync(dir)) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, loc, 'messages.json'), 'utf8'));
    for (const key of ['card_licensed_here', 'card_licensed']) {
      for (const n of ['$1', '$2', '$3']) assert.ok(m[key]?.message.includes(n), `${loc} ${key} lacks ${n}`);
    }
  }
});

test('the report link fills alias and host URL-encoded, and is https only', () => {
  assert.equal(Card.reportHref('https://r.example/new?alias={alias}&host={host}', 'Ring & Co', 'shop.example'),
    'https://r.example/new?alias=Ring%20%26%20Co&host=shop.example');
  assert.equal(Card.reportHref('http://r.example/?a={alias}', 'x', 'y'), null);
  assert.equal(Card.reportHref('javascript:alert({alias})', 'x', 'y'), null);
  assert.equal(Card.reportHref(undefined, 'x', 'y'), null);
});

test('only hex colours reach a style', () => {
  assert.equal(Card.safeColor('#0f766e'), '#0f766e');
  assert.equal(Card.safeColor('red;background:url(x)'), null);
});

// The card's rules as {selector: declarations}, from the CSS string both surfaces adopt (the rules
// inside @media come out under their own selectors).
function cssRules(css) {
  const rules = {};
  for (const [, sel, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const s of sel.split(',')) rules[s.trim()] = (rules[s.trim()] ?? '') + body;
  }
  return rules;
}

test('nothing in the card is cut: no line clamp or hidden overflow; a tall card scrolls inside itself', () => {
  // Issue 17: a two-line clamp on the summary hid the reason and the disclaimers ("not HP Inc.").
  assert.doesNotMatch(Card.CSS, /line-clamp|text-overflow|-webkit-box/);
  const rules = cssRules(Card.CSS);
  for (const [sel, body] of Object.entries(rules)) {
    assert.doesNotMatch(body, /overflow(-[xy])?\s*:\s*(hidden|clip)/, `${sel} hides what overflows`);
    // The close button holds one "×"; every other part takes the height its text needs.
    if (sel !== '.bs-close') assert.doesNotMatch(body, /(^|[^-])height\s*:\s*\d/, `${sel} fixes a height that can cut text`);
  }
  const card = rules['.bs-card'];
  assert.match(card, /max-height\s*:\s*calc\(100vh - 16px\)/);
  assert.match(card, /overflow(-y)?\s*:\s*auto/);
  // Scrolling by keyboard needs the focus in the card; the focus must then be seen.
  assert.match(rules['.bs-card:focus-visible'] ?? '', /outline\s*:\s*3px solid/);
});

// In the page the card writes lists and shares the interface language's way (shared/format.js).
test('lists and shares follow the interface language', () => {
  const Format = require('../../extension/shared/format.js');
  const de = require('../../extension/_locales/de/messages.json');
  const trDe = (key, subs = []) => de[key].message.replace(/\$(\d)/g, (_, i) => subs[i - 1]);
  const joint = { company: amazon, kind: 'brand', alias: 'JV', brand: { name: 'JV' }, owners: [{ name: 'A', share: 50 }, { name: 'B', share: 12.5 }] };
  const en = Format.forLocale('en');
  const plain = (s) => s.replace(/\u00a0/g, ' ');
  assert.equal(Card.badgeLabel(amazon, tr, en), 'Amazon: Prisons and policing and Surveillance — details');
  assert.equal(Card.relationText(joint, tr, en), 'JV is jointly owned by A (50%) and B (12.5%)');
  assert.equal(plain(Card.relationText(joint, trDe, Format.forLocale('de'))), 'JV gehört gemeinsam A (50 %) und B (12,5 %)');
  assert.equal(Card.badgeLabel(amazon, trDe, Format.forLocale('de')), 'Amazon: Prisons and policing und Surveillance – Details');
});

test('why this badge: the matched text, the judge\'s rule in words, and the dataset behind it', () => {
  const model = { company: amazon, alias: 'Ring', why: { id: 'name', text: 'Ring', words: 'the engine\'s own words' },
    dataset: { title: 'Backstory default dataset', as_of: '2025-07-01' } };
  assert.equal(Card.whyText(model, tr),
    '“Ring”: the text is one of the dataset\'s names for this company. Source: Backstory default dataset, as of 2025-07-01.');
  assert.equal(Card.whyText({ ...model, dataset: null }, tr), '“Ring”: the text is one of the dataset\'s names for this company.');
  assert.equal(Card.whyText({ company: amazon, alias: 'Amazon' }, tr), null, 'the site notice\'s card has no judge\'s reason');
});

test('the rule is said in the interface\'s language; an unknown rule keeps the engine\'s words', () => {
  const de = require('../../extension/_locales/de/messages.json');
  const trDe = (key, subs = []) => de[key].message.replace(/\$(\d)/g, (_, i) => subs[i - 1]);
  assert.equal(Card.whyText({ company: amazon, why: { id: 'ordinary-word-in-language', text: 'Tous', words: 'English words' } }, trDe),
    '„Tous“: der Name ist in der Sprache dieser Seite ein gewöhnliches Wort, deshalb muss die Seite das Unternehmen noch auf andere Weise nennen.');
  const missing = (key, subs = []) => (de[key] ? trDe(key, subs) : key);
  assert.equal(Card.whyText({ company: amazon, why: { id: 'a-rule-of-tomorrow', text: 'X', words: 'its words' } }, missing), '„X“: its words.');
});
