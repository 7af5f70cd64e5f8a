// End-to-end: "check a list" — pasted text goes through the same engine as pages; every company it
// names is listed by brand, name or stock symbol, with what matched; keyboard submit; axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from '../../scripts/lib/browser.mjs';
import { axeBothSchemes } from './pages-lib.mjs';

let browser, page;
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/check/check.html`);
});
after(async () => { await browser?.close(); });

const box = () => page.getByRole('textbox', { name: 'Text to check' });
const rows = () => page.locator('#check-results > li');
const rowOf = (name) => rows().filter({ has: page.getByRole('link', { name, exact: true }) });

test('a shopping list and fund holdings: brands, names and stock symbols, grouped by company', async () => {
  assert.match(await page.locator('#check-hint').textContent(), /NASDAQ: AMZN, \$AMZN or AMZN\.O/);
  await box().fill([
    'Weekly shop', 'Whole Foods Market salad', 'Ring doorbell battery', 'ring binder (not a brand here)', '',
    'Fund holdings in my portfolio', 'NASDAQ: AMZN 120 shares', 'NYSE: CXW 40 shares', '$CAT 10 shares',
    'CAT toy for the kitten',
  ].join('\n'));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.locator('#check-status').filter({ hasText: 'companies are named' }).waitFor({ timeout: 10000 });
  assert.equal(await page.locator('#check-status').textContent(), '3 companies are named in this text.');
  assert.deepEqual(await page.locator('#check-results .head a').allTextContents(), ['Amazon', 'Caterpillar', 'CoreCivic']);
  const amazon = await rowOf('Amazon').locator('.matches li').allTextContents();
  assert.deepEqual(amazon.sort(), ['NASDAQ:AMZN (stock symbol) — written as AMZN', 'Ring (brand) — written as Ring doorbell', 'Whole Foods Market (brand)']);
  assert.match(await rowOf('Amazon').locator('.count').textContent(), /^3 mentions$/);
  assert.match(await rowOf('Caterpillar').textContent(), /\$CAT|CAT/);
  assert.equal(await rowOf('Caterpillar').locator('.count').textContent(), '1 mention'); // "CAT toy" does not count
  assert.equal(await rowOf('CoreCivic').getByRole('link').getAttribute('href'), '../profile/profile.html?company=corecivic');
  assert.deepEqual(await axeBothSchemes(page), []);
});

test('Ctrl+Enter checks from the keyboard; text naming nobody says so', async () => {
  await box().fill('Apples, bread and a ring binder');
  await box().press('Control+Enter');
  await page.locator('#check-status').filter({ hasText: 'No company' }).waitFor({ timeout: 10000 });
  assert.equal(await rows().count(), 0);
  await box().fill('   ');
  await box().press('Control+Enter');
  await page.locator('#check-status').filter({ hasText: 'Paste or type some text first.' }).waitFor({ timeout: 10000 });
});

test('names that wait for the text to confirm them are said, not dropped in silence', async () => {
  // A synthetic dataset (tests/fixtures/pages/confirm-dataset.json) where "Gap" has `confirm: page`.
  const json = readFileSync(new URL('../fixtures/pages/confirm-dataset.json', import.meta.url), 'utf8');
  const loaded = await page.evaluate((j) => chrome.runtime.sendMessage({ type: 'loadDataset', json: j, name: 'confirm-dataset.json' }), json);
  assert.ok(loaded?.ok, JSON.stringify(loaded));
  try {
    await box().fill('Gap jeans, Zyxco kettle');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('#check-status').filter({ hasText: '1 company is named' }).waitFor({ timeout: 10000 });
    assert.deepEqual(await page.locator('#check-results .head a').allTextContents(), ['Zyxco']);
    assert.match(await page.locator('#check-waiting').textContent(), /^Not counted: Gap\. /);
    await box().fill('Gap jeans by Gap Test Inc.');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.locator('#check-results .head a').filter({ hasText: 'Gap Test Inc.' }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('#check-waiting').isHidden(), true);
    assert.equal(await rowOf('Gap Test Inc.').locator('.count').textContent(), '2 mentions');
  } finally {
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'resetDataset' }));
  }
});

test('at a phone\'s width a long company name wraps, its count does not ("1" over "mention")', async () => {
  await page.setViewportSize({ width: 360, height: 800 });
  try {
    await box().fill('Hewlett Packard Enterprise servers');
    await page.getByRole('button', { name: 'Check' }).click();
    const count = rowOf('Hewlett Packard Enterprise').locator('.count');
    await count.waitFor({ timeout: 10000 });
    const [height, line] = await count.evaluate((e) => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]);
    assert.ok(height < line * 1.5, `the count takes ${height}px for a ${line}px line`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  } finally {
    await page.setViewportSize({ width: 1200, height: 900 });
  }
});
