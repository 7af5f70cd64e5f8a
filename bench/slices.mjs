// The longest task of ours on every corpus page, in wall time and in thread (CPU) time: "no slice
// over 16 ms" (issue 17) as the page's renderer ran it. bench/run.mjs times our slices with the
// script's own clock, which counts the time the thread waits for a core: on this shared machine of
// two cores a 6 ms task was seen to take 36 ms of wall time. A Chromium trace gives each task's
// thread time beside its wall time, and the whole task: the browser's layout, style and paint that
// our code forces inside it count, which our own clock also counts. V8's sampler, needed to tell
// which tasks ran our code, slows JavaScript: the thread times are an upper bound.
// Writes bench/slices.md. Usage: node bench/slices.mjs (BENCH_PAGES: a regexp over page paths;
// BENCH_DIST: the unpacked extension, dist/chromium by default).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch, settled } from './lib.mjs';
import { tasks, trace } from './trace.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared'), 'corpus');
const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist/chromium');
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
const LIMIT_MS = 16;

if (!existsSync(CORPUS)) {
  console.error(`slices: no corpus at ${CORPUS}; nothing to measure`);
  process.exit(0);
}
const files = readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.html') && (!ONLY || ONLY.test(f))).sort();
const started = Date.now();
const loads = [];
const server = await serve(CORPUS);
const b = await launch(DIST);
const rows = [];
try {
  for (const f of files) {
    const page = await b.context.newPage();
    try {
      const cdp = await b.context.newCDPSession(page);
      const { events } = await trace(cdp, async () => {
        await page.goto(server.url + f.split('/').map(encodeURIComponent).join('/'), { waitUntil: 'domcontentloaded', timeout: 60000 });
        return settled(page, b.extensionId);
      });
      loads.push(loadavg()[0]);
      const list = tasks(events, b.extensionId);
      const byWall = list.reduce((m, x) => (x.ms > (m?.ms ?? -1) ? x : m), null);
      const byCpu = list.reduce((m, x) => (x.cpuMs > (m?.cpuMs ?? -1) ? x : m), null);
      rows.push({ page: f, tasks: list.length, wallMs: byWall?.ms ?? 0, wallCpuMs: byWall?.cpuMs ?? 0, cpuMs: byCpu?.cpuMs ?? 0, cpuWallMs: byCpu?.ms ?? 0, cpuMineMs: byCpu?.mine ?? 0 });
      console.error(`slices: ${f}: longest ${(byWall?.ms ?? 0).toFixed(1)} ms wall, busiest ${(byCpu?.cpuMs ?? 0).toFixed(1)} ms thread`);
    } catch (e) {
      console.error(`slices: ${f}: ${e.message}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await b.close();
  await server.close();
}

const sorted = (k) => rows.map((r) => r[k]).sort((x, y) => x - y);
const q = (k, p) => { const a = sorted(k); return a[Math.min(a.length - 1, Math.floor(a.length * p))] ?? NaN; };
const f1 = (x) => x.toFixed(1);
const over = (k) => rows.filter((r) => r[k] > LIMIT_MS);
const lines = [
  '# Our longest task per page, wall time and thread time',
  '',
  `Command: \`node bench/slices.mjs\`${ONLY ? ` (BENCH_PAGES='${ONLY.source}')` : ''}, ${new Date(started).toISOString()}, ${Math.round((Date.now() - started) / 1000)} s.  `,
  `Machine: ${cpus().length} cores, load average during the run ${f1(Math.min(...loads))}–${f1(Math.max(...loads))} (median ${f1(loads.sort((x, y) => x - y)[loads.length >> 1] ?? NaN)}); ${b.version ?? 'Chromium'}, headless. ${rows.length} pages of ../shared/corpus, one load each, default dataset.`,
  '',
  'Each page is loaded once under a Chromium trace. A task of ours is a renderer main-thread task in which V8 sampled content-script code; its wall time is the trace event\'s duration, its thread time the CPU time the thread got during it. The sampler slows our code, so both are upper bounds for an unprofiled load. Our samples in a task are V8\'s samples in our code, on wall time (the sampler\'s clock), so they can exceed the task\'s thread time. Wall time on a shared machine includes the time the thread waited for a core.',
  '',
  '| per page | median | p90 | max |',
  '|---|---|---|---|',
  `| tasks that ran our code | ${q('tasks', 0.5)} | ${q('tasks', 0.9)} | ${q('tasks', 1)} |`,
  `| longest task, wall time, ms | ${f1(q('wallMs', 0.5))} | ${f1(q('wallMs', 0.9))} | ${f1(q('wallMs', 1))} |`,
  `| busiest task, thread time, ms | ${f1(q('cpuMs', 0.5))} | ${f1(q('cpuMs', 0.9))} | ${f1(q('cpuMs', 1))} |`,
  `| samples in our code in the busiest task, ms | ${f1(q('cpuMineMs', 0.5))} | ${f1(q('cpuMineMs', 0.9))} | ${f1(q('cpuMineMs', 1))} |`,
  '',
  `Pages with a task over ${LIMIT_MS} ms: by wall time ${over('wallMs').length} of ${rows.length}${over('wallMs').length ? ` (${over('wallMs').map((r) => `${r.page} ${f1(r.wallMs)} ms, thread ${f1(r.wallCpuMs)}`).join('; ')})` : ''}; ` +
    `by thread time ${over('cpuMs').length} of ${rows.length}${over('cpuMs').length ? ` (${over('cpuMs').map((r) => `${r.page} ${f1(r.cpuMs)} ms, wall ${f1(r.cpuWallMs)}, our samples ${f1(r.cpuMineMs)}`).join('; ')})` : ''}. ` +
    'A task that ran our code may be a rendering frame in which our animation-frame callback was a small part: the rest is the page\'s own style, layout and paint.',
  '',
  '| page | tasks | longest, wall ms | its thread ms | busiest, thread ms | its wall ms | our samples in it, ms |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.page} | ${r.tasks} | ${f1(r.wallMs)} | ${f1(r.wallCpuMs)} | ${f1(r.cpuMs)} | ${f1(r.cpuWallMs)} | ${f1(r.cpuMineMs)} |`),
  '',
];
const out = join(ROOT, ONLY ? 'target/bench/slices.md' : 'bench/slices.md');
writeFileSync(out, lines.join('\n'));
console.error(`slices: ${rows.length} pages in ${Math.round((Date.now() - started) / 1000)} s; ${out}`);
