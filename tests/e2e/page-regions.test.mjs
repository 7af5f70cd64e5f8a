// End-to-end, where badges go on a shop page (tests/fixtures/pages/regions.html): on the product and
// its content, not in menus, footers or on buttons unless the user asks for all; never on the page's
// text; not over a cookie banner that covers the mention, and back once the banner closes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch, readOverlay, waitForFindings, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
let server, browser;
before(async () => { server = await serve(PAGES); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const shown = (o) => o.badges.filter((b) => b.box).map((b) => b.title.split(':').pop().trim()).sort();
const overlapsAny = (box, rects) => rects.some((r) => Math.min(box.x + box.width, r.right) - Math.max(box.x, r.left) > 0.5 && Math.min(box.y + box.height, r.bottom) - Math.max(box.y, r.top) > 0.5);
// Every line box of the page's text, outside our overlay.
const textRects = (page) => page.evaluate(() => {
  const out = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const r = document.createRange();
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (!n.data.trim()) continue;
    r.selectNodeContents(n);
    for (const x of r.getClientRects()) out.push({ left: x.left, top: x.top, right: x.right, bottom: x.bottom, text: n.data.slice(0, 30) });
  }
  return out;
});

test('quiet by default: badges on the product and its content only; menus, footer and buttons are listed', async () => {
  // Found on real pages: footer Facebook links badged on 17 of 38 pages, PayPal on payment buttons.
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}regions.html`);
  const o = await waitForOverlay(page, (x) => shown(x).length >= 3);
  await page.waitForTimeout(500);
  assert.deepEqual(shown(await readOverlay(page)), ['Alphabet', 'Amazon', 'Tyson Foods'], 'Fitbit (title), Zappos (description), Tyson Foods');
  const f = await waitForFindings(browser.worker, (x) => x.companies?.some((c) => c.id === 'paypal'));
  const quiet = Object.fromEntries(f.companies.map((c) => [c.id, [c.count, c.quiet]]));
  assert.deepEqual(quiet.paypal, [1, 1], 'the payment button is listed, not badged');
  assert.deepEqual(quiet.microsoft, [1, 1], 'the menu is listed, not badged');
  assert.equal(quiet.meta?.[1], quiet.meta?.[0], 'the footer\'s social links are listed, not badged');
  assert.ok(quiet.meta?.[0] >= 1);
  // Found on real pages (allegro.pl): a row of the site's social profiles whose classes are hashed.
  assert.equal(quiet.meta?.[0], 2, 'the footer link and the social row\'s "Share on Facebook"');
  assert.deepEqual(quiet.alphabet, [2, 1], 'the site\'s YouTube profile (schema.org sameAs) is listed, not badged');
  // No badge on any glyph of the page, however long the phrase after the mention.
  const rects = await textRects(page);
  for (const b of o.badges.filter((x) => x.box)) assert.ok(!overlapsAny(b.box, rects), `${b.title} covers text at ${JSON.stringify(b.box)}`);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  await page.close();
});

test('a mention under a cookie banner gets no badge until the banner closes', async () => {
  // Found on real pages: badges drawn on top of a cookie banner, as loose circles with no word.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}regions.html`);
  await waitForOverlay(page, (x) => shown(x).length >= 3);
  await page.waitForTimeout(500);
  const before = await readOverlay(page);
  const review = before.badges.find((b) => /^Whole Foods Market:/.test(b.title));
  assert.ok(review, 'the covered mention is found and counted');
  assert.equal(review.box, null, 'no badge over the banner');
  await page.click('#accept');
  const after = await waitForOverlay(page, (x) => x.badges.some((b) => /^Whole Foods Market:/.test(b.title) && b.box), 5000);
  const badge = after.badges.find((b) => /^Whole Foods Market:/.test(b.title));
  assert.ok(badge.box, 'the badge shows once the banner is gone');
  assert.ok(!overlapsAny(badge.box, await textRects(page)));
  await page.close();
});

test('"Badges in menus, footers and buttons too" badges every mention', async () => {
  await browser.worker.evaluate(() => chrome.storage.local.set({ settings: { showAll: true } }));
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}regions.html`);
    const o = await waitForOverlay(page, (x) => shown(x).includes('PayPal') && shown(x).includes('Microsoft'), 8000);
    assert.ok(shown(o).includes('Meta Platforms') || shown(o).includes('Meta'), shown(o).join());
    await page.close();
  } finally {
    await browser.worker.evaluate(() => chrome.storage.local.remove('settings'));
  }
});
