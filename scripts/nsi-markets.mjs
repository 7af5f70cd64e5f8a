// Writes tests/fixtures/nsi-markets.tsv: for each brand of the name-suggestion-index (by Wikidata
// id), the countries NSI lists it in, from its locationSet: "fi", "de at ch". The evaluation
// joins it to ../shared/reference/nsi-brands.tsv (which has no locations) as the import's
// `markets` column. Source: the npm package name-suggestion-index at a
// pinned version (BSD-3-Clause; tests/fixtures/nsi-markets.COPYRIGHT).
//
// Reduction to countries, conservative: a country code is that country; a subdivision ("us-ca")
// or a region file named after one ("fr-idf.geojson") is its country; the world ("001"), a
// continent ("150"), a point with a radius or any other area leaves the brand unscoped, since a
// wrong scope would hide a real mention. A brand on several NSI items is in the union of their
// countries. NSI's excludes are left out: they say another NSI entry covers that country, often
// the same company under a local name (GameStop excludes Germany, where gamestop.de is its own
// shop), not that another company has the name there (make eval: docs/evidence/languages.md).
//
// Run: node scripts/nsi-markets.mjs [path/to/nsi.json]   (without a path: npm pack, in a temp dir)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '8.0.20260918';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'tests/fixtures/nsi-markets.tsv');
const BRANDS = join(ROOT, '../shared/reference/nsi-brands.tsv');

function loadNsi(path) {
  if (path) return JSON.parse(readFileSync(path, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'nsi-'));
  try {
    execFileSync('npm', ['pack', `name-suggestion-index@${VERSION}`, '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    execFileSync('tar', ['xzf', `name-suggestion-index-${VERSION}.tgz`, 'package/dist/json/nsi.json'], { cwd: dir });
    return JSON.parse(readFileSync(join(dir, 'package/dist/json/nsi.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One locationSet entry as a country code, or null when it is not within one country.
function countryOf(code) {
  const c = String(code).toLowerCase();
  const m = /^([a-z]{2})(?:-[a-z0-9]+(?:\.geojson)?)?$/.exec(c) ?? /^([a-z]{2})-[a-z0-9_-]+\.geojson$/.exec(c);
  if (!m) return null;
  // NSI (country-coder) writes the United Kingdom "uk" and metropolitan France "fx"; ISO 3166-1,
  // and a page's domain, say "gb" and "fr".
  return { uk: 'gb', fx: 'fr' }[m[1]] ?? m[1];
}

const nsi = loadNsi(process.argv[2]).nsi;
const items = new Map(); // wikidata -> [locationSet]
for (const [path, group] of Object.entries(nsi)) {
  if (!path.startsWith('brands/')) continue;
  for (const item of group.items) {
    const q = item.tags?.['brand:wikidata'];
    if (!q) continue;
    if (!items.has(q)) items.set(q, []);
    items.get(q).push(item.locationSet ?? {});
  }
}
const wanted = existsSync(BRANDS) ? new Set(readFileSync(BRANDS, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean)) : null;

const rows = [];
let scoped = 0, unscoped = 0;
for (const [q, sets] of [...items].sort((a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)))) {
  if (wanted && !wanted.has(q)) continue;
  let inside = new Set();
  for (const s of sets) {
    for (const code of s.include ?? []) {
      const c = countryOf(code);
      if (c === null) { inside = null; break; }
      inside.add(c);
    }
    if (inside === null) break;
  }
  const cell = inside ? [...inside].sort().join(' ') : '';
  if (inside) scoped += 1; else unscoped += 1;
  if (cell) rows.push(`${q}\t${cell}`);
}
writeFileSync(OUT, `wikidata\tmarkets\n${rows.join('\n')}\n`);
console.log(`nsi-markets: ${rows.length} brands written (${scoped} scoped to countries, ${unscoped} left unscoped) from name-suggestion-index ${VERSION} to ${OUT}`);
