// End-to-end, pages that change under the extension: a React 18 server-rendered page that hydrates
// after the badges are drawn (React from npm), an infinite-scroll page (50 tiles, twenty times), and
// a client-side route change. No hydration warnings, the app still works, findings follow the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch, readOverlay, waitForFindings, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

const require = createRequire(import.meta.url);
const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const aliasOf = (b) => b.title.split(':').slice(0, -1).join(':');
const visible = (o) => o.badges.filter((b) => b.box);
let server, browser;

before(async () => {
  server = await serve(PAGES);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

// Renders the app with react-dom/server and serves React's own UMD builds (development builds, so
// that every hydration mismatch is reported on the console).
async function reactServer() {
  const React = require('react');
  const { renderToString } = require('react-dom/server');
  const { makeApp } = require('../fixtures/pages/react/app.js');
  const items = ['Zappos trail shoes', 'Xbox Series X console', 'Whole Foods Market coffee', 'Plain notebook'];
  const markup = renderToString(React.createElement(makeApp(React), { items }));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="/app.js"><title>React shop</title>
<script type="application/json" id="items">${JSON.stringify(items)}</script></head>
<body><div id="root">${markup}</div>
<script src="/react.js"></script><script src="/react-dom.js"></script><script src="/app.js"></script><script src="/boot.js"></script></body></html>`;
  // The UMD builds are not in the packages' "exports" map; find them beside package.json.
  const pkgDir = (name) => require.resolve(`${name}/package.json`).slice(0, -'package.json'.length);
  const files = {
    '/react.js': `${pkgDir('react')}umd/react.development.js`,
    '/react-dom.js': `${pkgDir('react-dom')}umd/react-dom.development.js`,
    '/app.js': `${PAGES}react/app.js`,
    '/boot.js': `${PAGES}react/boot.js`,
  };
  const srv = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html); return; }
    if (!files[path]) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(files[path]));
  });
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${srv.address().port}/`, close: () => new Promise((ok) => { srv.close(ok); srv.closeAllConnections(); }) };
}

test('React 18 server-rendered page hydrates with zero warnings and stays interactive', async () => {
  const app = await reactServer();
  try {
    const page = await browser.context.newPage();
    const problems = watchPage(page, app.url.slice(0, -1));
    await page.goto(app.url);
    const before = await waitForOverlay(page, (o) => visible(o).length >= 3);
    assert.deepEqual(before.badges.map(aliasOf).sort(), ['Whole Foods Market', 'Xbox Series X', 'Zappos']);
    // Hydration runs over the DOM the extension has already scanned and badged.
    await page.evaluate(() => window.hydrateNow());
    await page.waitForFunction(() => window.hydrated === true);
    await page.click('#inc');
    await page.click('#inc');
    await page.waitForFunction(() => document.getElementById('inc').textContent === 'Clicked 2 times');
    const afterHydration = await readOverlay(page);
    assert.deepEqual(afterHydration.badges.map(aliasOf).sort(), ['Whole Foods Market', 'Xbox Series X', 'Zappos']);
    assert.equal(afterHydration.hosts.length, 1);
    assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
    await page.close();
  } finally { await app.close(); }
});

test('infinite scroll: 20 loads of 50 tiles are all counted, badges stop at the page cap', async () => {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}infinite.html`);
  await page.waitForFunction(() => typeof window.loadMore === 'function');
  for (let i = 1; i <= 20; i++) {
    await page.evaluate(() => window.loadMore());
    // Every fifth tile names Zappos: ten more findings per load, each seen before the next load.
    const f = await waitForFindings(browser.worker, (x) => x.host === '127.0.0.1' && x.total === 10 * i && x.companies.length === 1);
    assert.ok(!f.timeout, `load ${i}: ${JSON.stringify(f).slice(0, 400)}`);
  }
  const f = await waitForFindings(browser.worker, (x) => x.total === 200);
  assert.equal(f.companies[0].id, 'amazon');
  assert.deepEqual(f.companies[0].matches, [{ alias: 'Zappos', kind: 'brand', brand: 'Zappos', count: 200, quiet: 0 }]);
  assert.equal(f.capped, 50, 'badges beyond the cap of 150 are counted as capped');
  const o = await readOverlay(page);
  assert.equal(o.badges.length, 150);
  assert.equal(o.hosts.length, 1);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  await page.close();
});

test('a client-side route change resets the page\'s findings and badges', async () => {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}route.html?view=a`);
  const a = await waitForOverlay(page, (o) => visible(o).length >= 1);
  assert.deepEqual(a.badges.map(aliasOf), ['Xbox Series X']);
  await waitForFindings(browser.worker, (x) => x.companies?.length === 1 && x.companies[0].id === 'microsoft');
  await page.click('#to-b'); // history.pushState, no page load
  const b = await waitForOverlay(page, (o) => o.badges.length === 1 && aliasOf(o.badges[0]) === 'Fitbit Charge');
  assert.deepEqual(b.badges.map(aliasOf), ['Fitbit Charge']);
  const fb = await waitForFindings(browser.worker, (x) => x.companies?.length === 1 && x.companies[0].id === 'alphabet');
  assert.equal(fb.total, 1, JSON.stringify(fb));
  await page.goBack(); // popstate
  const back = await waitForOverlay(page, (o) => o.badges.length === 1 && aliasOf(o.badges[0]) === 'Xbox Series X');
  assert.deepEqual(back.badges.map(aliasOf), ['Xbox Series X']);
  const fa = await waitForFindings(browser.worker, (x) => x.companies?.length === 1 && x.companies[0].id === 'microsoft');
  assert.equal(fa.total, 1);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  await page.close();
});
