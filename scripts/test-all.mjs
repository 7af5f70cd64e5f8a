// `make test`: runs every test tier, echoes its output, and ends with exactly one line
// "N passed, M failed" summed over all tiers; exits 1 if any tier failed.
// A tier that fails without reporting counts (a compile error, a crash) counts as one failure.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAP = ['--test-reporter=tap'];
const TIERS = [
  { name: 'rust (native, all features)', cmd: 'cargo', args: ['test', '--features', 'cli'], parse: cargoCounts },
  // Only tests/wasm.rs: the other integration tests (tests/it, one binary) are native (CLI, fixture files, minisign).
  { name: 'rust (wasm32, wasm-bindgen-test under Node)', cmd: 'cargo', args: ['test', '--target', 'wasm32-unknown-unknown', '--test', 'wasm'], parse: cargoCounts },
  // The js and browser tiers need the built extension; a failed build fails those tiers, not the others.
  { name: 'extension build', cmd: 'bash', args: ['scripts/build-extension.sh'], parse: () => null, silentCount: true },
  // The command line with that extension built in (`make cli`): `pack` gives the zips `--extension dist/chromium` gives.
  { name: 'rust (command line with the extension built in)', cmd: 'cargo', args: ['test', '--features', 'embedded', '--test', 'embedded'], parse: cargoCounts, needs: 'extension build' },
  // The Organizer Studio (dist/studio) from the same crate, with that extension inside it.
  { name: 'studio build', cmd: 'bash', args: ['scripts/build-studio.sh'], parse: () => null, silentCount: true, needs: 'extension build' },
  { name: 'js units', cmd: 'node', args: ['--test', ...TAP, 'tests/js/'], parse: tapCounts, needs: 'extension build' },
  // studio.test.mjs among them needs the Studio build; it fails with that reason without it.
  { name: 'browser e2e (Chromium)', cmd: 'node', args: ['--test', ...TAP, 'tests/e2e/'], parse: tapCounts, needs: 'extension build' },
  // Headless firefox-esr through Selenium and geckodriver (scripts/setup.sh installs them).
  { name: 'browser smoke (Firefox)', cmd: 'target/venv/bin/python', args: ['tests/firefox/smoke.py'], parse: unittestCounts, needs: 'extension build' },
  // The Organizer Studio from file:// in Firefox: sheet errors, preview, key pair, zips byte-identical to `pack`.
  { name: 'Organizer Studio (Firefox)', cmd: 'target/venv/bin/python', args: ['tests/firefox/studio.py'], parse: unittestCounts, needs: 'studio build' },
  // Saved shop pages of ../shared at their real host names: Firefox draws every badge it counts (skipped without ../shared).
  { name: 'browser real pages (Firefox)', cmd: 'target/venv/bin/python', args: ['tests/firefox/corpus.py'], parse: unittestCounts, needs: 'extension build' },
  // Saved shop pages' badge geometry at 1280x800 and 390x844, by the Chromium check's own checker (any violation fails).
  { name: 'browser real-page geometry (Firefox)', cmd: 'target/venv/bin/python', args: ['tests/firefox/corpus_geometry.py'], parse: unittestCounts, needs: 'extension build' },
  // The conventions the build keeps (rustfmt.toml; clippy with warnings as errors, every target).
  { name: 'rust lint (fmt, clippy)', cmd: 'bash', args: ['-c', 'cargo fmt --check && cargo clippy --quiet --all-targets --features cli -- -D warnings'], parse: () => null, silentCount: true },
  // eslint.config.mjs over the extension, scripts, JS tests and benches (installed by npm ci in scripts/setup.sh).
  { name: 'js lint (eslint)', cmd: 'node_modules/.bin/eslint', args: ['--max-warnings', '0'], parse: () => null, silentCount: true },
  // Each cargo-fuzz target for 2000 inputs: a crash or broken invariant found before fails it.
  { name: 'fuzz smoke (cargo fuzz)', cmd: 'bash', args: ['fuzz/run.sh', 'smoke'], parse: fuzzCounts },
];

// cargo/libtest and wasm-bindgen-test-runner both print "test result: ok. 12 passed; 0 failed; ...".
function cargoCounts(out) {
  let passed = 0, failed = 0, seen = false;
  for (const m of out.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += +m[1]; failed += +m[2]; seen = true;
  }
  return seen ? { passed, failed } : null;
}
// node --test with the TAP reporter ends with "# pass N" and "# fail M".
function tapCounts(out) {
  const pass = out.match(/^# pass (\d+)$/m), fail = out.match(/^# fail (\d+)$/m);
  return pass && fail ? { passed: +pass[1], failed: +fail[1] } : null;
}
// Python's unittest ends with "Ran N tests in ..." then "OK" or "FAILED (failures=F, errors=E)".
function unittestCounts(out) {
  const ran = out.match(/^Ran (\d+) tests? in /m);
  if (!ran) return null;
  const count = (k) => +(out.match(new RegExp(`^(?:OK|FAILED) \\(.*\\b${k}=(\\d+)`, 'm'))?.[1] ?? 0);
  const failed = count('failures') + count('errors');
  // A failing setUpClass reports "Ran 0 tests" with errors=1.
  return { passed: Math.max(0, +ran[1] - failed - count('skipped')), failed };
}
// fuzz/run.sh ends with "fuzz: N passed, M failed", one per target.
function fuzzCounts(out) {
  const m = out.match(/^fuzz: (\d+) passed, (\d+) failed/m);
  return m ? { passed: +m[1], failed: +m[2] } : null;
}

function run(tier) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(tier.cmd, tier.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('error', (e) => { out += String(e); });
    child.on('close', (code) => resolve({ code, out, seconds: (performance.now() - t0) / 1000 }));
  });
}

const results = [];
for (const tier of TIERS) {
  console.log(`\n=== ${tier.name}: ${tier.cmd} ${tier.args.join(' ')}`);
  const dep = tier.needs && results.find((r) => r.name === tier.needs);
  if (dep && !dep.ok) {
    results.push({ name: tier.name, ok: false, passed: 0, failed: 1, seconds: 0, note: `skipped: ${tier.needs} failed` });
    continue;
  }
  const { code, out, seconds } = await run(tier);
  let counts = tier.parse(out);
  if (!counts) counts = tier.silentCount ? { passed: 0, failed: code === 0 ? 0 : 1 } : { passed: 0, failed: 1 };
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // exited non-zero yet reported no failure
  results.push({ name: tier.name, ok: code === 0, ...counts, seconds });
}

console.log('\n=== summary');
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)${r.note ? ` — ${r.note}` : ''}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
