// The network gate of scripts/lib/network-gate.mjs really catches the extension reaching out:
// a deliberate fetch to an outside host from the service worker, from an extension page and from
// the content script is each reported, and browser.close() then fails. Loopback stays allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';
import { contentWorld, launch } from '../../scripts/lib/browser.mjs';
import { isInside } from '../../scripts/lib/network-gate.mjs';

// .invalid never resolves (RFC 2606), and the browser resolves nothing but loopback anyway.
const OUTSIDE = 'https://backstory-gate-probe.invalid/';
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
// close() throws here by design (the last test proves it); the profile is removed before it throws.
after(async () => { await browser?.close().catch(() => {}); await server?.close(); });

const seen = (path) => browser.network.outside.some((r) => r.url === OUTSIDE + path);
async function until(check, what) {
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return;
  assert.fail(`not reported: ${what}; seen ${JSON.stringify(browser.network.outside)}`);
}

test('which URLs count as inside', () => {
  for (const u of ['chrome-extension://abc/extension/popup/popup.html', 'http://127.0.0.1:8123/', 'http://localhost/x', 'data:text/plain,x']) assert.ok(isInside(u), u);
  for (const u of ['https://example.com/', 'http://10.0.0.1/', 'https://127.0.0.1.example.com/', 'not a url']) assert.ok(!isInside(u), u);
});

test('a fetch from the service worker is caught', async () => {
  await browser.worker.evaluate((url) => fetch(url).catch(() => {}), OUTSIDE + 'worker');
  await until(() => seen('worker'), 'service worker fetch');
});

test('a fetch from an extension page is caught', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  await page.evaluate((url) => fetch(url).catch(() => {}), OUTSIDE + 'popup');
  await until(() => seen('popup'), 'extension page fetch');
  await page.close();
});

test('a fetch from the content script is caught, while the loopback test server is not', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  const world = await contentWorld(page, browser.extensionId);
  await world.evaluate(
    `Promise.all([fetch(${JSON.stringify(OUTSIDE + 'content')}).catch(() => {}), fetch(${JSON.stringify(server.url + 'shop.css')})]).then(() => null)`);
  await until(() => seen('content'), 'content script fetch');
  assert.ok(browser.network.outside.every((r) => !r.url.startsWith(server.url)), 'the loopback test server was reported');
  await world.cdp.detach();
  await page.close();
});

test('close() fails and names every outside request', async () => {
  assert.throws(() => browser.network.check(), (e) => ['worker', 'popup', 'content'].every((p) => e.message.includes(OUTSIDE + p)));
});
