// How much of "Backstory main thread / floor" any content script pays: on each page, in one run,
// Backstory's main-thread time at load, the least a content script with its matcher in the
// background does (bench/minimal: only walk at document_idle; walk, skip code, join and send), and
// the floor of bench/run.mjs (a bare walk of the settled page in its own world), each load's floor
// measured on that load. Writes target/bench/minimal.json and bench/minimal.md (a run of some
// pages: target/bench/minimal.md), and prints the table (medians and 90th percentiles per page).
// Env: BENCH_RUNS (loads per page and variant, default 2), BENCH_PAGES (a RegExp on the page path),
// BENCH_DIST (another build of the extension than dist/chromium).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM } from '../scripts/lib/browser.mjs';
import { isolatedEval, launch, median, quantile, settled, sleep } from './lib.mjs';
import { floor } from './peers.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared'), 'corpus');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
const log = (...a) => console.error('minimal:', ...a);

async function minimalLoad(b, url, variant) {
  const page = await b.context.newPage();
  try {
    await page.goto(`${url}#${variant}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.bringToFront();
    let s;
    for (let i = 0; i < 200 && !(s = await isolatedEval(page, b.extensionId, 'globalThis.__minimalStats')); i++) await sleep(50);
    if (!s) throw new Error('minimal content script did not run');
    await sleep(400); // as settled() waits for Backstory: the page's own load goes on meanwhile
    return { ms: s.ms, sendMs: s.sendMs, batches: s.batches, nodes: s.nodes, chars: s.chars, floorMs: (await page.evaluate(floor)).ms };
  } finally {
    await page.close();
  }
}

// Backstory's own timers (extension/content/timing.js), kept per page to show where its time goes.
const PARTS = ['setupMs', 'walkMs', 'sendMs', 'mapMs', 'productMs', 'drawMs', 'placeMs', 'reportMs'];

async function backstoryLoad(b, url) {
  const page = await b.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.bringToFront();
    const s = await settled(page, b.extensionId);
    if (!s) throw new Error('content script did not run');
    const parts = Object.fromEntries(PARTS.map((k) => [k, s[k] ?? 0]));
    return { ms: s.mainMs, floorMs: (await page.evaluate(floor)).ms, badges: s.badges, parts };
  } finally {
    await page.close();
  }
}

const corpusServer = existsSync(CORPUS) ? await serve(CORPUS) : null;
const fixtures = await serve(join(ROOT, 'tests/fixtures/pages'));
const pages = (corpusServer ? readdirSync(CORPUS, { recursive: true }) : []).map(String).filter((f) => f.endsWith('.html')).sort()
  .map((f) => ({ name: f, url: corpusServer.url + f.split('/').map(encodeURIComponent).join('/') }));
pages.push(...['grid.html', 'product.html'].map((f) => ({ name: f, url: fixtures.url + f })));
const selected = pages.filter((p) => !ONLY || ONLY.test(p.name));

const backstory = await launch(process.env.BENCH_DIST ?? join(ROOT, 'dist/chromium')); // BENCH_DIST: another build
const minimal = await launch(join(ROOT, 'bench/minimal'), { checkPage: null });
const load = [];
const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 5000);
const rows = [];
const started = Date.now();
try {
  for (const p of selected) {
    const r = { walk: [], send: [], backstory: [] };
    // Interleaved, so the machine's load falls on all three alike.
    for (let i = 0; i < RUNS; i++) {
      try {
        r.backstory.push(await backstoryLoad(backstory, p.url));
        r.walk.push(await minimalLoad(minimal, p.url, 'walk'));
        r.send.push(await minimalLoad(minimal, p.url, 'send'));
      } catch (e) { log(`${p.name}: ${e.message}`); }
    }
    if (!r.send.length) continue;
    const all = [...r.walk, ...r.send, ...r.backstory];
    const row = { page: p.name, floorMs: median(all.map((x) => x.floorMs)), walkMs: median(r.walk.map((x) => x.ms)),
      sendMs: median(r.send.map((x) => x.ms)), backstoryMs: median(r.backstory.map((x) => x.ms)), badges: median(r.backstory.map((x) => x.badges)),
      sendPart: median(r.send.map((x) => x.sendMs)),
      parts: Object.fromEntries(PARTS.map((k) => [k, median(r.backstory.map((x) => x.parts[k]))])), batches: r.send[0].batches, nodes: r.send[0].nodes, chars: r.send[0].chars };
    rows.push(row);
    log(JSON.stringify(row));
  }
} finally {
  clearInterval(loadTimer);
  await backstory.close();
  await minimal.close();
  await corpusServer?.close();
  await fixtures.close();
}

const col = (f) => rows.map(f);
const line = (label, v) => `| ${label} | ${[0.5, 0.9].map((q) => quantile(v, q).toFixed(2)).join(' | ')} |`;
const chromium = execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop();
const table = [
  '| per page | median | p90 |', '|---|---|---|',
  line('floor: bare walk of the settled page in its own world (first run), ms', col((r) => r.floorMs)),
  line("a content script's bare walk at document_idle, ms", col((r) => r.walkMs)),
  line('the same, skipping code, joining and sending 32 K messages, ms', col((r) => r.sendMs)),
  line('of which joining each batch and sending it, ms', col((r) => r.sendPart)),
  line('Backstory main thread at load, ms', col((r) => r.backstoryMs)),
  ...[['setup (top level, settings, site check)', 'setupMs'], ['collection and batching, with its sends', 'walkMs'],
    ['sending (in the parts)', 'sendMs'], ['mapping hits to nodes', 'mapMs'], ['structured data', 'productMs'],
    ['visibility and drawing', 'drawMs'], ['placing badges', 'placeMs'], ['findings report', 'reportMs']]
    .map(([label, k]) => line(`of which ${label}, ms`, col((r) => r.parts[k]))),
  line('content-script walk at load / floor', col((r) => r.walkMs / r.floorMs)),
  line('walk + join + send at load / floor', col((r) => r.sendMs / r.floorMs)),
  line('walk + join + send at load / content-script walk at load', col((r) => r.sendMs / r.walkMs)),
  line('Backstory / floor', col((r) => r.backstoryMs / r.floorMs)),
  line('Backstory / content-script walk at load', col((r) => r.backstoryMs / r.walkMs)),
  line('Backstory / (walk + join + send at load)', col((r) => r.backstoryMs / r.sendMs)),
];
const within = (f) => `${rows.filter(f).length} of ${rows.length}`;
const out = [
  '# The least a content script costs at page load, beside the floor',
  '',
  `Command: \`BENCH_RUNS=${RUNS}${ONLY ? ` BENCH_PAGES='${ONLY.source}'` : ''} node bench/minimal.mjs\`, ${new Date(started).toISOString()}, ${Math.round((Date.now() - started) / 1000)} s.  `,
  `Machine: ${os.availableParallelism()} cores, load average during the run ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} (median ${median(load).toFixed(1)}); ${chromium}, headless. ` +
    `${rows.length} pages (the shared corpus and two fixture pages), ${RUNS} load(s) of each kind per page, interleaved; each page's median used.`,
  '',
  'Each page is loaded in turn with Backstory (its main-thread timers, as in bench/report.md) and with bench/minimal, an ' +
    'extension whose content script, at document_idle like Backstory\'s, either only walks the text nodes or also skips ' +
    'code, keeps each node with its offset, joins the text and sends it to its background in 32 K messages (which ' +
    'answers at once): the least any content script with its matcher in the background does. After each load the ' +
    'floor of bench/report.md is measured on the same page (a bare walk in the page\'s own world once it settled).',
  '',
  ...table,
  '',
  `Pages at most 1.5x the floor: content-script walk at load ${within((r) => r.walkMs <= 1.5 * r.floorMs)}; ` +
    `walk + join + send ${within((r) => r.sendMs <= 1.5 * r.floorMs)}; Backstory ${within((r) => r.backstoryMs <= 1.5 * r.floorMs)}.`,
  '',
].join('\n');
mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
writeFileSync(join(ROOT, 'target/bench/minimal.json'), JSON.stringify({ started: new Date(started).toISOString(), runs: RUNS, load, rows }, null, 1));
writeFileSync(join(ROOT, ONLY ? 'target/bench' : 'bench', 'minimal.md'), out);
console.log(out);
