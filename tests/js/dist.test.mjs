// Store packages (scripts/dist.mjs): the same tree gives the same zip bytes whatever the files'
// times and modes on disk, the zip is valid for a standard reader, and a content change shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles, zipDir } from '../../scripts/dist.mjs';

const FIREFOX = fileURLToPath(new URL('../../dist/firefox', import.meta.url));

function copyWith(mtime, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-dist-'));
  cpSync(FIREFOX, dir, { recursive: true });
  for (const f of listFiles(dir)) { utimesSync(join(dir, f), mtime, mtime); chmodSync(join(dir, f), mode); }
  return dir;
}

test('two copies with different times and modes zip to identical bytes', (t) => {
  const a = copyWith(new Date('2001-02-03T04:05:06Z'), 0o600);
  const b = copyWith(new Date(), 0o755);
  t.after(() => { rmSync(a, { recursive: true }); rmSync(b, { recursive: true }); });
  const za = zipDir(a);
  assert.ok(za.equals(zipDir(b)));
  assert.ok(za.equals(zipDir(FIREFOX)));
  writeFileSync(join(b, 'extension', 'api.js'), '// changed\n', { flag: 'a' });
  assert.ok(!za.equals(zipDir(b)), 'a changed file must change the package');
});

test('a standard zip reader accepts it: sorted names, fixed time and mode, contents intact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-zip-'));
  try {
    const zip = join(dir, 'x.zip');
    writeFileSync(zip, zipDir(FIREFOX));
    const report = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "names": z.namelist(),
  "times": sorted({str(i.date_time) for i in z.infolist()}), "modes": sorted({oct(i.external_attr >> 16) for i in z.infolist()}),
  "manifest": json.loads(z.read("manifest.json"))["manifest_version"]}))`, zip], { encoding: 'utf8' }));
    assert.equal(report.bad, null);
    assert.deepEqual(report.names, listFiles(FIREFOX));
    assert.ok(report.names.includes('manifest.json') && report.names.includes('extension/pkg/backstory_bg.wasm'));
    assert.deepEqual(report.times, ['(1980, 1, 1, 0, 0, 0)']);
    assert.deepEqual(report.modes, ['0o100644']);
    assert.equal(report.manifest, 3);
  } finally { rmSync(dir, { recursive: true }); }
});

test('the store package leaves out the content-script matches for this machine that tests use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backstory-store-'));
  try {
    const zip = join(dir, 'x.zip');
    writeFileSync(zip, zipDir(FIREFOX, { store: true }));
    const manifest = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())', zip], { encoding: 'utf8' }));
    const matches = manifest.content_scripts.flatMap((s) => s.matches);
    assert.ok(matches.includes('https://*.amazon.com/*'));
    assert.deepEqual(matches.filter((p) => /127\.0\.0\.1|localhost/.test(p)), [], 'no test-only matches in a store build');
    const tested = JSON.parse(readFileSync(join(FIREFOX, 'manifest.json'), 'utf8')).content_scripts[0].matches;
    assert.ok(tested.includes('http://127.0.0.1/*'), 'the unpacked build the tests load keeps them');
  } finally { rmSync(dir, { recursive: true }); }
});
