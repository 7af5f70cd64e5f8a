// Two builds of the extension side by side on the same corpus pages: each page is loaded with one
// build, then the other (the order alternates), so the machine's load falls on both alike. Prints,
// per page and as medians, the content script's main-thread time and its parts (timing.js), and
// the median over pages of after / before. A tool for deciding one change, not a report.
// Usage: node bench/ab.mjs <dist before> <dist after>   (e.g. a copy of dist/chromium, then dist/chromium)
//   BENCH_RUNS (3) loads of each build per page; BENCH_PAGES a regexp of pages (default: every
//   fifth page of ../shared/corpus, 28 pages). Writes target/bench/ab.json.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch, median, settled } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared'), 'corpus');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
const PARTS = ['mainMs', 'setupMs', 'walkMs', 'mapMs', 'productMs', 'drawMs', 'placeMs', 'reportMs', 'slices', 'badges'];
const [before, after] = process.argv.slice(2);
if (!before || !after || !existsSync(CORPUS)) {
  console.error('usage: node bench/ab.mjs <dist before> <dist after> (needs ../shared/corpus)');
  process.exit(2);
}

const all = readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.html')).sort();
const names = ONLY ? all.filter((f) => ONLY.test(f)) : all.filter((_, i) => i % 5 === 0);
const server = await serve(CORPUS);
const builds = [await launch(before), await launch(after)];

async function load(b, name) {
  const page = await b.context.newPage();
  try {
    await page.goto(server.url + name.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.bringToFront();
    const s = await settled(page, b.extensionId);
    if (!s) throw new Error('content script did not run');
    return Object.fromEntries(PARTS.map((k) => [k, s[k] ?? 0]));
  } finally {
    await page.close();
  }
}

const f = (x) => x.toFixed(1);
const rows = [];
try {
  for (const name of names) {
    const runs = [[], []];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? [1, 0] : [0, 1];
      try { for (const k of order) runs[k].push(await load(builds[k], name)); } catch (e) { console.error(`${name}: ${e.message}`); }
    }
    if (!runs[0].length || !runs[1].length) continue;
    const [a, b] = runs.map((r) => Object.fromEntries(PARTS.map((k) => [k, median(r.map((x) => x[k]))])));
    rows.push({ page: name, before: a, after: b });
    console.log(`${name.slice(-44).padEnd(45)} main ${f(a.mainMs)} → ${f(b.mainMs)}, setup ${f(a.setupMs)} → ${f(b.setupMs)}, walk ${f(a.walkMs)} → ${f(b.walkMs)}`);
  }
} finally {
  for (const b of builds) await b.close();
  await server.close();
}

console.log(`\n${rows.length} pages, ${RUNS} load(s) of each build per page: median before → after; median over pages of after / before`);
for (const k of PARTS) {
  const ratios = rows.map((r) => r.after[k] / r.before[k]).filter(Number.isFinite);
  console.log(`${k.padEnd(10)} ${f(median(rows.map((r) => r.before[k])))} → ${f(median(rows.map((r) => r.after[k])))}; after / before ${median(ratios).toFixed(3)}`);
}
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
writeFileSync(join(ROOT, 'target/bench/ab.json'), JSON.stringify({ before, after, runs: RUNS, rows }, null, 1));
