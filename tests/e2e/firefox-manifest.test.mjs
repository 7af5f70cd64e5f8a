// Firefox has no Playwright driver here, so the Firefox build is checked with Mozilla's own
// linter (web-ext lint, offline): no errors, and only the warning we accept by design.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The one manifest names a service_worker for Chromium; Firefox ignores it and uses "scripts".
const ACCEPTED = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);

test('web-ext lint passes on dist/firefox', async () => {
  const { stdout } = await promisify(execFile)('node_modules/.bin/web-ext',
    ['lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-input'], { cwd: ROOT, maxBuffer: 1 << 24 })
    .catch((e) => e); // web-ext exits non-zero on errors; the JSON still says which
  const report = JSON.parse(stdout);
  assert.deepEqual(report.errors.map((m) => `${m.code}: ${m.message}`), []);
  assert.deepEqual(report.warnings.filter((m) => !ACCEPTED.has(m.code)).map((m) => `${m.code}: ${m.message}`), []);
});
