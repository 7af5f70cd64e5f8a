// `make bench`, geometry table: every saved corpus page at its real host name (the test bed,
// scripts/lib/test-bed.mjs) at 1280x800 and 390x844 in Chromium, each badge checked by
// scripts/lib/geometry.mjs; writes bench/geometry.md (per page and viewport: badges, violations by
// kind; totals; median badges per page), target/geometry/results.json, and a PNG crop of every
// violation under target/geometry/<viewport>/.
// Env: GEOMETRY_PAGES (a RegExp on the page name: a partial run writes to target/geometry/ only),
// GEOMETRY_STOPS (scroll positions checked per page and viewport, default 20), GEOMETRY_JOBS (pages at once, 3),
// GEOMETRY_DIST (another built extension to measure instead of dist/chromium, e.g. one built from
// an earlier commit for a before/after table; a run with it also writes to target/geometry/ only).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../scripts/lib/browser.mjs';
import { CORPUS, corpusPages } from '../scripts/lib/corpus.mjs';
import { KINDS, VIEWPORTS, countKinds } from '../scripts/lib/geometry.mjs';
import { SHOTS, pageGeometry } from '../scripts/lib/page-geometry.mjs';
import { openTestBed } from '../scripts/lib/test-bed.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ONLY = process.env.GEOMETRY_PAGES ? new RegExp(process.env.GEOMETRY_PAGES) : null;
const STOPS = Number(process.env.GEOMETRY_STOPS ?? 20);
const JOBS = Math.max(1, Number(process.env.GEOMETRY_JOBS ?? 3));
const DIST = process.env.GEOMETRY_DIST ?? null;
const log = (...a) => console.error('geometry:', ...a);

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };

// Runs `fn` over `items` with at most `jobs` at once, results in input order.
export async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); }
  }));
  return out;
}

// The hand labels' true mentions of the default dataset on each page (tests/corpus-labels*.json),
// and each company's name as its badges write it ("alias: Company").
const LABELS = Object.assign({}, ...['tests/corpus-labels.json', 'tests/corpus-labels-intl.json']
  .map((f) => JSON.parse(readFileSync(join(ROOT, f), 'utf8')).pages));
const DEFAULT = JSON.parse(readFileSync(join(ROOT, 'extension/data/default.json'), 'utf8'));
const COMPANY = new Map(DEFAULT.companies.map((c) => [c.id, c.name]));
// Companies whose own site a host is: their names there go to the notice, not badges (by design).
const ownSite = (id, host) => (DEFAULT.companies.find((c) => c.id === id)?.domains ?? []).some((d) => host === d || host.endsWith(`.${d}`));
// Folding as the page checker does it (geometry-page.mjs): letters and digits, case- and
// accent-folded, everything else one space.
const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

// Listed names in a page's product title or its stated brand (labelled true mentions of the default
// dataset whose text is in the title, or is a stated brand), per company, and whether a badge for
// that company is drawn at the title. Returns [{company, text, where, badged}].
export function titleMentions(result) {
  const t = result.title;
  if (!t?.shown) return [];
  const out = new Map();
  for (const l of LABELS[result.page]?.default ?? []) {
    if (l.arguable || ownSite(l.company, result.host)) continue;
    const want = fold(l.text);
    const where = ` ${t.text} `.includes(` ${want} `) ? 'title' : t.brands.some((b) => ` ${b} `.includes(` ${want} `)) ? 'brand' : null;
    if (!where || out.has(l.company)) continue;
    const name = COMPANY.get(l.company) ?? l.company;
    out.set(l.company, { company: name, text: l.text, where, badged: t.near.some((x) => x.endsWith(`: ${name}`)) });
  }
  return [...out.values()];
}

function titleTable(results) {
  const lines = ['', '## Listed names in product titles and stated brands', '',
    'A listed name here is a hand-labelled true mention of the default dataset (tests/corpus-labels*.json) whose text',
    'is in the product title (the schema.org Product name or its heading, else the first h1 laid out on a page whose',
    'structured data or og:type says it is a product\'s) or is a brand the structured data states (JSON-LD or microdata',
    'brand/manufacturer, product:brand), read by the checker, not the extension. Badged: a badge naming that company is',
    'drawn on or beside the title (within 24 px), with the title scrolled into view. Not counted: a title',
    'a dialog or banner covers at load (no badge there by design), and a company on its own site (its notice names it).', '',
    '| viewport | pages with one | names | badged | share | not badged |', '|---|---:|---:|---:|---:|---|'];
  for (const vp of VIEWPORTS) {
    const rs = results.filter((r) => r.viewport === vp.name).map((r) => [r, titleMentions(r)]).filter(([, m]) => m.length);
    if (!rs.length) continue;
    const all = rs.flatMap(([, m]) => m);
    const badged = all.filter((m) => m.badged).length;
    const missed = rs.flatMap(([r, m]) => m.filter((x) => !x.badged).map((x) => `${r.page.replace(/^.*\//, '').replace(/\.html$/, '')}: ${x.text} (${x.where})`));
    lines.push(`| ${vp.name} | ${rs.length} | ${all.length} | ${badged} | ${(badged / all.length).toFixed(3)} | ${missed.join('; ') || 'none'} |`);
  }
  return lines;
}

function table(results, meta) {
  const lines = [];
  const byVp = (vp) => results.filter((r) => r.viewport === vp.name);
  lines.push('# Badge geometry on the saved corpus pages', '');
  lines.push(`Generated by \`${meta.command}\` on ${meta.date} (${meta.seconds} s, ${meta.chromium}, ${meta.cpus} CPUs, load median ${meta.load}).`);
  lines.push('Every page of ../shared/corpus served at its real host name (scripts/lib/test-bed.mjs; page scripts blocked,',
    `other resources 404), each viewport a fresh load, checked by scripts/lib/geometry.mjs at up to ${STOPS} scroll positions`,
    '(the first screen, then down to where the badges not yet seen are). Kinds: text (the badge covers a glyph of page text), viewport (outside the viewport),',
    'covered (the topmost element at its centre is unrelated to its text), attribute (an alt/title/aria-label match',
    'away from its element), unanchored (no text naming the badge within 24 px). Crops: target/geometry/<viewport>/.', '');
  lines.push('## Totals', '');
  lines.push(`| viewport | pages | pages with badges | badges | checked in view | ${KINDS.join(' | ')} | pages with a violation | median badges per page | the same, pages with badges | most on a page |`);
  lines.push(`|---|---:|---:|---:|---:|${KINDS.map(() => '---:').join('|')}|---:|---:|---:|---:|`);
  for (const vp of VIEWPORTS) {
    const rs = byVp(vp);
    if (!rs.length) continue;
    const k = countKinds(rs.flatMap((r) => r.violations));
    lines.push(`| ${vp.name} | ${rs.length} | ${rs.filter((r) => r.badges).length} | ${rs.reduce((n, r) => n + r.badges, 0)} | ${rs.reduce((n, r) => n + r.checked, 0)} | ${KINDS.map((x) => k[x]).join(' | ')} | ${rs.filter((r) => r.violations.length).length} | ${median(rs.map((r) => r.badges))} | ${median(rs.filter((r) => r.badges).map((r) => r.badges))} | ${Math.max(...rs.map((r) => r.badges))} |`);
  }
  lines.push(...titleTable(results));
  lines.push('', '## Per page', '');
  lines.push(`| page | host | viewport | badges | checked | ${KINDS.join(' | ')} |`);
  lines.push(`|---|---|---|---:|---:|${KINDS.map(() => '---:').join('|')}|`);
  for (const r of results) {
    const k = countKinds(r.violations);
    const note = r.error ? ` (error: ${r.error})` : r.ran ? '' : ' (extension did not run)';
    lines.push(`| ${r.page}${note} | ${r.host}${r.curated ? '' : ' (added)'} | ${r.viewport} | ${r.badges} | ${r.checked} | ${KINDS.map((x) => k[x] || '').join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  const started = Date.now();
  const load = [];
  const loadTimer = setInterval(() => load.push(os.loadavg()[0]), 5000);
  const pages = corpusPages().filter((p) => !ONLY || ONLY.test(p.name));
  if (!pages.length) { log(`no pages (shared corpus at ${CORPUS}${ONLY ? `, GEOMETRY_PAGES=${ONLY.source}` : ''}): nothing to measure`); clearInterval(loadTimer); return; }
  rmSync(SHOTS, { recursive: true, force: true });
  const bed = await openTestBed({ pages, ...(DIST ? { ext: DIST } : {}) });
  let results;
  try {
    const jobs = bed.pages.flatMap((p) => VIEWPORTS.map((vp) => [p, vp]));
    results = await pool(jobs, JOBS, async ([p, vp]) => {
      try {
        const [r] = await pageGeometry(bed, p, [vp], { stops: STOPS });
        log(`${vp.name} ${p.name}: ${r.badges} badges, ${r.violations.length} violations (${r.ms} ms)`);
        return r;
      } catch (e) {
        log(`${vp.name} ${p.name}: ${e.message}`);
        return { page: p.name, viewport: vp.name, host: p.host, curated: p.curated, ran: false, badges: 0, checked: 0, stops: 0, violations: [], error: e.message.split('\n')[0] };
      }
    });
  } catch (e) {
    await bed.close().catch(() => {});
    throw e;
  } finally {
    clearInterval(loadTimer);
  }
  // The network gate's verdict comes after the table is written: a failed gate still leaves the numbers.
  const gate = await bed.close().then(() => null, (e) => e);
  const meta = {
    command: `${ONLY ? `GEOMETRY_PAGES='${ONLY.source}' ` : ''}${process.env.GEOMETRY_STOPS ? `GEOMETRY_STOPS=${STOPS} ` : ''}${DIST ? `GEOMETRY_DIST=${DIST} ` : ''}node bench/geometry.mjs`,
    date: new Date(started).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    seconds: Math.round((Date.now() - started) / 1000),
    chromium: execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(),
    cpus: os.availableParallelism(), load: median(load).toFixed(1),
  };
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'results.json'), JSON.stringify({ meta, results }, null, 1));
  const out = ONLY || DIST ? join(SHOTS, 'geometry.md') : join(ROOT, 'bench/geometry.md');
  writeFileSync(out, table(results, meta));
  log(`done in ${meta.seconds} s: ${relative(process.cwd(), out)}, ${relative(process.cwd(), join(SHOTS, 'results.json'))}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
  if (gate) { log(gate.message); process.exitCode = 1; }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
