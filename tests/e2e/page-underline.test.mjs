// End-to-end, the underline under a matched name (CSS Custom Highlight API): its ::highlight rule
// comes from extension/content/underline.css, injected with the content script, never from a sheet
// adopted into the page's document (that restyled the whole page: bench/README.md). Checked
// by what a shopper sees, the dotted teal line in a screenshot, on every way the script is injected:
// the manifest's content_scripts, and for a site added with "Check this site too" both the open
// tab (insertCSS + executeScript) and later loads (registerContentScripts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { DIST, launch, textRect, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const HIGHLIGHT = 'backstory-match'; // the name overlay.js registers and underline.css styles
const visible = (o) => o.badges.filter((b) => b.box);
let server;

before(async () => { server = await serve(PAGES); });
after(async () => { await server?.close(); });

// Pixels of the underline's colour (#0f766e, dotted and anti-aliased) under the text `needle`,
// from its start to 4 px before its end (the badge starts 1 px before the end) and down to 4 px
// below its box. The grid page's text is near-black and its links blue, so only the underline is
// teal there. The screenshot is decoded in a blank tab of the same browser (no PNG decoder here).
async function underlinePixels(browser, page, needle) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const r = await textRect(page, needle);
  assert.ok(r, `no text "${needle}" on the page`);
  const png = await page.screenshot({ clip: { x: r.x, y: r.y, width: r.width - 4, height: r.height + 4 } });
  const blank = await browser.context.newPage();
  try {
    return await blank.evaluate(async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 1] - d[i] > 40 && d[i + 2] - d[i] > 40 && d[i] < 160) n += 1;
      return n;
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

// What the page's own world can see of our styling: adopted sheets (none, ever) and whether a
// highlight of our name is registered (the registry is the document's, shared by every world).
const pageView = (page) => page.evaluate((name) => ({ adopted: document.adoptedStyleSheets.length, registered: CSS.highlights.has(name) }), HIGHLIGHT);

test('a matched name is underlined, and the page gets no adopted style sheet', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const problems = watchPage(page, server.url.slice(0, -1));
    await page.goto(`${server.url}grid.html`);
    await waitForOverlay(page, (o) => visible(o).length >= 6);
    for (const needle of ['Tyson Foods', 'Xbox Series X']) {
      const n = await underlinePixels(browser, page, needle);
      assert.ok(n >= 10, `"${needle}" is not underlined (${n} teal pixels)`);
    }
    // Unmatched text next to it is not: "Chicken nuggets" is the same tile's title.
    assert.equal(await underlinePixels(browser, page, 'Chicken nuggets'), 0);
    assert.deepEqual(await pageView(page), { adopted: 0, registered: true });

    // The setting "badges only" takes the underline away (the highlight is unregistered) and
    // leaves the badges; back on, it returns. Still no adopted sheet at any point.
    const setDisplay = (display) => browser.worker.evaluate((d) => chrome.storage.local.set({ settings: { display: d } }), display);
    await setDisplay('badges');
    await page.waitForFunction((name) => !CSS.highlights.has(name), HIGHLIGHT, { timeout: 10000 });
    await waitForOverlay(page, (o) => visible(o).length >= 6);
    assert.equal(await underlinePixels(browser, page, 'Tyson Foods'), 0, 'underline still drawn with the setting off');
    assert.deepEqual(await pageView(page), { adopted: 0, registered: false });
    await setDisplay('badges+underline');
    await page.waitForFunction((name) => CSS.highlights.has(name), HIGHLIGHT, { timeout: 10000 });
    assert.ok(await underlinePixels(browser, page, 'Tyson Foods') >= 10, 'underline not back with the setting on');
    assert.deepEqual(await pageView(page), { adopted: 0, registered: true });
    assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  } finally {
    await browser.close();
  }
});

test('strict CSP (style-src \'self\'): the underline is still drawn', async () => {
  const strict = await serve(PAGES, { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${strict.url}grid.html`);
    await waitForOverlay(page, (o) => visible(o).length >= 6);
    assert.ok(await underlinePixels(browser, page, 'Tyson Foods') >= 10, 'not underlined under a strict CSP');
    assert.deepEqual(await pageView(page), { adopted: 0, registered: true });
  } finally {
    await browser.close();
    await strict.close();
  }
});

// A copy of the built extension where http://localhost is not a curated site (so only "Check this
// site too" brings the content script there) and its host access is granted at install, as the
// user's click on the permission prompt would grant it (a headless test cannot click a prompt).
async function uncuratedLocalhost() {
  const dir = await mkdtemp(join(tmpdir(), 'backstory-added-site-'));
  cpSync(DIST, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  m.content_scripts[0].matches = m.content_scripts[0].matches.filter((p) => p !== 'http://localhost/*');
  m.host_permissions = ['http://localhost/*'];
  writeFileSync(file, JSON.stringify(m, null, 2));
  return dir;
}

test('a site added with "Check this site too": underlined in the open tab and on later loads', async () => {
  const ext = await uncuratedLocalhost();
  const browser = await launch({ ext });
  try {
    const origin = `http://localhost:${server.port}`;
    const open = await browser.context.newPage();
    await open.goto(`${origin}/grid.html`);
    const own = await browser.context.newPage(); // an extension page: addSite is refused from anywhere else
    await own.goto(`chrome-extension://${browser.extensionId}/extension/check/check.html`);
    const send = (m) => own.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
    assert.equal((await send({ type: 'siteStatus', origin })).curated, false, 'localhost is still curated in the test copy');
    assert.equal(visible(await waitForOverlay(open, () => false, 1500)).length, 0, 'the content script ran before the site was added');
    assert.deepEqual(await send({ type: 'addSite', origin }), { ok: true, added: true });

    // The tab that was already open: insertCSS, then executeScript.
    assert.ok(visible(await waitForOverlay(open, (o) => visible(o).length >= 6)).length >= 6, 'no badges in the open tab');
    await open.waitForFunction((name) => CSS.highlights.has(name), HIGHLIGHT, { timeout: 10000 });
    assert.ok(await underlinePixels(browser, open, 'Tyson Foods') >= 10, 'not underlined in the tab open when the site was added');
    assert.equal((await pageView(open)).adopted, 0);

    // A later load of the site: the registered content script brings the sheet too.
    const later = await browser.context.newPage();
    await later.goto(`${origin}/grid.html`);
    assert.ok(visible(await waitForOverlay(later, (o) => visible(o).length >= 6)).length >= 6, 'no badges on a later load');
    await later.waitForFunction((name) => CSS.highlights.has(name), HIGHLIGHT, { timeout: 10000 });
    assert.ok(await underlinePixels(browser, later, 'Tyson Foods') >= 10, 'not underlined on a later load of the added site');
    assert.deepEqual(await pageView(later), { adopted: 0, registered: true });
    const [registered] = await browser.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    assert.deepEqual(registered.css, ['extension/content/underline.css']);
  } finally {
    await browser.close();
    await rm(ext, { recursive: true, force: true });
  }
});
