// Real pages: every saved shop page of ../shared/corpus served at its real host name (the test
// bed, scripts/lib/test-bed.mjs), loaded at 1280x800 and then resized to 390x844 in one Chromium
// with the built extension (bench/geometry.mjs loads each viewport fresh), and every badge it draws checked by scripts/lib/geometry.mjs: no glyph of page
// text under it, inside the viewport, not covered, attribute matches at their element. A page
// fails on any violation not listed in corpus-geometry.baseline.json (per page and viewport, the
// kinds of violation each badge title had when it was written, after the placement change of issue
// 17; delete the file to make every violation fail, or rewrite it with GEOMETRY_BASELINE=update).
// Skipped, saying so, when ../shared is absent (an outside contributor's checkout).
// Env: GEOMETRY_JOBS (pages at once), GEOMETRY_STOPS (scroll positions per page and viewport),
// GEOMETRY_DIST (another built extension), GEOMETRY_BASELINE=update.
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentWorld } from '../../scripts/lib/browser.mjs';
import { CORPUS, corpusPages } from '../../scripts/lib/corpus.mjs';
import { VIEWPORTS, countKinds } from '../../scripts/lib/geometry.mjs';
import { extensionSettled, pageGeometry } from '../../scripts/lib/page-geometry.mjs';
import { openTestBed } from '../../scripts/lib/test-bed.mjs';

const PAGES = corpusPages();
// Pages at once in the one browser: 3 keeps both cores busy while pages wait on the extension's
// timers (a look again 150 ms after each scroll) and on their own layout.
const JOBS = Number(process.env.GEOMETRY_JOBS ?? 3);
// 10 scroll positions see about 90% of the badges that 20 see, in half the time (bench/geometry.md has 20).
const STOPS = Number(process.env.GEOMETRY_STOPS ?? 10);
const MAX_SHOTS = 3; // PNG crops per page and viewport under target/geometry/ (the bench saves all)
const BASELINE = fileURLToPath(new URL('corpus-geometry.baseline.json', import.meta.url));
const UPDATE = process.env.GEOMETRY_BASELINE === 'update';
const known = existsSync(BASELINE) && !UPDATE ? JSON.parse(readFileSync(BASELINE, 'utf8')).known : {};

// {kind: {badge title: how many badges of that title have it}}.
function byKindAndTitle(violations) {
  const out = {};
  for (const v of violations) { const k = (out[v.kind] ??= {}); k[v.title] = (k[v.title] ?? 0) + 1; }
  return out;
}
const line = (v) => `  ${v.kind}: "${v.title}" ${v.detail}${v.shot ? ` [${v.shot.replace(/^.*\/target\//, 'target/')}]` : ''}`;

if (!PAGES.length) {
  test('real-page geometry', { skip: `no shared corpus at ${CORPUS} (BACKSTORY_SHARED): the real-page test bed has nothing to serve` }, () => {});
} else {
  let bed;
  const results = [];
  const started = Date.now();
  before(async () => { bed = await openTestBed({ pages: PAGES, ...(process.env.GEOMETRY_DIST ? { ext: process.env.GEOMETRY_DIST } : {}) }); });
  // Throws if anything left the test servers (the network gate): the after hook then fails the file.
  after(async () => {
    await bed?.close();
    if (!results.length) return;
    for (const vp of VIEWPORTS) {
      const rs = results.filter((r) => r.viewport === vp.name);
      const k = countKinds(rs.flatMap((r) => r.violations));
      console.log(`# ${vp.name}: ${rs.length} pages, ${rs.reduce((n, r) => n + r.badges, 0)} badges (${rs.reduce((n, r) => n + r.checked, 0)} checked in view), violations ${JSON.stringify(k)}`);
    }
    console.log(`# real-page geometry: ${Math.round((Date.now() - started) / 1000)} s, ${JOBS} pages at once, ${STOPS} stops`);
    if (UPDATE) {
      const counts = {};
      for (const r of results.sort((a, b) => `${a.viewport} ${a.page}`.localeCompare(`${b.viewport} ${b.page}`))) {
        if (r.violations.length) counts[`${r.viewport} ${r.page}`] = byKindAndTitle(r.violations);
      }
      writeFileSync(BASELINE, `${JSON.stringify({
        about: 'Badge geometry violations known when this was written: per viewport and page, per kind, how many badges of each title had it. tests/e2e/corpus-geometry.test.mjs fails on any beyond these. Delete this file to make every violation fail; GEOMETRY_BASELINE=update rewrites it.',
        written: new Date().toISOString().slice(0, 10), stops: STOPS, known: counts,
      }, null, 1)}\n`);
      console.log(`# wrote ${BASELINE}`);
    }
  });

  describe('real-page geometry', { concurrency: JOBS }, () => {
    for (const p of PAGES) {
      it(p.name, async () => {
        const page = bed.pages.find((x) => x.name === p.name);
        const problems = [];
        for (const r of await pageGeometry(bed, page, VIEWPORTS, { stops: STOPS, maxShots: MAX_SHOTS })) {
          const vp = VIEWPORTS.find((v) => v.name === r.viewport);
          results.push(r);
          assert.ok(r.ran, `${vp.name}: the content script did not run on ${page.url}`);
          const allowed = known[`${vp.name} ${page.name}`] ?? {};
          const found = byKindAndTitle(r.violations);
          for (const [kind, titles] of Object.entries(found)) {
            for (const [title, n] of Object.entries(titles)) {
              const k = allowed[kind]?.[title] ?? 0;
              if (n <= k) continue;
              problems.push(`${vp.name}: ${n} "${title}" badge(s) with ${kind} violations, ${k} known:`);
              for (const v of r.violations.filter((x) => x.kind === kind && x.title === title)) problems.push(line(v));
            }
          }
        }
        if (!UPDATE) assert.equal(problems.length, 0, `badge geometry on ${page.url}:\n${problems.join('\n')}`);
      });
    }
  });

  // The bed must really serve pages where the extension finds names, or every page above passes empty.
  test('the test bed shows the extension real pages with names on them', () => {
    const withBadges = new Set(results.filter((r) => r.badges > 0).map((r) => r.page));
    assert.ok(withBadges.size >= Math.min(20, PAGES.length / 4), `only ${withBadges.size} of ${PAGES.length} pages got a badge`);
    assert.ok(results.some((r) => !r.curated && r.badges > 0), 'no site added with "Check this site too" got a badge');
    assert.ok(results.some((r) => r.violations.length === 0 && r.checked > 0), 'no page passed with a badge checked');
  });

  // The gate still sees the extension: a fetch from the content script on a test-bed page to a host
  // outside is reported (and taken off the list again, so that closing the bed passes).
  test('the network gate still catches the content script reaching out from a real page', async () => {
    const page = await bed.context.newPage();
    try {
      await page.goto(bed.pages[0].url, { waitUntil: 'domcontentloaded' });
      await extensionSettled(page, bed.extensionId);
      const { evaluate, cdp } = await contentWorld(page, bed.extensionId);
      const probe = 'https://backstory-gate-probe.invalid/from-test-bed';
      await evaluate(`fetch(${JSON.stringify(probe)}).catch(() => 0)`);
      await cdp.detach().catch(() => {});
      const deadline = Date.now() + 5000;
      while (!bed.network.outside.some((r) => r.url === probe) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const i = bed.network.outside.findIndex((r) => r.url === probe);
      assert.ok(i >= 0, `the probe was not reported; outside: ${JSON.stringify(bed.network.outside)}`);
      bed.network.outside.splice(i, 1);
    } finally {
      await page.close();
    }
  });
}
