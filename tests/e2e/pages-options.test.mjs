// End-to-end: the options page — display mode, categories, paused sites and hidden matches written
// to the shared settings; the dataset in use; loading a dataset file (a refused one keeps the old
// dataset working, an accepted one is used after a restart); axe in light and dark.
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/serve.mjs';
import { axeBothSchemes, COOP_DATASET, send } from './pages-lib.mjs';

let browser, page;
const url = (path) => `chrome-extension://${browser.extensionId}/extension/${path}`;
const settings = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? {});
async function until(check, what) {
  const end = Date.now() + 10000;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(url('options/options.html'));
  await page.locator('#categories li').first().waitFor({ timeout: 10000 });
});
after(async () => { await browser?.close(); });

test('display mode: the default is checked and a choice is stored', async () => {
  assert.equal(await page.getByRole('radio', { name: 'Badges, and the name underlined' }).isChecked(), true);
  await page.getByRole('radio', { name: 'Badges only' }).check();
  await until(async () => (await settings()).display === 'badges', 'display = badges');
  await page.getByRole('radio', { name: /One notice per page/ }).check();
  await until(async () => (await settings()).display === 'notice', 'display = notice');
});

test('categories can be hidden and shown again', async () => {
  const surveillance = page.getByRole('checkbox', { name: 'Surveillance' });
  assert.equal(await page.locator('#categories input[type="checkbox"]').count(), 5);
  assert.equal(await surveillance.isChecked(), true);
  await surveillance.uncheck();
  await until(async () => (await settings()).hiddenCategories?.join() === 'surveillance', 'surveillance hidden');
  await surveillance.check();
  await until(async () => (await settings()).hiddenCategories?.length === 0, 'no category hidden');
});

test('paused sites and hidden matches are listed and each can be removed', async () => {
  await browser.worker.evaluate(async () => {
    const { settings = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings,
      pausedSites: ['shop.example', 'other.example'],
      hiddenMatches: [{ host: 'shop.example', company: 'amazon', alias: 'Ring' }] } });
  });
  const paused = page.locator('#paused-sites li');
  await until(async () => (await paused.count()) === 2, 'two paused sites listed');
  await page.getByRole('button', { name: 'Remove shop.example from paused sites' }).click();
  await until(async () => (await settings()).pausedSites?.join() === 'other.example', 'shop.example removed');
  assert.equal(await paused.count(), 1);
  const hidden = page.locator('#hidden-matches li');
  assert.match(await hidden.first().textContent(), /“Ring” \(Amazon\) on shop\.example/);
  await page.getByRole('button', { name: /^Show again: “Ring”/ }).click();
  await until(async () => (await settings()).hiddenMatches?.length === 0, 'hidden match removed');
  assert.equal(await page.locator('#hidden-empty').isVisible(), true);
  // Removing must keep the other fields of the shared object.
  assert.equal((await settings()).display, 'notice');
});

test('keyboard: ticking a category or removing a row keeps the focus in its place', async () => {
  // Every settings change re-rendered the lists, and the focused control went with them (to <body>).
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a.dataset.category ?? a.getAttribute('aria-label') ?? a.id ?? a.localName;
  });
  await page.getByRole('checkbox', { name: 'Prisons and policing' }).focus();
  await page.keyboard.press('Space');
  await until(async () => (await settings()).hiddenCategories?.join() === 'prisons-policing', 'prisons hidden');
  await new Promise((r) => setTimeout(r, 200)); // the storage listener has re-rendered
  assert.equal(await focused(), 'prisons-policing');
  await page.keyboard.press('Space');
  await until(async () => (await settings()).hiddenCategories?.length === 0, 'no category hidden');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(await focused(), 'prisons-policing');

  await browser.worker.evaluate(async () => {
    const { settings = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, pausedSites: ['a.example', 'b.example'] } });
  });
  await until(async () => (await page.locator('#paused-sites li').count()) === 2, 'two paused sites listed');
  await page.getByRole('button', { name: 'Remove a.example from paused sites' }).focus();
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('#paused-sites li').count()) === 1, 'a.example removed');
  assert.equal(await focused(), 'Remove b.example from paused sites');
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('#paused-sites li').count()) === 0, 'b.example removed');
  assert.equal(await focused(), 'paused-empty');
});

test('the update form: laid out like the other fields, and no access is asked for an address that would be refused', async () => {
  // The address field was left unstyled: another font and border, and wider than a phone's screen.
  await page.setViewportSize({ width: 360, height: 800 });
  try {
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
    const box = (id) => page.locator(id).evaluate((e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return [r.width, s.fontSize, s.borderTopColor]; });
    assert.deepEqual(await box('#updates-url'), await box('#updates-key'));
  } finally {
    await page.setViewportSize({ width: 1200, height: 900 });
  }
  // With no subscription, "Check now" is disabled, and looks it.
  assert.equal(await page.getByRole('button', { name: 'Check now' }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Check now' }).evaluate((b) => getComputedStyle(b).cursor), 'not-allowed');

  await page.evaluate(() => { globalThis.asked = []; chrome.permissions.request = async (p) => { globalThis.asked.push(p); return true; }; });
  try {
    await page.getByLabel('Address of the list (https://…)').fill('http://lists.example.org/list.json');
    await page.getByLabel("Publisher's public key (minisign)").fill('RWQ');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.locator('#updates-result').filter({ hasText: 'Not subscribed: the address must start with https://.' }).waitFor({ timeout: 5000 });
    assert.deepEqual(await page.evaluate(() => globalThis.asked), []);
  } finally {
    await page.reload(); // the real chrome.permissions again
    await page.locator('#categories li').first().waitFor({ timeout: 10000 });
  }
});

test('a file refused for its size can be chosen again', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
  await page.locator('#dataset-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: big });
  await page.locator('#load-summary').filter({ hasText: 'big.json was not loaded' }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('#load-problems').textContent(), /larger than 5,242,880 characters/, 'the limit is written as people read numbers');
  // A kept value means the same file, made smaller, fires no change and is never checked.
  assert.equal(await page.locator('#dataset-file').inputValue(), '');
});

test('the dataset in use is described', async () => {
  const facts = await page.locator('#dataset-info').textContent();
  assert.match(facts, /Backstory default dataset/);
  assert.match(facts, /Version3/);
  // The counts of the bundled file itself, so adding brands to the dataset does not break the test.
  const bundled = JSON.parse(readFileSync(new URL('../../extension/data/default.json', import.meta.url), 'utf8'));
  assert.match(facts, new RegExp(`${bundled.companies.length} companies, ${bundled.brands.length} brands`));
  assert.match(facts, /Bundled with Backstory/);
});

// Scans text through the background engine from the check-a-list page, as a user would.
async function companiesNamedIn(text) {
  const p = await browser.context.newPage();
  await p.goto(url('check/check.html'));
  await p.getByRole('textbox', { name: 'Text to check' }).fill(text);
  await p.getByRole('button', { name: 'Check' }).click();
  await p.locator('#check-status').filter({ hasText: /named/ }).waitFor({ timeout: 10000 });
  const names = await p.locator('#check-results > li .head a').allTextContents();
  await p.close();
  return names;
}

test('a refused dataset file lists every problem precisely and the old dataset keeps working', async () => {
  const bad = structuredClone(COOP_DATASET);
  bad.companies[1].parent = 'no-such-company';
  bad.brands[1].owners[0].share = 160;
  bad.categories[0].color = 'red';
  await page.locator('#dataset-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.locator('#load-summary').filter({ hasText: 'was not loaded' }).waitFor({ timeout: 10000 });
  const summary = await page.locator('#load-summary').textContent();
  const problems = await page.locator('#load-problems li').allTextContents();
  assert.match(summary, /^broken\.json was not loaded\. 4 problems: Still in use: Backstory default dataset, version 3\.$/);
  assert.deepEqual(problems, [
    'error: $.categories[0].color: "red" is not #rrggbb',
    'error: $.companies[1].parent: no company has id "no-such-company"',
    'error: $.brands[1].owners[0].share: must be a percentage above 0 and at most 100',
    'error: $.brands[1].owners: shares add up to 200%',
  ]);
  assert.deepEqual(await axeBothSchemes(page), []);

  const syntax = '{"format": "backstory-dataset",\n "format_version": 1,,}';
  await page.locator('#dataset-file').setInputFiles({ name: 'syntax.json', mimeType: 'application/json', buffer: Buffer.from(syntax) });
  await page.locator('#load-summary').filter({ hasText: 'syntax.json was not loaded. 1 problem' }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('#load-problems li').first().textContent(), /line 2/);

  assert.deepEqual(await companiesNamedIn('Ring doorbell, Whole Foods Market, Crunchos'), ['Amazon']);
  assert.match(await page.locator('#dataset-info').textContent(), /Bundled with Backstory/);
});

test('an accepted dataset file is used at once, kept across a restart, and can be undone', async () => {
  await page.locator('#dataset-file').setInputFiles({ name: 'coop.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(COOP_DATASET)) });
  await page.locator('#load-summary').filter({ hasText: 'Loaded: Test co-op list, version 7' }).waitFor({ timeout: 10000 });
  await page.locator('#dataset-info').filter({ hasText: 'Loaded from the file coop.json' }).waitFor({ timeout: 5000 });
  assert.deepEqual((await companiesNamedIn('Crunchos and Zestora; Ring doorbell')).sort(), ['Acme Foods', 'Acme Holdings']);
  assert.deepEqual(await page.locator('#categories label').allTextContents(), ['Weapons']);

  // Stop the background worker: the next message starts a new one, which must build its engine
  // from the stored file. The marker proves it is a new worker.
  await browser.worker.evaluate(() => { globalThis.testMarker = 'old worker'; });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.reload();
  await page.locator('#dataset-info').filter({ hasText: 'Test co-op list' }).waitFor({ timeout: 10000 });
  assert.equal((await send(page, { type: 'info' })).info.id, 'test-coop');
  assert.equal(await browser.worker.evaluate(() => globalThis.testMarker ?? null), null);
  await cdp.detach();

  await page.getByRole('button', { name: 'Use the bundled dataset again' }).click();
  await page.locator('#dataset-info').filter({ hasText: 'Bundled with Backstory' }).waitFor({ timeout: 10000 });
  assert.equal(await page.getByRole('button', { name: 'Use the bundled dataset again' }).isVisible(), false);
  assert.deepEqual(await companiesNamedIn('Crunchos and Ring doorbell'), ['Amazon']);
});

test('a content script cannot load or reset a dataset', async () => {
  // A content script runs inside a possibly hostile page; it is asked through its own isolated world.
  const server = await serve();
  const shop = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(shop);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${browser.extensionId}`) worlds.push(context.id);
  });
  await cdp.send('Runtime.enable');
  await shop.goto(server.url);
  await until(async () => worlds.length > 0, "the content script's world");
  const ask = async (message) => (await cdp.send('Runtime.evaluate', {
    expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`, contextId: worlds.at(-1), awaitPromise: true, returnByValue: true,
  })).result.value;
  assert.deepEqual(await ask({ type: 'loadDataset', json: JSON.stringify(COOP_DATASET) }), { ok: false, error: 'sender not allowed' });
  assert.deepEqual(await ask({ type: 'resetDataset' }), { ok: false, error: 'sender not allowed' });
  assert.equal((await send(page, { type: 'info' })).info.id, 'backstory-default');
  await shop.close();
  await server.close();
});

test('axe: options in light and dark', async () => {
  assert.deepEqual(await axeBothSchemes(page), []);
});
