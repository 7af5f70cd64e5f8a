// The page's language in a real browser, and the same answer on both paths: a synthetic dataset
// (tests/fixtures/pages/language-dataset.json) names a jeweller "Tous", an ordinary French word
// (`word_in`). On a French page the extension holds it back, on a Spanish one it is the jeweller,
// and on a page that declares no language the judge tells French from the text. For every page
// here, the companies the extension finds are the companies `backstory scan` finds in the saved
// file (src/detect.rs, src/judge.rs: one judge for both).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { distWithDataset, launch, readFindings, watchPage } from '../../scripts/lib/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGES = join(ROOT, 'tests/fixtures/pages');
const DATASET = join(PAGES, 'language-dataset.json');
const CLI = join(ROOT, 'target/debug/backstory');
let server, browser, ext;

before(async () => {
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  ext = await distWithDataset(DATASET, 'backstory-language-ext-');
  server = await serve(PAGES);
  browser = await launch({ ext });
});
after(async () => { await browser?.close(); await server?.close(); await rm(ext, { recursive: true, force: true }); });

// The companies the extension found on `file`: the findings of its new tab, once the company every
// page names (Zyxco) is in and the page's last pass has had time to report.
async function extensionCompanies(file) {
  const before = new Set(Object.keys(await readFindings(browser.worker)));
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}${file}`);
  const read = async () => Object.entries(await readFindings(browser.worker)).find(([tab]) => !before.has(tab))?.[1] ?? null;
  const end = Date.now() + 10000;
  let found = await read();
  while (!found?.companies?.some((c) => c.id === 'zyxco') && Date.now() < end) {
    await page.waitForTimeout(100);
    found = await read();
  }
  await page.waitForTimeout(500);
  found = await read();
  await page.close();
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  return (found?.companies ?? []).map((c) => c.id).sort();
}

function cliCompanies(file) {
  const out = execFileSync(CLI, ['scan', '--json', '--dataset', DATASET, join(PAGES, file)], { encoding: 'utf8' });
  return [...new Set(JSON.parse(out).hits.map((h) => h.company))].sort();
}

for (const [file, expected] of [
  ['language-fr.html', ['zyxco']],
  ['language-es.html', ['tous-test', 'zyxco']],
  ['language-undeclared.html', ['zyxco']],
]) {
  test(`${file}: the extension and backstory scan find ${expected.join(', ')}`, async () => {
    assert.deepEqual(cliCompanies(file), expected, 'backstory scan');
    assert.deepEqual(await extensionCompanies(file), expected, 'the extension');
  });
}
