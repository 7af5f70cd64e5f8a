// Side by side, two benchmark runs (target/bench/*.json from bench/run.mjs, e.g. a BENCH_DIST run of
// an earlier build and one of the current build): per page and dataset, main-thread time, longest
// slice and collection, then medians, p90 and max of those and of the frame that paints the
// underline (not our script's time: the browser's), and the pages with a slice over 16 ms.
// Usage: node bench/compare.mjs before.json after.json   (paths relative to target/bench/ or absolute)
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, quantile } from './lib.mjs';

const OUT = fileURLToPath(new URL('../target/bench/', import.meta.url));
const load = (p) => JSON.parse(readFileSync(isAbsolute(p) ? p : join(OUT, p), 'utf8'));
const [a, b] = process.argv.slice(2).map(load);
const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
for (const [ds, A] of Object.entries(a.datasets)) {
  const B = b.datasets[ds];
  if (!B) continue;
  const pages = Object.keys(A.perPage).filter((p) => B.perPage[p]);
  console.log(`\n${ds} dataset, ${pages.length} pages: main (before → after), longest, walk, floor`);
  for (const p of pages) {
    const x = A.perPage[p], y = B.perPage[p];
    console.log(`${p.replace(/^.*\//, '').padEnd(40)} ${f(x.mainMs).padStart(6)} → ${f(y.mainMs).padEnd(6)} ${f(x.longestMs).padStart(5)} → ${f(y.longestMs).padEnd(5)} ` +
      `${f(x.walkMs).padStart(5)} → ${f(y.walkMs).padEnd(5)} ${f(x.floorMs).padStart(4)} / ${f(y.floorMs)}`);
  }
  for (const [label, key] of [['main', 'mainMs'], ['longest', 'longestMs'], ['walk', 'walkMs'], ['underline', 'underlineFrameMs'], ['floor', 'floorMs'], ['isoFloor', 'isoFloorMs']]) {
    const va = pages.map((p) => A.perPage[p][key]), vb = pages.map((p) => B.perPage[p][key]);
    const max = (v) => Math.max(...v.filter(Number.isFinite));
    console.log(`${label.padEnd(8)} median ${f(median(va))} → ${f(median(vb))}, p90 ${f(quantile(va, 0.9))} → ${f(quantile(vb, 0.9))}, max ${f(max(va))} → ${f(max(vb))}`);
  }
  for (const [label, key] of [['main/floor', 'floorMs'], ['main/isoFloor', 'isoFloorMs']]) {
    const ratio = (R) => pages.map((p) => R.perPage[p].mainMs / R.perPage[p][key]);
    console.log(`${label} median ${f(median(ratio(A)))} → ${f(median(ratio(B)))}, p90 ${f(quantile(ratio(A), 0.9))} → ${f(quantile(ratio(B), 0.9))}`);
  }
  const over = (R) => pages.filter((p) => R.perPage[p].longestMs > 16).length;
  console.log(`pages with a slice over 16 ms: ${over(A)} → ${over(B)}`);
}
