// `backstory import` time and peak memory on a generated spreadsheet of IMPORT_ROWS rows (default
// 100000): 20 brands per company, a symbol and a source on each company's first row, categories
// from a short list. Writes bench/import.md (a smaller run: target/bench/import.md) and prints it.
// Env: IMPORT_ROWS, BACKSTORY_BIN (default target/release/backstory, built by `make bench`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROWS = Math.max(1, Number(process.env.IMPORT_ROWS ?? 100000));
const BIN = process.env.BACKSTORY_BIN ?? join(ROOT, 'target/release/backstory');
const WORK = join(ROOT, 'target/bench');
const CATEGORIES = ['Military and weapons', 'Occupation', 'Surveillance', 'Prisons', 'Settlements'];
const EXCHANGES = ['NYSE', 'NASDAQ', 'LSE', 'TASE'];

// Names are letters only, so no two companies or brands are near-duplicates of each other.
function word(n) {
  let s = '';
  do { s += String.fromCharCode(97 + (n % 26)); n = Math.floor(n / 26); } while (n > 0);
  return s[0].toUpperCase() + s.slice(1);
}

export function spreadsheet(rows) {
  const lines = ['brand,owner_company,symbol,category,reason,source_url'];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / 20);
    const first = i % 20 === 0;
    const company = `${word(c)} Industries`;
    const symbol = first ? `${EXCHANGES[c % 4]}: ${word(c).toUpperCase()}X` : '';
    const source = first ? `https://example.org/report/${c}` : '';
    const reason = first ? `"Supplies equipment, parts and services."` : '';
    lines.push(`${word(c)} ${word(i + 1000)} Brand,${company},${symbol},${CATEGORIES[c % 5]},${reason},${source}`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(WORK, { recursive: true });
  const csv = join(WORK, `import-${ROWS}.csv`);
  writeFileSync(csv, spreadsheet(ROWS));
  const out = join(WORK, `import-${ROWS}.json`);
  const args = ['import', '--from', 'csv', csv, '-o', out, '--id', 'bench', '--as-of', '2025-01-01'];
  // GNU time gives the peak resident memory; the wall time is measured here either way.
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`import failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const peakKb = Number(run.stderr.trim().split('\n').pop());
  const version = execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim();
  const report = [
    '# `backstory import` on a generated spreadsheet', '',
    `Measured by \`node bench/import.mjs\` (IMPORT_ROWS=${ROWS}) with ${version} (${BIN.replace(ROOT, '')}),`,
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with other work.`, '',
    '| rows | CSV bytes | companies | time | peak memory |', '|---|---|---|---|---|',
    `| ${ROWS} | ${statSync(csv).size} | ${Math.ceil(ROWS / 20)} | ${seconds.toFixed(2)} s | ${(peakKb / 1024).toFixed(0)} MB |`, '',
  ].join('\n');
  const file = ROWS === 100000 ? join(ROOT, 'bench/import.md') : join(WORK, 'import.md');
  writeFileSync(file, report);
  console.log(report);
  console.error(run.stdout.trim());
}
