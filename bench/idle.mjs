// `make bench` idle check: the animating fixture (tests/fixtures/pages/animated.html: a CSS
// animation, a carousel that scrolls itself every frame, a bar whose width changes every frame),
// with the extension's badges beside it. After the content script settles, its own main-thread
// time (the __backstoryStats clock, main.js) is read over IDLE_SECONDS (default 10) of animation.
// BENCH_DIST_BEFORE: a second build measured in the same run, alternating, for a ratio side by side.
// Writes bench/idle.md. Goal (issue 17): at most 1 ms of main-thread time per second once settled.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { isolatedEval, launch, median, settled, sleep } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECONDS = Math.max(2, Number(process.env.IDLE_SECONDS ?? 10));
const ROUNDS = Math.max(1, Number(process.env.IDLE_ROUNDS ?? 3));
const builds = [['this build', process.env.BENCH_DIST ?? join(ROOT, 'dist/chromium')]];
if (process.env.BENCH_DIST_BEFORE) builds.push(['before', process.env.BENCH_DIST_BEFORE]);

const stats = (page, id) => isolatedEval(page, id, 'JSON.parse(JSON.stringify(globalThis.__backstoryStats))');

async function once(dist) {
  const b = await launch(dist);
  try {
    const page = await b.context.newPage();
    await page.goto(`${server.url}animated.html`);
    await settled(page, b.extensionId);
    await sleep(1000); // the first recheck after load
    const s0 = await stats(page, b.extensionId), f0 = await page.evaluate(() => window.frames_);
    const t0 = Date.now();
    await sleep(SECONDS * 1000);
    const s1 = await stats(page, b.extensionId), f1 = await page.evaluate(() => window.frames_);
    const secs = (Date.now() - t0) / 1000;
    return { msPerS: (s1.mainMs - s0.mainMs) / secs, slicesPerS: (s1.slices - s0.slices) / secs, fps: (f1 - f0) / secs, badges: s1.badges };
  } finally { await b.close(); }
}

const server = await serve(join(ROOT, 'tests/fixtures/pages'));
const rows = new Map(builds.map(([name]) => [name, []]));
try {
  for (let r = 0; r < ROUNDS; r++) for (const [name, dist] of (r % 2 ? builds.slice().reverse() : builds)) rows.get(name).push(await once(dist));
} finally { await server.close(); }

const fmt = (x) => x.toFixed(3);
const lines = [
  '# Idle: main-thread time once settled, on a page that never stops moving',
  '',
  `\`node bench/idle.mjs\` (make bench), ${new Date().toISOString().slice(0, 10)}; ${ROUNDS} loads per build, ${SECONDS} s of animation each, builds alternated.`,
  'The page animates at the frame rate shown; badges beside it stay put. Goal: at most 1 ms per second.',
  '',
  '| build | our main thread, ms per s (median) | slices per s (median) | page frames per s | badges |',
  '|---|---|---|---|---|',
];
for (const [name, list] of rows) {
  lines.push(`| ${name} | ${fmt(median(list.map((x) => x.msPerS)))} | ${fmt(median(list.map((x) => x.slicesPerS)))} | ${Math.round(median(list.map((x) => x.fps)))} | ${list[0].badges} |`);
}
writeFileSync(join(ROOT, 'bench/idle.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
