// `make bench` soak: the infinite-scroll fixture, kept changing for BENCH_SOAK_SECONDS (default 600)
// by a page script that appends 50 tiles, drops the oldest beyond 300 and scrolls, four times a
// second. Samples the renderer's JS heap after a forced GC (CDP Runtime.getHeapUsage: the page and
// the content script's isolated world share that heap), DOM node and listener counts, and the
// content script's badges and findings. Writes target/bench/soak.json and bench/soak.md; exits 1
// when the heap or the DOM grows by more than 20% between the second and the last quarter.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { isolatedEval, launch, median, settled, sleep } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECONDS = Math.max(10, Number(process.env.BENCH_SOAK_SECONDS ?? 600));
const SAMPLES = 40;
const GROWTH = 0.2;

const server = await serve(join(ROOT, 'tests/fixtures/pages'));
const b = await launch(process.env.BENCH_DIST ?? join(ROOT, 'dist/chromium')); // BENCH_DIST: another build
const samples = [];
let failed = [];
try {
  const page = await b.context.newPage();
  await page.goto(`${server.url}infinite.html`);
  await page.evaluate(() => window.loadMore());
  await settled(page, b.extensionId);
  // The page's own churn, as an endless feed does it.
  await page.evaluate(() => {
    const grid = document.getElementById('grid');
    let down = true;
    window.soak = setInterval(() => {
      window.loadMore();
      while (grid.children.length > 300) grid.firstElementChild.remove();
      window.scrollTo(0, down ? document.body.scrollHeight : document.body.scrollHeight / 2);
      down = !down;
    }, 250);
  });
  const cdp = await b.context.newCDPSession(page);
  const t0 = Date.now();
  for (let i = 0; i <= SAMPLES; i++) {
    await sleep(Math.max(0, t0 + (i * SECONDS * 1000) / SAMPLES - Date.now()));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const s = await isolatedEval(page, b.extensionId, 'JSON.parse(JSON.stringify(globalThis.__backstoryStats))');
    const tiles = await page.evaluate(() => document.getElementById('grid').children.length);
    samples.push({ t: Math.round((Date.now() - t0) / 1000), heapMiB: heap.usedSize / 2 ** 20, nodes: dom.nodes, listeners: dom.jsEventListeners,
      badges: s.badges, findings: s.findings, passes: s.passes, tiles, mainMs: s.mainMs, longestMs: s.longestMs });
    console.error(`soak: ${JSON.stringify(samples.at(-1))}`);
  }
  await page.evaluate(() => clearInterval(window.soak));
  await cdp.detach();
} finally {
  await b.close();
  await server.close();
}

// Flat: the last quarter's median within GROWTH of the second quarter's (the first is warm-up).
const q = (k, from, to) => median(samples.slice(Math.floor(samples.length * from), Math.ceil(samples.length * to)).map((s) => s[k]));
const rows = ['heapMiB', 'nodes', 'listeners', 'badges', 'findings'].map((k) => {
  const a = q(k, 0.25, 0.5), z = q(k, 0.75, 1);
  const growth = a > 0 ? (z - a) / a : 0;
  if (['heapMiB', 'nodes', 'listeners'].includes(k) && growth > GROWTH) failed.push(k);
  return `| ${k} | ${a.toFixed(k === 'heapMiB' ? 2 : 0)} | ${z.toFixed(k === 'heapMiB' ? 2 : 0)} | ${(growth * 100).toFixed(1)}% |`;
});
const last = samples.at(-1);
// Every badge must belong to content still on the page: one per Zappos tile at most (stale badges of
// dropped tiles once filled the page's cap, and new tiles got none).
const stale = samples.filter((s, i) => i > 0 && s.badges > s.findings);
if (stale.length) failed.push(`badges (more badges than findings in ${stale.length} samples)`);
const md = [`# Soak: infinite scroll for ${SECONDS} s`, '',
  `Command: \`BENCH_SOAK_SECONDS=${SECONDS} node bench/soak.mjs\` (part of \`make bench\`), ${new Date().toISOString()}. ` +
  `Content-script passes: ${last.passes}; tiles kept at ${last.tiles} (50 added and the oldest dropped every 250 ms).`, '',
  '| measure | median, 2nd quarter | median, last quarter | growth |', '|---|---|---|---|', ...rows, '',
  failed.length ? `**Not flat:** ${failed.join(', ')} grew more than ${GROWTH * 100}%.` : `Flat: heap, DOM nodes and listeners grew less than ${GROWTH * 100}%.`, '',
  '| s | heap MiB | DOM nodes | listeners | badges | findings | passes | longest slice ms |', '|---|---|---|---|---|---|---|---|',
  ...samples.map((s) => `| ${s.t} | ${s.heapMiB.toFixed(2)} | ${s.nodes} | ${s.listeners} | ${s.badges} | ${s.findings} | ${s.passes} | ${s.longestMs.toFixed(1)} |`), ''];
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
writeFileSync(join(ROOT, 'target/bench/soak.json'), JSON.stringify(samples, null, 1));
writeFileSync(join(ROOT, 'bench/soak.md'), md.join('\n'));
console.error(failed.length ? `soak: NOT flat: ${failed.join(', ')}` : 'soak: flat');
process.exitCode = failed.length ? 1 : 0;
