// Meta-tests for the project's own rules: manifest paths exist, permissions stay minimal, and
// every message type a script sends has a handler in the background (build gates: gates.test.mjs).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const ownScripts = () => {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'pkg') walk(p);
      else if (/\.(js|html)$/.test(e.name)) out.push(p);
    }
  };
  walk('extension');
  return out;
};

test('every path named in manifest.json exists', () => {
  const paths = [
    ...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon), manifest.action.default_popup,
    manifest.background.service_worker, ...manifest.background.scripts,
    ...manifest.content_scripts.flatMap((c) => [...c.js, ...(c.css ?? [])]),
  ];
  for (const p of paths) assert.ok(fs.existsSync(path.join(ROOT, p)), `${p} is missing`);
});

test('one manifest for both browsers, with minimal permissions', () => {
  assert.equal(manifest.manifest_version, 3);
  // storage: settings and findings; activeTab: the popup's current tab; scripting: content scripts
  // for sites the user adds with "Check this site too"; alarms: dataset update checks. Host access
  // beyond the curated list is optional only, requested per origin in the user's click.
  assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'alarms', 'scripting', 'storage']);
  assert.equal(manifest.host_permissions, undefined);
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
  assert.equal(manifest.web_accessible_resources, undefined, 'would let any page detect the extension');
  assert.equal(manifest.background.service_worker, manifest.background.scripts[0]);
  assert.equal(manifest.background.type, 'module');
  assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  const gecko = manifest.browser_specific_settings.gecko;
  assert.ok(gecko.id && Number.parseFloat(gecko.strict_min_version) >= 140);
  assert.deepEqual(gecko.data_collection_permissions, { required: ['none'] });
  for (const c of manifest.content_scripts) {
    for (const m of c.matches) assert.match(m, /^(https:\/\/\*\.[a-z.]+|http:\/\/(127\.0\.0\.1|localhost))\/\*$/, m);
  }
});

// Markup and code built from strings (innerHTML ... eval, new Function): tests/js/gates.test.mjs,
// over the source and both built packages, with proof that each sink is caught.

test('every message type sent has a handler in the background table', () => {
  const bg = read('extension/background.js');
  const table = bg.slice(bg.indexOf('const MESSAGES = {'), bg.indexOf('};', bg.indexOf('const MESSAGES = {')));
  const handled = new Set([...table.matchAll(/^\s{2}(\w+): \{/gm)].map((m) => m[1]));
  const sent = new Set();
  for (const f of ownScripts()) for (const m of read(f).matchAll(/sendMessage\(\{ type: '(\w+)'/g)) sent.add(m[1]);
  assert.ok(sent.size >= 4, `found ${[...sent]}`);
  for (const t of sent) assert.ok(handled.has(t), `no handler for ${t}`);
});

// One definition of a page's text blocks and of the elements never read, on both paths: the content
// script's lists (blocks.js, collect.js) and src/page_text.rs, which `backstory scan` and `make eval`
// use. The differences are the two walks' own: the content script's walk sees only text nodes and
// cuts its run at a <br>, and reads alt texts apart; its SKIP_TAGS name SVG in both cases (an SVG
// document's elements are lower case). "option" is a block there but skipped on both paths.
test('the content script and src/page_text.rs agree on block tags and skipped tags', () => {
  const rust = read('src/page_text.rs');
  const rustList = (name) => new Set([...rust.match(new RegExp(`const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`))[1].matchAll(/"(\w+)"/g)].map((m) => m[1]));
  const jsList = (file, name) => new Set([...read(file).match(new RegExp(`${name} = new Set\\(\\[([^\\]]*)\\]`))[1].matchAll(/'(\w+)'/g)].map((m) => m[1].toLowerCase()));
  const minus = (a, b) => [...a].filter((x) => !b.has(x)).sort();
  const rustBlocks = rustList('BLOCK_TAGS'), jsBlocks = jsList('extension/content/blocks.js', 'BLOCK_TAGS');
  assert.deepEqual(minus(rustBlocks, jsBlocks), ['br', 'img'], 'blocks only src/page_text.rs has');
  assert.deepEqual(minus(jsBlocks, rustBlocks), ['option'], 'blocks only blocks.js has');
  const rustSkipped = rustList('SKIPPED'), jsSkipped = jsList('extension/content/collect.js', 'SKIP_TAGS');
  assert.deepEqual(minus(rustSkipped, jsSkipped), [], 'skipped only in src/page_text.rs');
  assert.deepEqual(minus(jsSkipped, rustSkipped), [], 'skipped only in collect.js');
});

// One home for each fact the extension's contexts share, and the lists that must agree across
// files and across the WebAssembly boundary.
test('the dataset size cap is written once, and equals the engine\'s update cap', () => {
  const rust = read('src/update.rs').match(/pub const MAX_UPDATE_BYTES: usize = ([^;]+);/)[1];
  const { MAX_DATASET_BYTES } = require('../../extension/shared/safe.js');
  assert.equal(MAX_DATASET_BYTES, Function(`return ${rust.replace(/_/g, '')}`)(), 'shared/safe.js and src/update.rs');
  for (const f of ownScripts()) {
    if (f === path.join('extension', 'shared', 'safe.js')) continue;
    assert.doesNotMatch(read(f), /5 \* 1024 \* 1024|5242880/, `${f} writes the cap again`);
  }
});

test('https links are decided in one place, shared/safe.js', () => {
  for (const f of ownScripts()) {
    if (f === path.join('extension', 'shared', 'safe.js')) continue;
    assert.doesNotMatch(read(f), /function httpsUrl|protocol === 'https:' \?|startsWith\('https:\/\/'\)/, `${f} decides https links itself`);
  }
});

test('settings have one reader, shared/rules.js, whose displays are the options page\'s choices', () => {
  const { DISPLAYS } = require('../../extension/shared/rules.js');
  const radios = [...read('extension/options/options.html').matchAll(/name="display" value="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...radios].sort(), [...DISPLAYS].sort());
  for (const f of ownScripts()) {
    if (f === path.join('extension', 'shared', 'rules.js')) continue;
    assert.doesNotMatch(read(f), /DISPLAYS = \[|function (normalize|readSettings)\(/, `${f} reads settings itself`);
  }
});

test('the kinds a findings report may carry are the engine\'s hit kinds and structured data', () => {
  const rust = read('src/wasm.rs');
  const kinds = [...rust.slice(rust.indexOf('fn kind_name')).match(/\{([^}]*)\}/)[1].matchAll(/=> "(\w+)"/g)].map((m) => m[1]);
  const page = read('extension/background/page.js').match(/const KINDS = \[([^\]]*)\]/)[1];
  assert.deepEqual([...page.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort(), [...kinds, 'structured'].sort());
});

test('the content script is ES modules that name what they use: no globalThis.Backstory* between them', () => {
  const dir = path.join('extension', 'content');
  for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((n) => n.endsWith('.js'))) {
    const text = read(path.join(dir, f));
    assert.doesNotMatch(text, /globalThis\.Backstory(?!Api\b|Format = )\w+|root\.Backstory\w+/, `${f} reaches another file through a global`);
  }
  assert.deepEqual(manifest.content_scripts[0].js, ['extension/pkg/content.js'], 'the manifest loads the one bundle');
});

// DESIGN.md's own rule (its last section): short, and free of hashes, session talk and timings.
test('DESIGN.md stays at most 300 lines, with no commit hash, session talk or timing', () => {
  const lines = read('DESIGN.md').split('\n');
  assert.ok(lines.length - 1 <= 300, `${lines.length - 1} lines`);
  const bad = lines.filter((l) => /[0-9a-f]{7,40}|[Ss]essio[n]|[0-9]+ ?ms/.test(l) && !l.includes('storage.session') && !l.includes("grep -nE"));
  assert.deepEqual(bad, []);
});

// Short files with one job (shared/notes/style.md): the extension's scripts stay under 400 lines.
test('no extension script is over 400 lines', () => {
  for (const f of ownScripts().filter((p) => p.endsWith('.js'))) {
    const n = read(f).split('\n').length - 1;
    assert.ok(n <= 400, `${f} has ${n} lines`);
  }
});
