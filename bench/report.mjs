// Turns target/bench/results.json (bench/run.mjs) into bench/report.md and bench/report.svg, with no
// tools beyond Node. Run alone to rewrite the report from the last results: node bench/report.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, quantile } from './lib.mjs';

// The content script's parts of its main-thread time (extension/content/timing.js, __backstoryStats);
// sendMs and hostMs lie inside the others (batches are sent while the walk goes on; the host is
// created by the first badge drawn, or by the site notice).
export const PARTS = ['setupMs', 'walkMs', 'sendMs', 'mapMs', 'productMs', 'hostMs', 'drawMs', 'placeMs', 'reportMs'];
const INSIDE = new Set(['sendMs', 'hostMs']);
const PART_LABELS = {
  setupMs: 'setup (script top level, settings, site check)', walkMs: 'text collection and batching (sending included)',
  sendMs: 'sending messages (in the other parts)', mapMs: 'mapping hits back to nodes', productMs: 'structured data',
  hostMs: 'creating the overlay (in drawing or setup)', drawMs: 'visibility checks and drawing badges', placeMs: 'placing badges', reportMs: 'findings report',
};
const PEER_LABELS = { alternation: '(a) one RegExp alternation', perBrand: '(b) RegExp per brand', innerTextIncludes: '(c) innerText.includes' };
const f1 = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const p90 = (v) => quantile(v, 0.9);

function summary(ds) {
  const pages = Object.values(ds.perPage);
  const col = (f) => pages.map(f);
  const row = (label, v, fmt = f1) => `| ${label} | ${fmt(median(v))} | ${fmt(p90(v))} | ${fmt(Math.max(...v.filter(Number.isFinite)))} |`;
  const lines = ['| per page | median | p90 | max |', '|---|---|---|---|',
    row('text nodes (all, with script and style text)', col((p) => p.nodes), (x) => x.toFixed(0)),
    row('their characters', col((p) => p.chars), (x) => x.toFixed(0)),
    row('floor: bare TreeWalker walk (first, cold), ms', col((p) => p.floorMs)),
    row('the same walk again (warm), ms', col((p) => p.warmFloorMs)),
    ...(pages.some((p) => p.isoFloorMs != null) ? [row('the same walk in a fresh isolated world (a content script\'s first walk), ms', col((p) => p.isoFloorMs))] : []),
    row('Backstory main thread at load, ms', col((p) => p.mainMs)),
    row('Backstory longest slice, ms', col((p) => p.longestMs)),
    row('Backstory text collection, ms', col((p) => p.walkMs)),
    ...(pages.some((p) => p.parts?.setupMs != null) ? PARTS.filter((k) => k !== 'walkMs')
      .map((k) => row(`Backstory: ${PART_LABELS[k]}, ms`, col((p) => p.parts?.[k]))) : []),
    ...(pages.some((p) => p.parts?.setupMs != null) ? [row('Backstory: the rest (awaits, scheduling, code between the parts), ms',
      col((p) => p.mainMs - PARTS.filter((k) => !INSIDE.has(k)).reduce((a, k) => a + (p.parts?.[k] ?? 0), 0)))] : []),
    ...(pages.some((p) => p.underlineFrameMs != null) ? [row('not ours: the frame that paints the underline (style, layout, paint), ms',
      col((p) => p.underlineFrameMs))] : []),
    row('matcher in the background, ms', col((p) => p.bgScanMs)),
    ...(pages.some((p) => p.bgEngineMs != null) ? [row('of which the engine\'s scan (language, matching, judging), ms', col((p) => p.bgEngineMs)),
      row('of which the hits\' summaries (names, categories, labels), ms', col((p) => p.bgScanMs - p.bgEngineMs))] : []),
    row('badges drawn', col((p) => p.badges), (x) => x.toFixed(0)),
    row('Backstory main / floor', col((p) => p.mainMs / p.floorMs), f2),
    ...(pages.some((p) => p.isoFloorMs != null) ? [row('Backstory main / isolated-world floor', col((p) => p.mainMs / p.isoFloorMs), f2),
      row('Backstory text collection / isolated-world floor', col((p) => p.walkMs / p.isoFloorMs), f2)] : [])];
  for (const [k, label] of Object.entries(PEER_LABELS)) {
    lines.push(row(`${label}, ms`, col((p) => p.peers[k])));
  }
  for (const [k, label] of Object.entries(PEER_LABELS)) {
    lines.push(row(`Backstory main / ${label}`, col((p) => p.mainMs / p.peers[k]), f2));
    lines.push(row(`Backstory main+matcher / ${label}`, col((p) => (p.mainMs + p.bgScanMs) / p.peers[k]), f2));
  }
  return lines.join('\n');
}

function goals(ds) {
  const pages = Object.entries(ds.perPage);
  const over = pages.filter(([, p]) => p.mainMs > 1.5 * p.floorMs);
  const perBadge = over.map(([, p]) => (p.mainMs - 1.5 * p.floorMs) / Math.max(1, p.badges));
  const long = pages.filter(([, p]) => p.longestMs > 16);
  const out = [`- main thread at most 1.5× the floor: ${pages.length - over.length} of ${pages.length} pages.`];
  if (over.length) {
    out.push(`  On the other ${over.length}, the excess over 1.5× the floor per badge drawn is median ${f2(median(perBadge))} ms, ` +
      `max ${f2(Math.max(...perBadge))} ms; worst ratios: ${over.sort((a, b) => b[1].mainMs / b[1].floorMs - a[1].mainMs / a[1].floorMs)
        .slice(0, 5).map(([n, p]) => `${n.replace(/^.*\//, '')} ${f2(p.mainMs / p.floorMs)}× (${f1(p.mainMs)} vs ${f1(p.floorMs)} ms, ${p.badges} badges)`).join('; ')}.`);
  }
  if (pages.some(([, p]) => p.isoFloorMs != null)) {
    const iso = pages.filter(([, p]) => p.mainMs <= 1.5 * p.isoFloorMs).length;
    out.push(`- against the isolated-world floor (the same walk where a content script runs): ${iso} of ${pages.length} pages at most 1.5×.`);
  }
  out.push('- how much of the ratio any content script pays, loaded and measured beside this floor: bench/minimal.md (`node bench/minimal.mjs`).');
  out.push(`- no slice over 16 ms: ${pages.length - long.length} of ${pages.length} pages` +
    (long.length ? `; over: ${long.map(([n, p]) => `${n.replace(/^.*\//, '')} ${f1(p.longestMs)} ms`).join(', ')}.` : '.'));
  return out.join('\n');
}

function perPageTable(ds) {
  const head = '| page | nodes | chars | floor | isolated floor | main | walk | longest | matcher | badges | main/floor | (a) | (b) | (c) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = Object.entries(ds.perPage).map(([n, p]) => `| ${n}${p.timedOut ? ' (did not settle)' : ''} | ${p.nodes} | ${p.chars} | ${f1(p.floorMs)} | ${f1(p.isoFloorMs)} | ${f1(p.mainMs)} | ${f1(p.walkMs)} | ${f1(p.longestMs)} | ${f1(p.bgScanMs)} | ${p.badges} | ${f2(p.mainMs / p.floorMs)} | ${f1(p.peers.alternation)} | ${f1(p.peers.perBrand)} | ${f1(p.peers.innerTextIncludes)} |`);
  return [head, ...rows].join('\n');
}

// Horizontal bars on a log scale: per dataset, the median over pages of each approach.
function svg(results) {
  const series = [['floor (bare walk)', (p) => p.floorMs, '#9ca3af'], ['Backstory main thread', (p) => p.mainMs, '#0f766e'],
    ['Backstory + matcher', (p) => p.mainMs + p.bgScanMs, '#14b8a6'], [PEER_LABELS.alternation, (p) => p.peers.alternation, '#b45309'],
    [PEER_LABELS.perBrand, (p) => p.peers.perBrand, '#b91c1c'], [PEER_LABELS.innerTextIncludes, (p) => p.peers.innerTextIncludes, '#7c3aed']];
  const groups = Object.entries(results.datasets).map(([name, ds]) => ({
    name: `${name} dataset (${ds.names} names)`,
    bars: series.map(([label, f, color]) => ({ label, color, v: median(Object.values(ds.perPage).map(f)), p: p90(Object.values(ds.perPage).map(f)) })),
  }));
  const all = groups.flatMap((g) => g.bars.flatMap((b) => [b.v, b.p])).filter((x) => x > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all))), hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const W = 760, L = 230, R = 20, barH = 16, gap = 6, x = (v) => L + (W - L - R) * (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [];
  let y = 40;
  for (const g of groups) {
    parts.push(`<text x="8" y="${y}" font-weight="700">${esc(g.name)}</text>`);
    y += 10;
    for (const b of g.bars) {
      parts.push(`<text x="${L - 6}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text>`,
        `<rect x="${L}" y="${y}" width="${Math.max(1, x(b.v) - L).toFixed(1)}" height="${barH}" fill="${b.color}"/>`,
        `<line x1="${x(b.p).toFixed(1)}" x2="${x(b.p).toFixed(1)}" y1="${y}" y2="${y + barH}" stroke="#111" stroke-width="2"/>`,
        `<text x="${(x(Math.max(b.v, b.p)) + 4).toFixed(1)}" y="${y + 12}">${f1(b.v)} ms (p90 ${f1(b.p)})</text>`);
      y += barH + gap;
    }
    y += 18;
  }
  const ticks = [];
  for (let t = lo; t <= hi; t *= 10) ticks.push(`<line x1="${x(t)}" x2="${x(t)}" y1="30" y2="${y - 10}" stroke="#e5e7eb"/><text x="${x(t)}" y="${y + 4}" text-anchor="middle">${t >= 1 ? t : t.toFixed(2)} ms</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y + 16}" font-family="system-ui, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" font-size="13" font-weight="700">Time per page load, median over pages (bar) and p90 (tick), log scale</text>
${ticks.join('\n')}
${parts.join('\n')}
</svg>
`;
}

// dir: where report.md and report.svg go (bench/ for a full run).
export function writeReport(results, dir) {
  const m = results.machine;
  const out = [`# Backstory in the browser: benchmark report`, '',
    `Command: \`make bench\` (browser part: \`${results.command}\`), ${results.started}, ${results.seconds} s.  `,
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memGiB} GiB, load average during the run ${f1(m.load.min)}–${f1(m.load.max)} (median ${f1(m.load.median)}); ` +
    `${m.chromium}, headless; Node ${m.node}. ${results.runs} load(s) per page, each page's median used.`, '',
    'Shared, noisy machine: compare the ratios (measured side by side on the same page in the same run), not the absolute times.', '',
    '![chart](report.svg)', '',
    '**What is measured.** *Floor*: a bare TreeWalker pass reading every text node, run in the page; its first run, ' +
    'because the content script\'s walk is also its world\'s first touch of those nodes (the warm repeat is shown too). ' +
    '*Isolated-world floor*: the same walk, first run in a fresh isolated world of the page (created over CDP), the kind of ' +
    'world every content script runs in: there each node needs a wrapper kept in a side table rather than in the node. ' +
    '*Backstory main thread*: every synchronous slice of the content script from its first line to settled (its top level, ' +
    'settings and site check, collection, messaging, accepting hits, drawing and placing badges, the findings report), from ' +
    'its own timers read over CDP in its isolated world, with the parts listed; *longest slice*: the longest of those. ' +
    'Not in them: compiling the content scripts before they run, and decoding the background\'s replies. *Matcher*: time in the `scan` handler of the service worker (its counter, read with the `info` message): the engine\'s scan, and the summaries of the hits\' companies it has not described before; wall time, so it includes waiting for a core while the page loads beside it. ' +
    'Peers (bench/peers.mjs) build their matcher from the same dataset names and search the same page in its main world; they draw nothing. ' +
    'A peer slower than 2 s on a page is run once there. ' +
    'Style recalculation or layout the browser does in its own rendering step after our DOM writes is not in our timers; ' +
    'the frame in which the underline is registered is shown on its own: its rule comes with the content script ' +
    '(extension/content/underline.css), so that frame only repaints the underlined text; when the rule was a sheet ' +
    'adopted into the document, that frame restyled the whole page (see bench/README.md).', ''];
  for (const [name, ds] of Object.entries(results.datasets)) {
    const cold = ds.cold ?? [];
    out.push(`## ${name} dataset: ${ds.names} names (${ds.counts.companies} companies, ${ds.counts.brands} brands, ${ds.counts.aliases} automaton entries)`, '',
      summary(ds), '', '**Goals**', goals(ds), '',
      `Background cold start (service worker stopped, woken by a scan; ${cold.length} times): first answer median ${f1(median(cold.map((c) => c.firstAnswerMs)))} ms ` +
      `(max ${f1(Math.max(...cold.map((c) => c.firstAnswerMs)))}), of which wasm init + engine build median ${f1(median(cold.map((c) => c.buildMs)))} ms. ` +
      `Wasm linear memory after build: ${(cold[0]?.wasmBytes / 2 ** 20).toFixed(1)} MiB; after all pages: ${(ds.wasmBytes / 2 ** 20).toFixed(1)} MiB.`, '',
      `Popup search per keystroke (${ds.search.length} keystrokes, input event to results drawn): median ${f1(median(ds.search))} ms, p90 ${f1(p90(ds.search))} ms, max ${f1(Math.max(...ds.search))} ms.`, '');
    if (ds.phoned) out.push(`**The extension requested outside URLs:** ${ds.phoned.join(', ')}`, '');
  }
  for (const [name, ds] of Object.entries(results.datasets)) {
    out.push(`## Per page, ${name} dataset (ms; (a) (b) (c) are the peers)`, '', perPageTable(ds), '');
  }
  writeFileSync(join(dir, 'report.md'), out.join('\n'));
  writeFileSync(join(dir, 'report.svg'), svg(results));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  writeReport(JSON.parse(readFileSync(join(root, 'target/bench/results.json'), 'utf8')), join(root, 'bench'));
}
