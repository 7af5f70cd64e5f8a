// The Organizer Studio checking a generated 10,000-row spreadsheet in Chromium (issue 20's goal:
// under 2 s): dist/studio opened from file://, the sheet chosen and "Check the spreadsheet" clicked,
// timed from the click to the status line, STUDIO_RUNS times (default 5). The sheet is
// bench/import.mjs's. Writes bench/studio.md (another row count: target/bench/studio.md) and
// prints it. Env: STUDIO_ROWS (default 10000), STUDIO_RUNS.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../scripts/lib/browser.mjs';
import { spreadsheet } from './import.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROWS = Math.max(1, Number(process.env.STUDIO_ROWS ?? 10000));
const RUNS = Math.max(1, Number(process.env.STUDIO_RUNS ?? 5));
const WORK = join(ROOT, 'target/bench');
const GOAL_SECONDS = 2;

mkdirSync(WORK, { recursive: true });
const csv = join(WORK, `studio-${ROWS}.csv`);
writeFileSync(csv, spreadsheet(ROWS));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
const times = [];
let status = '';
let loadSeconds;
try {
  const page = await browser.newPage();
  const opened = performance.now();
  await page.goto(pathToFileURL(join(ROOT, 'dist/studio/index.html')).href);
  await page.getByText('Ready.').waitFor({ timeout: 120000 });
  loadSeconds = (performance.now() - opened) / 1000;
  await page.getByLabel('Facts as of').fill('2025-01-01');
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() => { document.getElementById('sheet-status').textContent = ''; });
    await page.getByLabel('Spreadsheet file').setInputFiles(csv);
    const started = performance.now();
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await page.locator('#sheet-status').filter({ hasText: /Ready to build|Fix the errors/ }).waitFor({ timeout: 120000 });
    times.push((performance.now() - started) / 1000);
    status = await page.locator('#sheet-status').textContent();
  }
} finally {
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const report = [
  '# The Organizer Studio checking a generated spreadsheet', '',
  `Measured by \`node bench/studio.mjs\` (STUDIO_ROWS=${ROWS}, STUDIO_RUNS=${RUNS}) in headless Chromium (${CHROMIUM}) on dist/studio`,
  `opened from file://, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared with other work. Time from the click on`,
  '"Check the spreadsheet" to the status line: read the file, import, validate, show every problem.', '',
  '| rows | CSV bytes | median | fastest | slowest | goal | page ready |', '|---|---|---|---|---|---|---|',
  `| ${ROWS} | ${statSync(csv).size} | ${median.toFixed(2)} s | ${sorted[0].toFixed(2)} s | ${sorted.at(-1).toFixed(2)} s | under ${GOAL_SECONDS} s | ${loadSeconds.toFixed(2)} s |`, '',
  `Status: ${status}`, '',
].join('\n');
writeFileSync(ROWS === 10000 ? join(ROOT, 'bench/studio.md') : join(WORK, 'studio.md'), report);
console.log(report);
if (median >= GOAL_SECONDS) process.exitCode = 1;
