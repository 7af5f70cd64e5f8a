// Where the content script's main-thread time goes on one page: loads it with the real extension
// under the V8 sampling profiler (CDP Profiler, 50 µs samples) and prints the content script's
// timers, its self time by function (native DOM calls such as checkVisibility count to their
// caller), and its longest uninterrupted stretches of samples. A tool for finding costs, not a
// benchmark: the profiler itself slows JavaScript, so compare its numbers with each other only.
// With --trace it records a Chromium trace instead and lists the renderer's tasks that ran any
// content-script code: their length, and what the browser did inside them (style, layout, GC,
// compilation, script), which is what "no task over 16 ms" is about, and each task's thread (CPU)
// time beside its wall time: on a busy machine a task at page load can be off the CPU for more than
// half of its wall time (other threads of the page and the browser, the background matching).
// With --lines it also lists the content script's source lines by self time (V8's line ticks).
// Usage: node bench/profile.mjs <page path or URL regexp> [--top N] [--dist DIR] [--trace [--events]] [--lines]
//   e.g. node bench/profile.mjs newegg   (a page of ../shared/corpus, or a fixture page)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { launch, settled } from './lib.mjs';
import { CONTENT, trace as traceWith, tasks as tasksWith } from './trace.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CORPUS = join(process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared'), 'corpus');
const args = process.argv.slice(2);
const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args.splice(i, 2)[1] : d; };
const TOP = Number(opt('--top', 25));
const LEAVES = args.includes('--leaves') ? (args.splice(args.indexOf('--leaves'), 1), true) : false;
const LINES = args.includes('--lines') ? (args.splice(args.indexOf('--lines'), 1), true) : false;
const EVENTS = args.includes('--events') ? (args.splice(args.indexOf('--events'), 1), true) : false;
const TRACE = args.includes('--trace') ? (args.splice(args.indexOf('--trace'), 1), true) : false;
const DIST = opt('--dist', join(ROOT, 'dist/chromium'));
const pattern = new RegExp(args[0] ?? 'grid');

function findPage() {
  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.html')) : [];
  const f = corpus.find((p) => pattern.test(p));
  if (f) return { dir: CORPUS, file: f };
  const fx = join(ROOT, 'tests/fixtures/pages');
  const g = readdirSync(fx).find((p) => p.endsWith('.html') && pattern.test(p));
  if (g) return { dir: fx, file: g };
  throw new Error(`no page matches ${pattern}`);
}

// Self time per frame, only for samples whose stack holds a content-script frame.
function analyse(profile, extensionId) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = (url) => url.includes(extensionId) && CONTENT.test(url);
  const inOurs = new Map();
  const ourStack = (id) => {
    if (inOurs.has(id)) return inOurs.get(id);
    const n = byId.get(id);
    const v = ours(n.callFrame.url) || (parent.has(id) && ourStack(parent.get(id)));
    inOurs.set(id, v);
    return v;
  };
  // The innermost content-script frame of a sample: its caller when the sample is in native code.
  const ourFrame = (id) => { for (let i = id; i != null; i = parent.get(i)) if (ours(byId.get(i).callFrame.url)) return byId.get(i); return null; };
  const self = new Map(), mine = new Map(), lines = new Map();
  // Self time per sampled node, spread over its source lines in proportion to their ticks.
  const nodeMs = new Map();
  profile.samples.forEach((id, i) => nodeMs.set(id, (nodeMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  for (const n of profile.nodes) {
    if (!ours(n.callFrame.url) || !n.positionTicks?.length) continue;
    const ticks = n.positionTicks.reduce((a, t) => a + t.ticks, 0);
    for (const t of n.positionTicks) {
      const k = `${n.callFrame.url.replace(/^.*\/extension\//, '')}:${t.line}`;
      lines.set(k, (lines.get(k) ?? 0) + (nodeMs.get(n.id) ?? 0) * t.ticks / ticks);
    }
  }
  let total = 0, t = profile.startTime;
  const stretches = [];
  let cur = null;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    t += dt * 1000;
    const id = profile.samples[i];
    if (!ourStack(id)) { if (cur) { stretches.push(cur); cur = null; } continue; }
    total += dt;
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/extension\//, '')}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const f = ourFrame(id);
    const k2 = `${f.callFrame.functionName || '(anonymous)'} ${f.callFrame.url.replace(/^.*\/extension\//, '')}:${f.callFrame.lineNumber + 1}`;
    mine.set(k2, (mine.get(k2) ?? 0) + dt);
    if (!cur) cur = { start: t / 1000, ms: 0, top: new Map() };
    cur.ms += dt;
    cur.top.set(k2, (cur.top.get(k2) ?? 0) + dt);
  }
  if (cur) stretches.push(cur);
  return { total, self, mine, stretches, lines };
}

const fmt = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, v]) => `  ${v.toFixed(2).padStart(7)} ms  ${k}`).join('\n');

const { dir, file } = findPage();
const server = await serve(dir);
const b = await launch(DIST);
try {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const url = server.url + file.split('/').map(encodeURIComponent).join('/');
  if (TRACE) {
    const { events, out: s } = await traceWith(cdp, async () => {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
      return settled(page, b.extensionId);
    });
    console.log(`${file}: ${JSON.stringify(s)}`);
    const list = tasksWith(events, b.extensionId, { events: EVENTS });
    const t0 = list[0]?.ts ?? 0;
    console.log(`\n${list.length} tasks ran content-script code; sum of those tasks ${list.reduce((a, x) => a + x.ms, 0).toFixed(1)} ms ` +
      `(thread time ${list.reduce((a, x) => a + x.cpuMs, 0).toFixed(1)} ms), samples in our code ${list.reduce((a, x) => a + x.mine, 0).toFixed(1)} ms`);
    const shown = [...list].sort((a, b2) => b2.ms - a.ms).slice(0, Math.min(TOP, 12)).sort((a, b2) => a.ts - b2.ts);
    for (const x of shown) {
      console.log(`\n+${((x.ts - t0) / 1000).toFixed(1)} ms: task ${x.ms.toFixed(1)} ms (thread ${x.cpuMs.toFixed(1)}), our samples ${x.mine.toFixed(1)} ms; inside: ` +
        [...x.inner].sort((a, b2) => b2[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      console.log(fmt(new Map([...x.fns].sort((a, b2) => b2[1] - a[1]).slice(0, 6))).replace(/^/gm, '    '));
      if (LEAVES) console.log('    all samples by leaf frame:\n' + fmt(new Map([...x.leaves].sort((a, b2) => b2[1] - a[1]).slice(0, 6))).replace(/^/gm, '      '));
    }
  } else {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    const s = await settled(page, b.extensionId);
    const { profile } = await cdp.send('Profiler.stop');
    console.log(`${file}: ${JSON.stringify(s)}`);
    const a = analyse(profile, b.extensionId);
    console.log(`\nsampled time with a content-script frame on the stack: ${a.total.toFixed(1)} ms`);
    console.log(`\nself time by frame (native work counts to the innermost JS frame, V8 builtins by name):\n${fmt(a.self)}`);
    console.log(`\nby innermost content-script function:\n${fmt(a.mine)}`);
    if (LINES) {
      const source = (file) => readFileSync(join(DIST, 'extension', file), 'utf8').split('\n');
      const text = new Map();
      const line = (k) => { const [file, n] = k.split(':'); if (!text.has(file)) text.set(file, source(file)); return text.get(file)[n - 1]?.trim().slice(0, 90) ?? ''; };
      console.log(`\nself time by source line (native calls count to their line):\n${[...a.lines].sort((x, y) => y[1] - x[1]).slice(0, TOP)
        .map(([k, v]) => `  ${v.toFixed(2).padStart(7)} ms  ${k.padEnd(22)} ${line(k)}`).join('\n')}`);
    }
    const longest = a.stretches.sort((x, y) => y.ms - x.ms).slice(0, 5);
    console.log('\nlongest uninterrupted stretches (a task can hold several):');
    for (const st of longest) console.log(`  ${st.ms.toFixed(1)} ms:\n${fmt(new Map([...st.top].slice(0, 8))).replace(/^/gm, '    ')}`);
  }
} finally {
  await b.close();
  await server.close();
}
