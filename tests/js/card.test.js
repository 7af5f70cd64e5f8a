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
