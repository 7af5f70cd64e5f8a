// A Chromium trace of a page load with V8's samples in it, and the renderer's tasks that ran
// content-script code in it: their wall and thread (CPU) time, our samples and the browser's work
// inside them. Shared by bench/profile.mjs (one page, in detail) and bench/slices.mjs (every page).

// The content script's code: the bundle the manifest loads (extension/pkg/content.js), or its modules.
export const CONTENT = /\/content\/|\/pkg\/content\.js/;

// Chromium trace with V8 samples in it: every renderer task that ran content-script code, with its
// length, the samples in our code, and the browser's own events inside it (style, layout, GC...).
export async function trace(cdp, run, { events: detail = false } = {}) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'devtools.timeline',
    'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing',
    ...(detail ? ['disabled-by-default-v8.compile', 'blink', 'extensions'] : [])] } });
  const out = await run();
  await cdp.send('Tracing.end');
  await done;
  return { events, out };
}

export function tasks(events, extensionId, { events: detail = false } = {}) {
  const ours = (url) => url?.includes(extensionId) && CONTENT.test(url);
  // V8 samples: per profiled thread, nodes and (time, node) samples.
  const profiles = new Map();
  for (const e of events) {
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { pid: e.pid, tid: e.tid, t: e.args.data.startTime, nodes: new Map(), parent: new Map(), samples: [] });
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    const cp = e.args.data.cpuProfile ?? {};
    for (const n of cp.nodes ?? []) { p.nodes.set(n.id, n); if (n.parent != null) p.parent.set(n.id, n.parent); }
    const deltas = e.args.data.timeDeltas ?? [];
    (cp.samples ?? []).forEach((id, i) => { p.t += deltas[i] ?? 0; p.samples.push([p.t, id]); });
  }
  const frameOf = (p, id) => { for (let i = id; i != null; i = p.parent.get(i)) { const cf = p.nodes.get(i)?.callFrame; if (cf && ours(cf.url)) return cf; } return null; };
  const prof = [...profiles.values()].find((p) => p.samples.some(([, id]) => frameOf(p, id)));
  if (!prof) return [];
  const mainEvents = events.filter((e) => e.pid === prof.pid && e.tid === prof.tid && e.ph === 'X');
  // Top-level tasks only: RunTask events nest (a nested run loop, ThreadControllerImpl inside RunTask).
  const runTasks = [];
  let lastEnd = -1;
  for (const e of mainEvents.filter((x) => x.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    if (e.ts >= lastEnd) { runTasks.push(e); lastEnd = e.ts + e.dur; }
  }
  const out = [];
  let si = 0;
  const S = prof.samples.sort((a, b) => a[0] - b[0]);
  for (const task of runTasks) {
    const end = task.ts + task.dur;
    while (si < S.length && S[si][0] < task.ts) si++;
    const fns = new Map(), leaves = new Map();
    let mine = 0;
    for (let j = si; j < S.length && S[j][0] <= end; j++) {
      const leaf = prof.nodes.get(S[j][1])?.callFrame;
      const lk = `${leaf?.functionName || '(anonymous)'} ${(leaf?.url ?? '').replace(/^.*\/extension\//, '')}`;
      leaves.set(lk, (leaves.get(lk) ?? 0) + ((S[j + 1]?.[0] ?? S[j][0]) - S[j][0]) / 1000);
      const cf = frameOf(prof, S[j][1]);
      if (!cf) continue;
      const dt = ((S[j + 1]?.[0] ?? S[j][0]) - S[j][0]) / 1000;
      mine += dt;
      const k = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/extension\//, '')}:${cf.lineNumber + 1}`;
      fns.set(k, (fns.get(k) ?? 0) + dt);
    }
    if (!mine) continue;
    const inner = new Map();
    for (const e of mainEvents) {
      if (e === task || e.ts < task.ts || e.ts + e.dur > end || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      if (detail ? e.name !== 'ThreadControllerImpl::RunTask' : /^(UpdateLayoutTree|Layout|RecalculateStyles|MinorGC|MajorGC|ScheduleStyleRecalculation|IntersectionObserverController::computeIntersections|HitTest|Paint|PrePaint|UpdateLayer|Layerize|ParseHTML|EvaluateScript|v8\.compile|V8\.CompileLazy|v8\.parseOnBackground|FunctionCall|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|FireIdleCallback)$/.test(e.name)) {
        const k = e.name;
        inner.set(k, (inner.get(k) ?? 0) + e.dur / 1000);
      }
    }
    out.push({ ts: task.ts, ms: task.dur / 1000, cpuMs: (task.tdur ?? NaN) / 1000, mine, fns, inner, leaves });
  }
  return out;
}
