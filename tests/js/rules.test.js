// Unit tests for extension/shared/rules.js: settings defaults, hidden categories and matches, findings.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('../../extension/shared/rules.js');

const amazon = { id: 'amazon', name: 'Amazon', categories: [{ id: 'immigration' }, { id: 'military' }] };
const entry = (alias, company = amazon) => ({ alias, company });

test('absent or malformed settings mean the defaults', () => {
  assert.deepEqual(R.readSettings(undefined), { display: 'badges+underline', showAll: false, hiddenCategories: [], pausedSites: [], hiddenMatches: [] });
  const s = R.readSettings({ display: 'loud', hiddenCategories: ['x', 3], pausedSites: 'nope', hiddenMatches: [{ host: 'a' }, null] });
  assert.equal(s.display, 'badges+underline');
  assert.deepEqual(s.hiddenCategories, ['x']);
  assert.deepEqual(s.pausedSites, []);
  assert.deepEqual(s.hiddenMatches, []);
});

test('display off and paused sites turn the page off', () => {
  assert.ok(R.pageOff(R.readSettings({ display: 'off' }), 'shop.example'));
  assert.ok(R.pageOff(R.readSettings({ pausedSites: ['Shop.Example'] }), 'shop.example'));
  assert.ok(!R.pageOff(R.readSettings({ display: 'notice', pausedSites: ['other.example'] }), 'shop.example'));
});

test('a company is hidden only when every one of its categories is hidden', () => {
  assert.ok(!R.categoryHidden(amazon, R.readSettings({ hiddenCategories: ['military'] })));
  assert.ok(R.categoryHidden(amazon, R.readSettings({ hiddenCategories: ['military', 'immigration'] })));
  assert.ok(!R.categoryHidden({ id: 'x', categories: [] }, R.readSettings({ hiddenCategories: ['military'] })));
});

test('a hidden match applies to its host, company and alias only (case-insensitive alias)', () => {
  const s = R.readSettings({ hiddenMatches: [{ host: 'shop.example', company: 'amazon', alias: 'Ring' }] });
  assert.ok(R.suppressed(entry('RING'), 'shop.example', s));
  assert.ok(!R.suppressed(entry('Ring'), 'other.example', s));
  assert.ok(!R.suppressed(entry('Zappos'), 'shop.example', s));
  assert.ok(!R.suppressed(entry('Ring', { id: 'other', categories: [] }), 'shop.example', s));
});

test('withHiddenMatch adds once and keeps unknown fields', () => {
  const a = R.withHiddenMatch({ display: 'badges', future: 1 }, 'h', 'amazon', 'Ring');
  const b = R.withHiddenMatch(a, 'h', 'amazon', 'ring');
  assert.deepEqual(b, { display: 'badges', future: 1, hiddenMatches: [{ host: 'h', company: 'amazon', alias: 'Ring' }] });
});

test('summarize groups findings by company, then by kind and alias, in first-seen order', () => {
  const out = R.summarize([
    { company: 'amazon', alias: 'Ring', kind: 'brand', brand: 'Ring', badgeable: true },
    { company: 'geo', alias: 'GEO Group', kind: 'company', brand: null, badgeable: true },
    { company: 'amazon', alias: 'Ring', kind: 'brand', brand: 'Ring', badgeable: false },
    { company: 'amazon', alias: 'Amazon', kind: 'company', brand: null, badgeable: false },
  ], 3);
  assert.deepEqual(out, {
    companies: [
      { id: 'amazon', matches: [{ alias: 'Ring', kind: 'brand', brand: 'Ring', count: 2, quiet: 1 }, { alias: 'Amazon', kind: 'company', brand: null, count: 1, quiet: 1 }] },
      { id: 'geo', matches: [{ alias: 'GEO Group', kind: 'company', brand: null, count: 1, quiet: 0 }] },
    ],
    capped: 3,
  });
  assert.equal(R.summarize([], -2).capped, 0);
});

test('settings: badges in menus and footers only when the user asks for all', () => {
  assert.equal(R.readSettings(null).showAll, false);
  assert.equal(R.readSettings({ showAll: 'yes' }).showAll, false, 'only true turns it on');
  assert.equal(R.readSettings({ showAll: true }).showAll, true);
});

test('confirm: page hits wait until the page names their company, then come back once', () => {
  const gap = { id: 'gap' };
  const held = (alias, block) => [{ alias, block, waits: true }, { alias, company: gap }];
  const named = (alias, block) => [{ alias, block, waits: false }, { alias, company: gap }];
  const other = [{ alias: 'Amazon', block: 'b0' }, entry('Amazon')];
  const c = R.createConfirmer();
  const first = held('Gap', 'b1'), second = held('gap', 'b2');
  assert.deepEqual(c.admit([first, other]), [other], 'held back, the rest passes');
  assert.deepEqual(c.admit([second]), []);
  assert.equal(c.held(), 2);
  const anchor = named('Gap Inc.', 'b3');
  assert.deepEqual(c.admit([anchor]), [first, second, anchor], 'a later batch names Gap: both come back, oldest first');
  assert.equal(c.held(), 0);
  const third = held('Gap', 'b4');
  assert.deepEqual(c.admit([third]), [third], 'once named, the page stays confirmed');
  c.reset();
  assert.deepEqual(c.admit([held('Gap', 'b1')]), [], 'a new route starts over');
});

test('a company named by any hit of a batch confirms, even one dropped afterwards', () => {
  const c = R.createConfirmer();
  const gap = { id: 'gap' };
  c.name(['gap']); // main.js: every hit names its company before one per block is kept
  const item = [{ block: 'b1', waits: true }, { alias: 'Gap', company: gap }];
  assert.deepEqual(c.admit([item]), [item]);
});

test('one held item per block and company; rescanned or gone items are dropped', () => {
  const c = R.createConfirmer();
  const gap = { id: 'gap' };
  const held = (block, n) => [{ block, n, waits: true }, { alias: 'Gap', company: gap }];
  c.admit([held('b1', 1)]);
  c.admit([held('b1', 2)]);
  assert.equal(c.held(), 1, 'a rescan of the block replaces its held hit');
  c.admit([held('b2', 3), held('b3', 4)]);
  c.forget((block) => block === 'b2');
  assert.equal(c.held(), 2);
  const released = c.admit([[{ block: 'b9', waits: false }, { alias: 'Gap Inc.', company: gap }]], ([m]) => m.n !== 4);
  assert.deepEqual(released.map(([m]) => m.n), [2, undefined], 'the item whose text left the page is not released');
  assert.equal(c.held(), 0);
});

test('the confirmer holds at most maxHeld hits, dropping the oldest', () => {
  const c = R.createConfirmer(2);
  const gap = { id: 'gap' };
  const items = [1, 2, 3].map((n) => [{ n, block: `b${n}`, waits: true }, { alias: 'Gap', company: gap }]);
  for (const item of items) c.admit([item]);
  assert.equal(c.held(), 2);
  const released = c.admit([[{ block: 'b9', waits: false }, { alias: 'Gap Inc.', company: gap }]]);
  assert.deepEqual(released.slice(0, 2), items.slice(1));
});

test('a brand name that waits for want of its context word needs the brand named, not only its owner', () => {
  // Found with make eval: on an Amazon page "Ring" in "Sterling Silver Ring" was confirmed by
  // "Amazon"; on a Canon page "Dual Pixel" by a "Google" link (src/confirm.rs does the same).
  const amazon = { id: 'amazon' }, ring = { id: 'ring', name: 'Ring' };
  const c = R.createConfirmer();
  const silver = [{ block: 'b1', waits: true, why: { id: 'context-on-page' } }, { alias: 'Ring', company: amazon, brand: ring }];
  const owner = [{ block: 'b2', waits: false }, { alias: 'Amazon', company: amazon, brand: null }];
  assert.deepEqual(c.admit([silver, owner]), [owner], 'the owner alone does not confirm the brand');
  const doorbell = [{ block: 'b3', waits: false }, { alias: 'Ring Video Doorbell', company: amazon, brand: ring }];
  assert.deepEqual(c.admit([doorbell]), [silver, doorbell], 'the brand named otherwise does');
  // An ordinary word that waits is still confirmed by its company.
  const c2 = R.createConfirmer();
  const gap = [{ block: 'b1', waits: true, why: { id: 'ordinary-word' } }, { alias: 'Gap', company: { id: 'gap' }, brand: null }];
  c2.name(R.namesOf({ company: { id: 'gap' }, brand: null }));
  assert.deepEqual(c2.admit([gap]), [gap]);
});

test('a name that waits for want of its context word is not confirmed by a stock symbol', () => {
  // Found by the check-a-list e2e test: "$CAT 10 shares" confirmed "CAT toy for the kitten".
  const cat = { id: 'caterpillar' };
  const c = R.createConfirmer();
  const toy = [{ block: 'b2', waits: true, why: { id: 'context-on-page' } }, { alias: 'CAT', kind: 'company', company: cat, brand: null }];
  const shares = [{ block: 'b1', waits: false }, { alias: 'NYSE:CAT', kind: 'symbol', company: cat, brand: null }];
  assert.deepEqual(c.admit([shares, toy]), [shares]);
  const name = [{ block: 'b3', waits: false }, { alias: 'Caterpillar', kind: 'company', company: cat, brand: null }];
  assert.deepEqual(c.admit([name]), [toy, name], 'a name of the company does');
});
