// A branded Firefox extension from `backstory pack` passes Mozilla's linter (web-ext lint,
// offline) like the plain build does: no errors, and only the warning accepted by design.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'target/debug/backstory');
const ACCEPTED = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']); // see firefox-manifest.test.mjs

test('web-ext lint passes on a packed, branded Firefox extension with an update key', async () => {
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'backstory-pack-lint-'));
  execFileSync(CLI, ['keygen', '-o', join(dir, 'keys')]);
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#0f766e"/></svg>');
  execFileSync(CLI, ['pack', '--dataset', join(ROOT, 'extension/data/default.json'), '--name', 'Fair Shopper',
    '--description', 'Shows which companies are behind brands, for the Fair Shopper campaign.', '--icon', join(dir, 'icon.svg'),
    '--color', '#0f766e', '--sites', 'shop.example', '--update-url', 'https://lists.example.org/fair.json',
    '--public-key', join(dir, 'keys/backstory.pub'), '--extension', join(ROOT, 'dist/chromium'), '-o', join(dir, 'out')]);
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/web-ext'),
    ['lint', '--source-dir', join(dir, 'out/fair-shopper-firefox'), '--output', 'json', '--no-input'], { cwd: ROOT, maxBuffer: 1 << 24 })
    .catch((e) => e);
  const report = JSON.parse(stdout);
  assert.deepEqual(report.errors.map((m) => `${m.code}: ${m.message}`), []);
  assert.deepEqual(report.warnings.filter((m) => !ACCEPTED.has(m.code)).map((m) => `${m.code}: ${m.message}`), []);
});
