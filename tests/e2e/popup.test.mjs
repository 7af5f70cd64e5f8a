// End-to-end: the toolbar popup (opened as a tab) searches the dataset through the background.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../../scripts/lib/browser.mjs';

let browser, page;
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
});
after(async () => { await browser?.close(); });

test('typing "ring" in the labelled search box lists Amazon', async () => {
  await page.getByRole('searchbox', { name: /search companies/i }).fill('ring');
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('button').first();
  await result.waitFor({ timeout: 10000 });
  assert.match(await result.textContent(), /^Amazon/);
  assert.match(await page.locator('#status').textContent(), /result/);
});

test('choosing a result shows the company with an https profile link', async () => {
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().click();
  const link = page.locator('#details').getByRole('link', { name: 'Read the profile' });
  await link.waitFor({ timeout: 5000 });
  assert.equal(await link.getAttribute('href'), 'https://investigate.info/company/amazon');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
});

test('the dataset line and the on/off switch work', async () => {
  await page.locator('#dataset').filter({ hasText: 'Dataset:' }).waitFor({ timeout: 5000 });
  const toggle = page.getByRole('checkbox', { name: /show badges/i });
  assert.equal(await toggle.isChecked(), true);
  await toggle.uncheck();
  const stored = await browser.worker.evaluate(async () => (await chrome.storage.local.get('enabled')).enabled);
  assert.equal(stored, false);
  await toggle.check();
});

test('no search results for nonsense, and an empty query clears the list', async () => {
  const box = page.getByRole('searchbox', { name: /search companies/i });
  await box.fill('zzzqqqxx');
  await page.locator('#status').filter({ hasText: 'No match' }).waitFor({ timeout: 5000 });
  await box.fill('');
  assert.equal(await page.locator('#results li').count(), 0);
});
