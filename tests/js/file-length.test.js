// Short files with one job (shared/notes/style.md): no source file of the project is over 400
// lines unless this list says why. A file that falls under the limit leaves the list too, so the
// list stays the truth.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const LIMIT = 400;
const FOLDERS = ['src', 'tests', 'extension', 'scripts', 'bench', 'studio', 'fuzz/fuzz_targets'];
// Generated, vendored or data: not read as code.
const SKIPPED = new Set(['fixtures', 'node_modules', 'pkg', 'target']);
const CODE = /\.(rs|js|mjs|py|sh)$/;

const REASONS = {
  'src/normalize.rs': 'the one normalization routine and its map back to the original text must stay together (a second copy drifts); the last fifth is its tests',
  'src/validate.rs': 'every rule of DATASET.md\'s validation section, over one findings sink, in the order DATASET.md gives them',
  'src/organizer/import/nsi.rs': 'the name-suggestion-index importer\'s rules, each beside the measured reason in the module header',
  'src/dataset.rs': 'the format\'s types, one per DATASET.md table, with the serde attributes that are the format',
  'scripts/lib/geometry-page.mjs': 'serialized with toString into an isolated world of the page, so it cannot import helpers',
  'tests/it/default_dataset.rs': 'one test per promise of the bundled dataset, with the sources each names',
  'tests/it/engine_table.rs': 'a table of named rows: splitting it would scatter the table',
  'tests/it/organizer.rs': 'one regression test per organizer defect of issue 20, in the order the issue lists them',
  'tests/it/cli.rs': 'the command line\'s contract, one test per command and exit code',
  'tests/it/import_rules.rs': 'one test per importer rule of src/organizer/import/nsi.rs, in its order',
};

function files(dir, out = []) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) { if (!SKIPPED.has(e.name)) files(p, out); } else if (CODE.test(e.name)) out.push(p);
  }
  return out;
}

const lines = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8').split('\n').length - 1;

test(`no source file is over ${LIMIT} lines without a stated reason`, () => {
  const long = FOLDERS.flatMap((d) => files(d)).filter((p) => lines(p) > LIMIT);
  assert.deepEqual(long.filter((p) => !(p in REASONS)).map((p) => `${p}: ${lines(p)} lines`), []);
});

test('every stated reason is for a file that is still over the limit', () => {
  const stale = Object.keys(REASONS).filter((p) => !fs.existsSync(path.join(ROOT, p)) || lines(p) <= LIMIT);
  assert.deepEqual(stale, []);
});
