// `make bench`, browser part: Backstory in headless Chromium with the real extension on every page
// of the shared corpus and the project's fixture pages, beside the bare text walk (the floor) and
// three peer-style matchers injected into the same page, with the default and a large dataset; also
// the background's cold start, its wasm memory and the popup's search latency per keystroke.
// Writes target/bench/results.json (or $BENCH_RESULTS there), then bench/report.md and
// bench/report.svg (bench/report.mjs); a partial run writes its report to target/bench/ instead.
// Env: BENCH_RUNS (loads per page, default 3), BENCH_PAGES (a RegExp on the page path),
// BENCH_DATASETS (a RegExp on the dataset name: default, nsi), BENCH_DIST (another built extension
// to measure instead of dist/chromium, e.g. a copy of an earlier build for a before/after run).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM } from '../scripts/lib/browser.mjs';
import { backgroundInfo, inFreshWorld, launch, median, settled, sleep } from './lib.mjs';
import { PEERS, floor, namesOf } from './peers.mjs';
import { PARTS, writeReport } from './report.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'target/bench');
const SHARED = process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared');
const CORPUS = join(SHARED, 'corpus');
const NSI = join(SHARED, 'reference/nsi-brands.tsv');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
const DATASETS = process.env.BENCH_DATASETS ? new RegExp(process.env.BENCH_DATASETS) : null;
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist/chromium');
const SLOW_MS = 2000; // a peer this slow on a page is run once there, not BENCH_RUNS times
const FIXTURES = [['tests/fixtures/demo-shop', 'index.html'], ['tests/fixtures/pages', 'grid.html'],
  ['tests/fixtures/pages', 'product.html'], ['tests/fixtures/pages', 'hostile.html']];
const SEARCH_WORDS = ['starbucks', 'carrefour', 'deutsche bank', 'nestle', 'zappos'];

const log = (...a) => console.error('bench:', ...a);

function htmlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).map(String).sort();
}

// The large dataset: the name-suggestion index imported by the real CLI, bundled into a copy of dist.
function largeDist() {
  if (!existsSync(NSI)) return null;
  mkdirSync(OUT, { recursive: true });
  const json = join(OUT, 'nsi.json');
  rmSync(json, { force: true });
  // Exit code 1 means some records were not mapped (listed on stderr); the dataset is still written.
  const r = spawnSync(join(ROOT, 'target/release/backstory'), ['import', '--from', 'nsi', NSI, '-o', json,
    '--id', 'nsi-bench', '--title', 'NSI brands (benchmark)'], { stdio: 'ignore' });
  if (r.status > 1 || !existsSync(json)) throw new Error(`backstory import failed (${r.status ?? r.error})`);
  const dist = join(OUT, 'dist-nsi');
  rmSync(dist, { recursive: true, force: true });
  cpSync(DIST, dist, { recursive: true });
  cpSync(json, join(dist, 'extension/data/default.json'));
  return { name: 'nsi', dist, json };
}

// Background cold start: stop the service worker, wake it with a scan from an extension page and
// time the first answer (the engine is rebuilt inside that). A fresh worker has counted one scan.
async function coldStart(b, n = 5) {
  const cdp = await b.context.newCDPSession(b.extPage);
  const sample = 'Whole Foods Market coffee, Zappos running shoes and a Carrefour Nestlé KitKat. '.repeat(100);
  const out = [];
  for (let i = 0; i < n; i++) {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.send('ServiceWorker.disable');
    await sleep(300);
    const r = await b.extPage.evaluate(async (text) => {
      const t0 = performance.now();
      const res = await chrome.runtime.sendMessage({ type: 'scan', text });
      const ms = performance.now() - t0;
      const info = await chrome.runtime.sendMessage({ type: 'info' });
      return { ms, ok: res.ok, stats: info.stats, info: info.info };
    }, sample);
    if (!r.ok || r.stats.scans !== 1) throw new Error(`cold start did not restart the worker: ${JSON.stringify(r.stats)}`);
    out.push({ firstAnswerMs: r.ms, buildMs: r.stats.loadMs, wasmBytes: r.stats.wasmBytes, counts: r.info.counts });
  }
  await cdp.detach();
  return out;
}

// The popup's search box, typed one character at a time: input event to the status line updated
// (the last thing the popup writes after drawing the results).
async function popupSearch(b) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/extension/popup/popup.html`);
  await page.waitForSelector('#q');
  const ms = await page.evaluate(async (words) => {
    const q = document.getElementById('q'), status = document.getElementById('status');
    const times = [];
    for (const w of words) {
      for (let i = 1; i <= w.length; i++) {
        const done = new Promise((r) => { const mo = new MutationObserver(() => { mo.disconnect(); r(); }); mo.observe(status, { childList: true, characterData: true, subtree: true }); });
        const t0 = performance.now();
        q.value = w.slice(0, i);
        q.dispatchEvent(new Event('input', { bubbles: true }));
        await done;
        times.push(performance.now() - t0);
      }
      q.value = '';
      q.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    }
    return times;
  }, SEARCH_WORDS);
  await page.close();
  return ms;
}

// skip: peers measured slow on this page before; their first value is reused (see mergeRuns).
async function measure(b, url, names, skip = new Set()) {
  const page = await b.context.newPage();
  try {
    const before = (await backgroundInfo(b.extPage)).stats;
    // Not 'load': a few saved pages never fire it (a request that neither ends nor fails); the
    // content script runs at document_idle, which comes after DOMContentLoaded anyway.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await page.bringToFront();
    const s = await settled(page, b.extensionId);
    const after = (await backgroundInfo(b.extPage)).stats;
    if (!s) throw new Error('content script did not run');
    const isoFloor = await inFreshWorld(page, floor);
    const floors = [];
    for (let i = 0; i < 3; i++) floors.push(await page.evaluate(floor));
    const peers = {};
    for (const [name, fn] of Object.entries(PEERS)) if (!skip.has(name)) peers[name] = await page.evaluate(fn, names);
    // The first walk is the floor: like the content script's walk, it is the first time its world
    // touches these nodes (wrappers created, code not yet optimized). Later walks are warm.
    return {
      nodes: floors[0].nodes, chars: floors[0].chars, floorMs: floors[0].ms, warmFloorMs: median(floors.slice(1).map((f) => f.ms)), isoFloorMs: isoFloor.ms,
      mainMs: s.mainMs, longestMs: s.longestMs, walkMs: s.walkMs, slices: s.slices, passes: s.passes,
      parts: Object.fromEntries(PARTS.map((k) => [k, s[k]])), underlineFrameMs: s.underlineFrameMs,
      badges: s.badges, batches: s.batches, timedOut: Boolean(s.timedOut),
      bgScanMs: after.scanMs - before.scanMs, bgEngineMs: after.engineMs - before.engineMs, bgScans: after.scans - before.scans,
      peers: Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, v.ms])), // skipped peers absent
      peerFound: Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, v.found])),
    };
  } finally {
    await page.close();
  }
}

// Per page, the median of its runs; a peer that is slow on the first run is not repeated.
function mergeRuns(runs) {
  const m = (f) => median(runs.map(f).filter((x) => x != null));
  const first = runs[0];
  return {
    nodes: first.nodes, chars: first.chars, floorMs: m((r) => r.floorMs), warmFloorMs: m((r) => r.warmFloorMs), isoFloorMs: m((r) => r.isoFloorMs), mainMs: m((r) => r.mainMs),
    longestMs: m((r) => r.longestMs), walkMs: m((r) => r.walkMs), bgScanMs: m((r) => r.bgScanMs), bgEngineMs: m((r) => r.bgEngineMs),
    parts: Object.fromEntries(PARTS.map((k) => [k, m((r) => r.parts?.[k])])), underlineFrameMs: m((r) => r.underlineFrameMs),
    badges: m((r) => r.badges), passes: m((r) => r.passes), timedOut: runs.some((r) => r.timedOut),
    peers: Object.fromEntries(Object.keys(first.peers).map((k) => [k, m((r) => r.peers[k])])),
    peerRuns: Object.fromEntries(Object.keys(first.peers).map((k) => [k, runs.filter((r) => r.peers[k] != null).length])),
    peerFound: first.peerFound, runs: runs.length,
  };
}

async function main() {
  const started = Date.now();
  const load = [];
  const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 5000);
  const corpusServer = existsSync(CORPUS) ? await serve(CORPUS) : null;
  const servers = new Map();
  const pages = [];
  for (const f of htmlFiles(CORPUS)) pages.push({ name: `corpus/${f}`, url: corpusServer.url + f.split('/').map(encodeURIComponent).join('/') });
  if (!corpusServer) log(`no shared corpus at ${CORPUS}: fixture pages only`);
  for (const [dir, file] of FIXTURES) {
    if (!servers.has(dir)) servers.set(dir, await serve(join(ROOT, dir)));
    pages.push({ name: `${dir.replace('tests/fixtures/', '')}/${file}`, url: servers.get(dir).url + file });
  }
  const selected = pages.filter((p) => !ONLY || ONLY.test(p.name));
  const want = (name) => !DATASETS || DATASETS.test(name);
  const datasets = want('default') ? [{ name: 'default', dist: DIST, json: join(DIST, 'extension/data/default.json') }] : [];
  const large = want('nsi') ? largeDist() : null;
  if (large) datasets.push(large); else if (want('nsi')) log(`no ${NSI}: default dataset only`);

  const results = { started: new Date(started).toISOString(), runs: RUNS, datasets: {} };
  for (const ds of datasets) {
    const names = namesOf(ds.json);
    const b = await launch(ds.dist);
    try {
      log(`${ds.name}: ${names.length} names, cold start`);
      const cold = await coldStart(b);
      const search = await popupSearch(b);
      const perPage = {};
      for (const p of selected) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) {
          const skip = new Set(runs.length ? Object.keys(PEERS).filter((k) => runs[0].peers[k] > SLOW_MS) : []);
          try { runs.push(await measure(b, p.url, names, skip)); } catch (e) { log(`${p.name}: ${e.message}`); break; }
        }
        if (runs.length) perPage[p.name] = mergeRuns(runs);
        log(`${ds.name} ${p.name}: ${JSON.stringify(perPage[p.name] && { main: perPage[p.name].mainMs, floor: perPage[p.name].floorMs, longest: perPage[p.name].longestMs, peers: perPage[p.name].peers })}`);
      }
      const info = await backgroundInfo(b.extPage);
      results.datasets[ds.name] = { names: names.length, counts: info.info.counts, cold, search, wasmBytes: info.stats.wasmBytes, perPage };
      if (b.phoned.length) results.datasets[ds.name].phoned = b.phoned;
    } finally {
      await b.close();
    }
  }
  clearInterval(loadTimer);
  results.machine = {
    nproc: os.availableParallelism(), memGiB: +(os.totalmem() / 2 ** 30).toFixed(1), cpu: os.cpus()[0]?.model ?? '',
    load: { min: Math.min(...load), median: median(load), max: Math.max(...load) },
    chromium: execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().split('\n').pop(), node: process.version,
  };
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.command = `BENCH_RUNS=${RUNS}${ONLY ? ` BENCH_PAGES='${ONLY.source}'` : ''}${DATASETS ? ` BENCH_DATASETS='${DATASETS.source}'` : ''}` +
    `${process.env.BENCH_DIST ? ` BENCH_DIST=${relative(ROOT, DIST) || '.'}` : ''} node bench/run.mjs`;
  mkdirSync(OUT, { recursive: true });
  // A partial run (some pages, one dataset, another build) never overwrites the full report.
  const partial = ONLY || DATASETS || process.env.BENCH_DIST;
  const name = process.env.BENCH_RESULTS ?? 'results.json';
  writeFileSync(join(OUT, name), JSON.stringify(results, null, 1));
  for (const s of [corpusServer, ...servers.values()]) await s?.close();
  const reportDir = partial ? OUT : join(ROOT, 'bench');
  writeReport(results, reportDir);
  log(`done in ${results.seconds}s; ${relative(process.cwd(), join(OUT, name))}, ${relative(process.cwd(), join(reportDir, 'report.md'))}`);
  for (const ds of Object.values(results.datasets)) if (ds.phoned) { log('the extension requested outside URLs:', ds.phoned); process.exitCode = 1; }
}

await main();
