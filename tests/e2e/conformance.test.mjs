// One judge on both paths: fixture pages through the extension in Chromium and through
// `backstory scan` on the saved file must name the same companies (src/judge.rs, src/confirm.rs,
// src/detect.rs, src/structured.rs). Two synthetic datasets: language-dataset.json names a jeweller
// "Tous", an ordinary French word (`word_in`): held back on a French page, named on a Spanish one,
// held back on a French page that declares no language (told from its text), and "Harbor", an
// English word, named after a Dutch function word ("met Harbor"). confirm-dataset.json
// has "Gap", which waits until the page names its company: by another name, a brand label (in
// English or German), a list of brands, or the product data; a company written in Chinese on a
// GBK page, and one with a Korean particle glued to it. And the bundled dataset on a product title broken by <br>.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { distWithDataset, launch, readFindings, watchPage } from '../../scripts/lib/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = join(ROOT, 'tests/fixtures/pages');
const CLI = join(ROOT, 'target/debug/backstory');
const CASES = {
  'language-dataset.json': [
    ['language-fr.html', ['zyxco']],
    ['language-es.html', ['tous-test', 'zyxco']],
    ['language-undeclared.html', ['zyxco']],
    // "Harbor", an English word that waits everywhere, capitalized after a Dutch function word.
    ['language-nl.html', ['harbor-test', 'zyxco']],
  ],
  'confirm-dataset.json': [
    ['confirm.html', ['zyxco']],
    ['confirm-same.html', ['gap-test']],
    ['confirm-label.html', ['gap-test']],
    ['confirm-product.html', ['gap-test']],
    // A brand label in the page's language; a list whose items share their words but the brand;
    // a page saved in GBK, which the browser and `scan` both decode as its meta charset says.
    ['confirm-label-de.html', ['gap-test']],
    ['confirm-list.html', ['gap-test', 'quorvo', 'zyxco']],
    // A pickup point's row, table cells of their own, among other chains' rows, numbers aside.
    ['confirm-template.html', ['gap-test', 'quorvo', 'zyxco']],
    ['confirm-gbk.html', ['quorvo']],
    ['confirm-ko.html', ['zyxco']],
  ],
  // The bundled dataset: a name right after a <br> ("Dual Chip<br>Android"), which the content
  // script once read glued to the word before it.
  '../../../extension/data/default.json': [
    ['title-wrap.html', ['alphabet']],
  ],
};
let server;

before(async () => {
  // Always through cargo: a no-op when the binary is current, and never a stale one compared.
  execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  server = await serve(PAGES);
});
after(async () => { await server?.close(); });

// What `backstory scan` finds in the saved file: its hits' companies and its product data's.
function cliCompanies(dataset, file) {
  const out = JSON.parse(execFileSync(CLI, ['scan', '--json', '--dataset', join(PAGES, dataset), join(PAGES, file)], { encoding: 'utf8' }));
  return [...new Set([...out.hits, ...out.structured].map((h) => h.company))].sort();
}

// The companies the extension found on `file`: the findings of its new tab, once as many as
// expected are in (or 10 s) and the page's last pass has had time to report.
async function extensionCompanies(browser, file, expected) {
  const before = new Set(Object.keys(await readFindings(browser.worker)));
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}${file}`);
  const read = async () => Object.entries(await readFindings(browser.worker)).find(([tab]) => !before.has(tab))?.[1] ?? null;
  const end = Date.now() + 10000;
  let found = await read();
  while ((found?.companies?.length ?? 0) < expected.length && Date.now() < end) {
    await page.waitForTimeout(100);
    found = await read();
  }
  await page.waitForTimeout(500);
  found = await read();
  await page.close();
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  return (found?.companies ?? []).map((c) => c.id).sort();
}

for (const [dataset, pages] of Object.entries(CASES)) {
  describe(dataset, () => {
    let browser, ext;
    before(async () => {
      ext = await distWithDataset(join(PAGES, dataset), 'backstory-conformance-ext-');
      browser = await launch({ ext });
    });
    after(async () => { await browser?.close(); await rm(ext, { recursive: true, force: true }); });
    for (const [file, expected] of pages) {
      test(`${file}: the extension and backstory scan find ${expected.join(', ')}`, async () => {
        assert.deepEqual(cliCompanies(dataset, file), expected, 'backstory scan');
        assert.deepEqual(await extensionCompanies(browser, file, expected), expected, 'the extension');
      });
    }
  });
}
