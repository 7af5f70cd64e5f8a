// Build gates: rules whose breach fails `make test` (tests/js/gates.test.mjs runs them; the
// network gate for browser tests is scripts/lib/network-gate.mjs). Each gate is a pure function
// of file text, so a test can prove it catches a planted breach. `node scripts/gates.mjs` runs
// them on the repository and prints every breach.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Ways to turn a string into markup or code. Matched in code and in string literals (so
// el['innerHTML'] counts too), not in comments, which may name them to say why they are avoided.
export const SINKS = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['eval', /(^|[^\w$.])eval\s*\(|\.\s*eval\s*\(/],
  ['new Function', /\bnew\s+Function\b|(^|[^\w$.])Function\s*\(/],
  ['string timer', /\b(setTimeout|setInterval)\s*\(\s*['"`]/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['srcdoc', /\bsrcdoc\b/],
];

// Drops /* */ comments, and // comments that start a line or follow white space (so "https://"
// inside a string survives). Approximate on purpose: it can only let a gate see more, not less,
// except for a string containing " //", which no sink needs.
export function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

// HTML comments go too; inline handlers and scripts are checked like any code.
export function markupSinks(source, file = '') {
  const text = /\.html?$/.test(file) ? source.replace(/<!--[\s\S]*?-->/g, '') : stripComments(source);
  const found = [];
  text.split('\n').forEach((line, i) => {
    for (const [name, re] of SINKS) if (re.test(line)) found.push({ file, line: i + 1, sink: name, text: line.trim().slice(0, 120) });
  });
  return found;
}

export function webAccessibleResources(manifest, file = 'manifest.json') {
  return 'web_accessible_resources' in manifest
    ? [{ file, problem: 'web_accessible_resources lets any page detect the extension and load its files' }] : [];
}

// Every permission the manifest asks for (API and host, required and optional).
export function requestedPermissions(manifest) {
  return ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions']
    .flatMap((k) => manifest[k] ?? []);
}

// The names DESIGN.md explains: one bullet per permission, the name first in backticks,
// inside the "## Permissions" section:  - `storage`: why ...
export function explainedPermissions(design) {
  const m = design.match(/^## Permissions[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m);
  if (!m) return null;
  return [...m[1].matchAll(/^[-*] `([^`]+)`/gm)].map((x) => x[1]);
}

export function unexplainedPermissions(manifest, design) {
  const explained = explainedPermissions(design);
  if (explained === null) return [{ problem: 'DESIGN.md has no "## Permissions" section' }];
  const asked = requestedPermissions(manifest);
  return [
    ...asked.filter((p) => !explained.includes(p)).map((p) => ({ permission: p, problem: 'requested in manifest.json but not explained in DESIGN.md ## Permissions' })),
    ...explained.filter((p) => !asked.includes(p)).map((p) => ({ permission: p, problem: 'explained in DESIGN.md but not requested (stale)' })),
  ];
}

// Extension code as shipped: the source tree and the built packages (generated glue included);
// and the Organizer Studio's page source, which shows a sheet's strings too. Not dist/studio/pkg:
// its glue prints a JS function's name as the text `Function(name)` (wasm-bindgen's debug
// string), which the new-Function pattern cannot tell from a call.
export function extensionFiles(root = ROOT) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|html?)$/.test(e.name)) out.push(p);
    }
  };
  for (const d of ['extension', 'dist/chromium', 'dist/firefox', 'studio']) if (existsSync(join(root, d))) walk(join(root, d));
  return out;
}

export function manifests(root = ROOT) {
  return ['manifest.json', 'dist/chromium/manifest.json', 'dist/firefox/manifest.json']
    .filter((f) => existsSync(join(root, f)))
    .map((f) => ({ file: f, manifest: JSON.parse(readFileSync(join(root, f), 'utf8')) }));
}

export function allBreaches(root = ROOT) {
  const breaches = [];
  for (const f of extensionFiles(root)) breaches.push(...markupSinks(readFileSync(f, 'utf8'), relative(root, f)));
  const design = existsSync(join(root, 'DESIGN.md')) ? readFileSync(join(root, 'DESIGN.md'), 'utf8') : '';
  for (const { file, manifest } of manifests(root)) {
    breaches.push(...webAccessibleResources(manifest, file));
    breaches.push(...unexplainedPermissions(manifest, design).map((b) => ({ file, ...b })));
  }
  return breaches;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const breaches = allBreaches();
  for (const b of breaches) console.log(JSON.stringify(b));
  console.log(`gates: ${breaches.length} breach(es)`);
  process.exitCode = breaches.length ? 1 : 0;
}
