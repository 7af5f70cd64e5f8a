// The NSI markets fixture (tests/fixtures/nsi-markets.tsv, written by scripts/nsi-markets.mjs) in
// the codes a page's domain gives: NSI writes the United Kingdom "uk" and metropolitan France "fx",
// which no host ever matched, so 438 brands were out of place on every French site.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const rows = readFileSync(new URL('../fixtures/nsi-markets.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1);

test('NSI markets are ISO country codes as domains write them, not NSI\'s own "uk" and "fx"', () => {
  const codes = new Set(rows.flatMap((row) => row.split('\t')[1].split(' ')));
  assert.ok(codes.has('gb') && codes.has('fr'));
  for (const own of ['uk', 'fx']) assert.ok(!codes.has(own), own);
  for (const code of codes) assert.match(code, /^-?[a-z]{2}$/);
});
