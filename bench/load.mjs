// What loading the content script costs the page, for two or more built extensions side by side:
// each page is loaded once per build in turn (interleaved, so a busy machine slows all builds
// alike), under a Chromium trace. Per build it prints medians over the pages' runs of: inject, the
// browser's injection of the content script (ScriptInjection::InjectJs); evaluate, compiling and
// running the script files' top level (EvaluateScript, one per file); compile, the V8 compilation
// inside those; and main, the script's own main-thread time until it settles (__backstoryStats),
// then evaluate and main per build as a ratio to the first build's on the same page and run.
// Usage: node bench/load.mjs DIST... [--pages REGEXP] [--runs N]
//   e.g. node bench/load.mjs target/load/before dist/chromium --pages 'officedepot|target|ebay' --runs 5
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch, median, settled } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared'), 'corpus');
const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args.splice(i, 2)[1] : d; };
const RUNS = Number(opt('--runs', 3));
const PAGES = new RegExp(opt('--pages', 'officedepot|target|ebay'));
const dists = args.map((d) => resolve(d));
if (!dists.length || !dists.every(existsSync)) throw new Error('usage: node bench/load.mjs DIST... [--pages REGEXP] [--runs N]');

const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.compile', 'extensions'];
async function loadOnce(b, url) {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  try {
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    const s = await settled(page, b.extensionId);
    await cdp.send('Tracing.end');
    await done;
    const ours = (e) => JSON.stringify(e.args ?? {}).includes(b.extensionId);
    const sum = (name) => events.filter((e) => e.name === name && e.ph === 'X' && ours(e)).reduce((n, e) => n + e.dur / 1000, 0);
    return { inject: sum('ScriptInjection::InjectJs'), evaluate: sum('EvaluateScript'), compile: sum('v8.compile'), main: s?.mainMs ?? NaN };
  } finally {
    await page.close();
  }
}

const files = readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.html') && PAGES.test(f)).sort();
const server = await serve(CORPUS);
const browsers = [];
for (const d of dists) browsers.push(await launch(d));
const rows = dists.map(() => []); // per build: [{page, run, inject, evaluate, compile, main}]
try {
  for (let run = 0; run < RUNS; run++) {
    for (const f of files) {
      const url = server.url + f.split('/').map(encodeURIComponent).join('/');
      // Alternate which build goes first, so neither always meets a warmer machine.
      const order = dists.map((_, i) => i);
      if (run % 2) order.reverse();
      for (const i of order) rows[i].push({ page: f, run, ...(await loadOnce(browsers[i], url)) });
    }
    console.error(`load: run ${run + 1} of ${RUNS} done`);
  }
} finally {
  for (const b of browsers) await b.close();
  await server.close();
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
console.log(`${files.length} pages x ${RUNS} runs, medians in ms`);
console.log('build'.padEnd(28), 'inject', 'evaluate', 'compile', '  main', 'evaluate/first', 'main/first');
rows.forEach((r, i) => {
  const m = (k) => median(r.map((x) => x[k]));
  const ratio = (k) => median(r.map((x, j) => x[k] / rows[0][j][k]));
  console.log(dists[i].replace(ROOT, '').padEnd(28), f1(m('inject')).padStart(6), f1(m('evaluate')).padStart(8), f1(m('compile')).padStart(7),
    f1(m('main')).padStart(6), f1(ratio('evaluate')).padStart(14), f1(ratio('main')).padStart(10));
});
