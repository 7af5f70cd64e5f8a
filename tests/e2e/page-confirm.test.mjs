// End-to-end, the `confirm: page` rule in a real browser: a copy of dist/chromium whose bundled
// dataset (tests/fixtures/pages/confirm-dataset.json, synthetic) has "Gap" as a name that counts
// only where the page names its company otherwise. The content script must hold the word back,
// then badge it once a later change to the page names the company: the rule spans batches and
// passes, which is why the page, not the engine, applies it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { distWithDataset, launch, waitForFindings, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const aliasOf = (b) => b.title.split(':').slice(0, -1).join(':');
let server, browser, ext, page, problems;

before(async () => {
  ext = await distWithDataset(join(PAGES, 'confirm-dataset.json'), 'backstory-confirm-ext-');
  server = await serve(PAGES);
  browser = await launch({ ext });
  page = await browser.context.newPage();
  problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}confirm.html`);
});
after(async () => { await browser?.close(); await server?.close(); await rm(ext, { recursive: true, force: true }); });

test('"Gap" alone is held back while another company on the page is badged', async () => {
  const o = await waitForOverlay(page, (x) => x.badges.some((b) => b.box));
  const f = await waitForFindings(browser.worker, (x) => x.companies?.length >= 1);
  assert.deepEqual(o.badges.map(aliasOf), ['Zyxco']);
  assert.deepEqual(f.companies.map((c) => c.id), ['zyxco']);
});

test('once the page names Gap Test Inc., the held "Gap" is badged too', async () => {
  await page.evaluate(() => { document.getElementById('later').textContent = 'Annual report of Gap Test Inc.'; });
  const o = await waitForOverlay(page, (x) => x.badges.filter((b) => b.box).length === 3);
  assert.deepEqual(o.badges.map(aliasOf).sort(), ['Gap', 'Gap Test Inc.', 'Zyxco']);
  const f = await waitForFindings(browser.worker, (x) => x.companies?.length === 2);
  assert.deepEqual(f.companies.map((c) => c.id).sort(), ['gap-test', 'zyxco']);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
});

test('in one block, the name that confirms is not lost behind the one that waits', async () => {
  // One badge per company per block: the first hit in the block is "Gap", which waits; the
  // company must still count as named by "Gap Test Inc." beside it.
  await page.goto(`${server.url}confirm-same.html`);
  const o = await waitForOverlay(page, (x) => x.badges.some((b) => b.box));
  const f = await waitForFindings(browser.worker, (x) => x.companies?.some((c) => c.id === 'gap-test'));
  assert.equal(o.badges.length, 1);
  assert.ok(f.companies?.some((c) => c.id === 'gap-test'), JSON.stringify(f));
});

test('a brand stated in structured data confirms the names that wait for the page', async () => {
  await page.goto(`${server.url}confirm-product.html`);
  const o = await waitForOverlay(page, (x) => x.badges.filter((b) => b.box).length === 2);
  assert.deepEqual(o.badges.map(aliasOf).sort(), ['Gap', 'Gap Test Inc.']);
});

test('a brand label ("Brand:" in item specifics) names the company, and the title\'s name is badged too', async () => {
  await page.goto(`${server.url}confirm-label.html`);
  const o = await waitForOverlay(page, (x) => x.badges.filter((b) => b.box).length === 2);
  assert.deepEqual(o.badges.map(aliasOf), ['Gap', 'Gap']);
  const f = await waitForFindings(browser.worker, (x) => x.companies?.some((c) => c.id === 'gap-test'));
  assert.deepEqual(f.companies.map((c) => c.id), ['gap-test']);
});
