// End-to-end: signed dataset updates in a packed extension. A local update server serves each
// failure the extension must refuse (each with its own status, the previous dataset still
// working), then a good update, whose new company the demo shop's badges follow.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, DIST, onOverlayElement, waitForOverlay } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/serve.mjs';
import { readSecretKey, signMinisign } from './lib/minisign.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'target/debug/backstory');
const BUNDLED = JSON.parse(readFileSync(join(ROOT, 'extension/data/default.json'), 'utf8'));

// What the update server answers next: {status, type, body, sig, hang, reset, etag}.
let answer = {};
let updateServer, shop, browser, extPage, dir, secret, stranger;

function dataset(version, extra = {}) {
  const d = structuredClone(BUNDLED);
  d.version = version;
  d.companies.push({
    id: 'corner-market', name: 'Corner Market', legal_name: 'Corner Market Test Fixture', categories: [],
    summary: 'A company added by the update tests.', as_of: '2025-01-01', sources: [{ title: 'Update test fixture', url: 'https://example.org/fixture' }],
  });
  return Object.assign(d, extra);
}
const comment = (d) => `backstory-dataset id=${d.id} version=${d.version}`;
function signed(d, key = secret, text = JSON.stringify(d)) {
  const body = Buffer.from(text);
  return { status: 200, type: 'application/json', body, sig: signMinisign(key, body, comment(d)) };
}

before(async () => {
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'backstory-updates-'));
  execFileSync(CLI, ['keygen', '-o', join(dir, 'keys')]);
  execFileSync(CLI, ['keygen', '-o', join(dir, 'stranger')]);
  secret = readSecretKey(join(dir, 'keys/backstory.key'));
  stranger = readSecretKey(join(dir, 'stranger/backstory.key'));
  updateServer = createServer((req, res) => {
    const a = answer;
    if (a.reset) { req.socket.destroy(); return; }
    if (a.hang) return; // never answers
    const isSig = req.url.endsWith('.minisig');
    if (!isSig && a.etag && req.headers['if-none-match'] === a.etag) { res.writeHead(304).end(); return; }
    const headers = { 'content-type': isSig ? 'text/plain' : a.type, ...(a.etag && !isSig ? { etag: a.etag } : {}) };
    res.writeHead(isSig ? (a.sig ? 200 : 404) : a.status, headers).end(isSig ? a.sig ?? '' : a.body);
  });
  await new Promise((ok) => updateServer.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${updateServer.address().port}/list.json`;
  execFileSync(CLI, ['pack', '--dataset', join(ROOT, 'extension/data/default.json'), '--name', 'Update Test', '--extension', DIST,
    '--update-url', url, '--public-key', join(dir, 'keys/backstory.pub'), '-o', join(dir, 'packed'),
    // The demo shop is served from 127.0.0.1: keep the test-only matches a store pack drops.
    '--for-testing', '--color', '#7c2d12']);
  shop = await serve();
  browser = await launch({ ext: join(dir, 'packed/update-test-chromium') });
  extPage = await browser.context.newPage();
  await extPage.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
});
after(async () => {
  updateServer?.closeAllConnections();
  updateServer?.close();
  await shop?.close();
  await browser?.close();
});

const send = (message) => extPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
async function checkNow() {
  const reply = await send({ type: 'checkNow' });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply.status;
}
async function assertStillVersion(version) {
  const reply = await send({ type: 'info' });
  assert.equal(reply.info.version, version);
  const search = await send({ type: 'search', query: 'ring' });
  assert.equal(search.results[0].company, 'amazon', 'the dataset in use still answers');
}

const refusals = [
  ['a server that resets the connection', () => ({ reset: true }), 'unreachable'],
  ['an HTML error page', () => ({ status: 500, type: 'text/html', body: '<!doctype html><h1>Bad gateway</h1>' }), 'http-error'],
  ['an HTML page served as the dataset', () => ({ status: 200, type: 'text/html', body: '<!doctype html><p>Sign in</p>', sig: 'x' }), 'not-a-dataset'],
  ['a file over 5 MB', () => ({ status: 200, type: 'application/json', body: Buffer.alloc(5 * 1024 * 1024 + 10, 32), sig: 'x' }), 'too-large'],
  ['a signature from another key', () => signed(dataset(5), stranger), 'signature-mismatch'],
  ['malformed JSON, correctly signed', () => signed(dataset(5), secret, '{"format": "backstory-dataset", "version": 5,'), 'malformed'],
  ['a schema-invalid dataset, correctly signed', () => signed(dataset(6, { categories: [] })), 'invalid'],
  ['an older version, correctly signed', () => signed(dataset(1)), 'not-newer'],
  // Issue 20: another list signed with the same key was applied, and its version 50 then blocked
  // the campaign's own versions up to 50 (the good update below is version 5).
  ['another list, correctly signed with the pinned key', () => signed(dataset(50, { id: 'another-list' })), 'other-list'],
];

for (const [name, make, code] of refusals) {
  test(`refuses ${name} with status "${code}" and keeps the dataset in use`, async () => {
    answer = make();
    const status = await checkNow();
    assert.equal(status.code, code, JSON.stringify(status));
    assert.ok(status.reason.length > 0);
    await assertStillVersion(BUNDLED.version);
  });
}

test('refuses a server that never answers with status "timeout"', { timeout: 60000 }, async () => {
  answer = { hang: true };
  const status = await checkNow();
  assert.equal(status.code, 'timeout');
  await assertStillVersion(BUNDLED.version);
});

test('applies a good update, and the badges follow the new dataset', async () => {
  answer = { ...signed(dataset(5)), etag: '"v5"' };
  const status = await checkNow();
  assert.equal(status.code, 'applied', JSON.stringify(status));
  await assertStillVersion(5);
  // The demo shop names Corner Market only in its header and footer, which get no badge by default.
  await browser.worker.evaluate(() => chrome.storage.local.set({ settings: { showAll: true } }));
  const page = await browser.context.newPage();
  await page.goto(shop.url);
  const overlay = await waitForOverlay(page, (o) => o.badges.some((b) => /Corner Market/.test(b.label)));
  await browser.worker.evaluate(() => chrome.storage.local.remove('settings'));
  assert.ok(overlay.badges.some((b) => /Corner Market/.test(b.label)), 'the new company is badged');
  await page.close();
});

test('asks again with the ETag and keeps the dataset when nothing changed', async () => {
  const status = await checkNow();
  assert.equal(status.code, 'not-modified', JSON.stringify(status));
  await assertStillVersion(5);
  const saved = await send({ type: 'updateStatus' });
  assert.equal(saved.status.lastSuccess, status.lastSuccess);
  assert.equal(saved.subscription.source, 'bundled');
});

test('options shows the subscription, the last result in plain words, and Check now runs a check', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  // The dataset in use came from the update (applied above), not from a file the user picked.
  const source = page.getByRole('region', { name: 'Dataset in use' }).getByText(/^Updated from /);
  await source.waitFor({ timeout: 5000 });
  assert.match(await source.textContent(), new RegExp(`^Updated from 127\\.0\\.0\\.1:${updateServer.address().port} on `));
  const section = page.getByRole('region', { name: 'Dataset updates' });
  await section.getByText(/set by the publisher of this extension/).waitFor({ timeout: 10000 });
  assert.match(await page.locator('#updates-subscription').textContent(), /127\.0\.0\.1:\d+\/list\.json/);
  assert.match(await page.locator('#updates-status').textContent(), /Up to date: the list has not changed\./);
  answer = { reset: true };
  await section.getByRole('button', { name: 'Check now' }).click();
  await page.locator('#updates-result').filter({ hasText: 'could not be reached' }).waitFor({ timeout: 30000 });
  // The status line is drawn from the stored result, a moment after the button's own result line.
  const failed = /Failed: the server could not be reached\. The list in use stays\./;
  await page.locator('#updates-status').filter({ hasText: failed }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('#updates-status').textContent(), failed);
  await assertStillVersion(5);
  await page.close();
});

test('options shows the version an update applied, as soon as Check now applied it', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  const version = page.locator('#dataset-info dt', { hasText: /^Version$/ }).locator('xpath=following-sibling::dd[1]');
  await version.filter({ hasText: /^5$/ }).waitFor({ timeout: 10000 });
  answer = signed(dataset(6));
  await page.getByRole('region', { name: 'Dataset updates' }).getByRole('button', { name: 'Check now' }).click();
  await page.locator('#updates-result').filter({ hasText: 'Updated' }).waitFor({ timeout: 30000 });
  // It said "Version 1, Bundled" here until the page was reloaded.
  await version.filter({ hasText: /^6$/ }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('#dataset-info').textContent(), /Updated from 127\.0\.0\.1/);
  await assertStillVersion(6);
  await page.close();
});

test('the packed --color is the accent of options and the popup', async () => {
  // Issue 20: --color was written to config.json and never read.
  for (const path of ['options/options.html', 'popup/popup.html']) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`chrome-extension://${browser.extensionId}/extension/${path}`);
    await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() === '#7c2d12', null, { timeout: 5000 });
    await page.close();
  }
  // And the toolbar count on a shop page.
  const shopPage = await browser.context.newPage();
  await shopPage.goto(shop.url);
  await waitForOverlay(shopPage, (o) => o.badges.length > 0);
  // The shop's tab is found by its findings (the packed extension has no "tabs" permission).
  const color = await browser.worker.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      const all = await chrome.storage.session.get(null);
      const key = Object.keys(all).find((k) => k.startsWith('findings:') && all[k].host === '127.0.0.1' && all[k].companies.length > 0);
      if (key) return chrome.action.getBadgeBackgroundColor({ tabId: Number(key.slice('findings:'.length)) });
      await new Promise((ok) => setTimeout(ok, 100));
    }
    return null;
  });
  assert.deepEqual(color, [124, 45, 18, 255]);
  // And the card on the page: its links and focus ring (badges keep their category's colour; a
  // company without one gets the accent too, by the same custom property).
  await shopPage.emulateMedia({ colorScheme: 'light' });
  await browser.worker.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    const key = Object.keys(all).find((k) => k.startsWith('findings:') && all[k].host === '127.0.0.1');
    await chrome.tabs.sendMessage(Number(key.slice('findings:'.length)), { type: 'cycleBadges' });
  });
  await shopPage.keyboard.press('Enter');
  await waitForOverlay(shopPage, (o) => o.cardText, 5000);
  assert.equal(await cardLinkColor(shopPage), 'rgb(124, 45, 18)');
  await shopPage.close();
});

// The colour of the open card's first link.
const cardLinkColor = (page) => onOverlayElement(page, 'bs-link', 'function () { return getComputedStyle(this).color; }');

test('a user can subscribe to another list by hand in options, and it is used from then on', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/options/options.html`);
  const section = page.getByRole('region', { name: 'Dataset updates' });
  // The packed extension already holds this origin, so the permission request needs no prompt.
  const ownList = `http://127.0.0.1:${updateServer.address().port}/own.json`;
  await section.getByLabel('Address of the list (https://…)').fill(ownList);
  await section.getByLabel("Publisher's public key (minisign)").fill('not a key');
  await section.getByRole('button', { name: 'Subscribe' }).click();
  await page.locator('#updates-result').filter({ hasText: "not a minisign public key. Copy the publisher's whole key" }).waitFor({ timeout: 10000 });
  const key = readFileSync(join(dir, 'keys/backstory.pub'), 'utf8');
  await section.getByLabel("Publisher's public key (minisign)").fill(key.trim().split('\n').pop());
  await section.getByRole('button', { name: 'Subscribe' }).click();
  await page.locator('#updates-result').filter({ hasText: 'Subscribed' }).waitFor({ timeout: 10000 });
  await section.getByText(/added by you/).waitFor({ timeout: 5000 });
  answer = signed(dataset(7));
  await section.getByRole('button', { name: 'Check now' }).click();
  await page.locator('#updates-result').filter({ hasText: 'Updated' }).waitFor({ timeout: 30000 });
  await assertStillVersion(7);
  const saved = await send({ type: 'updateStatus' });
  assert.equal(saved.subscription.source, 'user');
  assert.equal(saved.subscription.url, ownList);
  await section.getByRole('button', { name: 'Remove my subscription' }).click();
  await section.getByText(/set by the publisher of this extension/).waitFor({ timeout: 5000 });
  await page.close();
});

test('site access is given back when a subscription is refused or removed, and kept while something uses it', async () => {
  // A headless browser cannot click a permission prompt, so what the background asks to give back
  // is recorded in the worker (the packed extension's own origins are required ones anyway).
  await browser.worker.evaluate(() => {
    globalThis.released = [];
    chrome.permissions.remove = async (p) => { globalThis.released.push(...p.origins); return true; };
  });
  const released = () => browser.worker.evaluate(() => globalThis.released.splice(0));
  const key = readFileSync(join(dir, 'keys/backstory.pub'), 'utf8').trim().split('\n').pop();
  const organizer = `http://127.0.0.1:${updateServer.address().port}`;

  const refused = await send({ type: 'setSubscription', url: 'https://lists.example.org/list.json', public_key: 'not a key' });
  assert.equal(refused.code, 'bad-key');
  assert.deepEqual(await released(), ['https://lists.example.org/*'], 'the access asked for a refused list is given back');
  // The organizer's bundled list fetches from this origin: its access stays.
  await send({ type: 'setSubscription', url: `${organizer}/other.json`, public_key: 'not a key' });
  assert.deepEqual(await released(), []);

  // A list replacing another gives back the other's origin; removing it gives back its own.
  assert.equal((await send({ type: 'setSubscription', url: 'https://one.example.org/l.json', public_key: key })).saved, true);
  assert.equal((await send({ type: 'setSubscription', url: 'https://two.example.org/l.json', public_key: key })).saved, true);
  assert.deepEqual(await released(), ['https://one.example.org/*']);
  // A site added with "Check this site too" on the list's origin keeps it (the stored list of sites
  // is written directly: adding one for real needs the access granted first).
  await browser.worker.evaluate(() => chrome.storage.local.set({ sites: ['https://two.example.org'] }));
  assert.equal((await send({ type: 'removeSubscription' })).removed, true);
  assert.deepEqual(await released(), [], 'an added site still uses the origin');
  // And removing that site gives it back now that no list uses it.
  assert.equal((await send({ type: 'removeSite', origin: 'https://two.example.org' })).removed, true);
  assert.deepEqual(await released(), ['https://two.example.org/*']);
});
