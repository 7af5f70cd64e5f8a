// Build gates (scripts/gates.mjs) on the real tree, and proof that each catches a planted breach:
// no markup or code built from strings in extension code (source and built packages), no
// web_accessible_resources, every requested permission explained in DESIGN.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, extensionFiles, manifests, markupSinks, unexplainedPermissions, webAccessibleResources, explainedPermissions,
} from '../../scripts/gates.mjs';

const design = readFileSync(join(ROOT, 'DESIGN.md'), 'utf8');

test('no extension file (source or built) builds markup or code from strings', () => {
  const files = extensionFiles();
  assert.ok(files.some((f) => f.includes('dist/chromium')) && files.some((f) => f.includes('dist/firefox')), 'run the build first');
  assert.ok(files.some((f) => f.endsWith('extension/pkg/backstory.js')), 'the generated wasm glue is checked too');
  const found = files.flatMap((f) => markupSinks(readFileSync(f, 'utf8'), f.slice(ROOT.length)));
  assert.deepEqual(found, []);
});

test('no manifest declares web_accessible_resources', () => {
  const all = manifests();
  assert.equal(all.length, 3, 'manifest.json and both built manifests');
  assert.deepEqual(all.flatMap(({ file, manifest }) => webAccessibleResources(manifest, file)), []);
});

test('every permission the manifests request is explained in DESIGN.md ## Permissions, and no other', () => {
  for (const { file, manifest } of manifests()) {
    assert.deepEqual(unexplainedPermissions(manifest, design), [], `${file} vs DESIGN.md`);
  }
});

// ---- the gates catch what they must --------------------------------------------------------------

test('each markup sink is caught, in code and as a property name in a string', () => {
  const planted = [
    "card.innerHTML = entry.summary;", "el['innerHTML'] = s;", "a.outerHTML = s;", "p.insertAdjacentHTML('beforeend', s);",
    "document.write(s);", "document.writeln(s)", "eval(s);", "window.eval(s)", "const f = new Function('a', s);",
    "const g = Function(s);", "setTimeout('run()', 10);", "range.createContextualFragment(s)", "frame.srcdoc = s;",
  ];
  for (const line of planted) assert.equal(markupSinks(line, 'x.js').length, 1, line);
  assert.equal(markupSinks('<button onclick="eval(name)">x</button>', 'x.html').length, 1);
});

test('safe code and comments that name a sink pass', () => {
  const safe = [
    "// never innerHTML: dataset strings go through textContent",
    "/* insertAdjacentHTML would parse markup */ el.textContent = s;",
    "el.setAttribute('href', 'https://example.org/a//b');", "setTimeout(run, 10);", "const evaluate = 1; retrieval(x);",
    "functions.push(f); myFunction(x);",
  ];
  for (const line of safe) assert.deepEqual(markupSinks(line, 'x.js'), [], line);
  assert.deepEqual(markupSinks('<!-- no innerHTML here --><p>ok</p>', 'x.html'), []);
});

test('web_accessible_resources in any form is caught', () => {
  assert.equal(webAccessibleResources({ web_accessible_resources: [] }).length, 1);
  assert.equal(webAccessibleResources({ web_accessible_resources: [{ resources: ['x.wasm'], matches: ['<all_urls>'] }] }).length, 1);
  assert.equal(webAccessibleResources({ permissions: [] }).length, 0);
});

test('a permission missing from DESIGN.md, a stale one and a missing section are caught', () => {
  const doc = '# D\n\n## Permissions\n\n- `storage`: settings.\n- `https://*/*` (optional): sites the user adds.\n\n## Next\n- `tabs`: not in this section.\n';
  assert.deepEqual(explainedPermissions(doc), ['storage', 'https://*/*']);
  assert.deepEqual(unexplainedPermissions({ permissions: ['storage'], optional_host_permissions: ['https://*/*'] }, doc), []);
  const extra = unexplainedPermissions({ permissions: ['storage', 'tabs'], optional_host_permissions: ['https://*/*'] }, doc);
  assert.deepEqual(extra.map((b) => b.permission), ['tabs']);
  const stale = unexplainedPermissions({ permissions: ['storage'] }, doc);
  assert.deepEqual(stale.map((b) => b.permission), ['https://*/*']);
  assert.equal(unexplainedPermissions({ permissions: [] }, '# D\n').length, 1);
});
