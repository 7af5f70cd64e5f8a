// Unit tests for extension/shared/format.js: dates, numbers, lists and plural keys per language, and
// the direction marks that keep names apart in right-to-left sentences.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const Format = require('../../extension/shared/format.js');

const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

test('dataset dates are calendar days, in the language, never a day early', () => {
  const en = Format.forLocale('en'), de = Format.forLocale('de'), ja = Format.forLocale('ja');
  assert.equal(en.date('2026-01-05'), 'January 5, 2026');
  assert.equal(de.date('2026-01-01'), '1. Januar 2026');
  assert.equal(ja.date('2025-12-31'), '2025年12月31日');
  assert.equal(de.date('2026-03'), 'März 2026');
  assert.equal(en.date('soon'), 'soon', 'what is not a date is shown as written');
  assert.equal(en.date(undefined), '');
});

test('numbers, percentages and lists', () => {
  const fr = Format.forLocale('fr'), tr = Format.forLocale('tr'), zh = Format.forLocale('zh-CN');
  assert.equal(plain(fr.number(5242880)), '5 242 880');
  assert.equal(Format.forLocale('de').number(5242880), '5.242.880');
  assert.equal(tr.percent(60), '%60');
  assert.equal(plain(fr.percent(12.5)), '12,5 %');
  assert.equal(zh.list(['A', 'B', 'C']), 'A、B和C');
  assert.equal(Format.forLocale('es').list(['A', 'B']), 'A y B');
  assert.deepEqual(Format.forLocale('en').listParts(['A', 'B']).map((p) => p.type), ['element', 'literal', 'element']);
});

test('plural keys: _one only where the language says one', () => {
  const en = Format.forLocale('en'), fr = Format.forLocale('fr'), pl = Format.forLocale('pl'), ja = Format.forLocale('ja');
  assert.deepEqual([0, 1, 2].map(en.plural), ['other', 'one', 'other']);
  assert.deepEqual([0, 1, 2].map(fr.plural), ['one', 'one', 'other']); // "0 résultat"
  assert.deepEqual([1, 2, 5, 22].map(pl.plural), ['one', 'other', 'other', 'other']);
  assert.deepEqual([1, 2].map(ja.plural), ['other', 'other']);
});

test('direction: right to left only for rtl, names isolated there; a bad tag falls back to English', () => {
  const ar = Format.forLocale('ar', 'rtl'), en = Format.forLocale('en');
  assert.equal(ar.dir, 'rtl');
  assert.equal(en.dir, 'ltr');
  assert.deepEqual(ar.isolate(['Acme (60%)']), ['\u2068Acme (60%)\u2069']);
  assert.deepEqual(en.isolate(['Acme']), ['Acme']);
  assert.equal(Format.forLocale('not a tag!').locale, 'en');
});

test('a market country code is the country as the language names it', () => {
  assert.equal(Format.forLocale('en').region('gb'), 'United Kingdom');
  assert.equal(Format.forLocale('de').region('cn'), 'China');
  assert.equal(Format.forLocale('fr').region('ie'), 'Irlande');
  assert.equal(Format.forLocale('en').region('site:x.com'), 'site:x.com', 'not a country code: as written');
});
