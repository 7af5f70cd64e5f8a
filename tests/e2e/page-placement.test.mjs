// End-to-end, where badges go in two layouts found on real shop pages (tests/fixtures/pages/
// placement.html): a name only in the title of an inline link that wraps a product tile is badged
// at the tile's top corner, not down by its caption; a badge never covers text that is laid out
// beside its mention from elsewhere in the document, or that shows through a transparent box over it;
// a name in a large wrapping product title with no free spot around it is badged at the title's end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
let server, browser;
before(async () => { server = await serve(PAGES); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const drawn = (o, title) => o.badges.find((b) => title.test(b.title) && b.box);
const overlaps = (box, r) => Math.min(box.x + box.width, r.right) - Math.max(box.x, r.left) > 0.5 && Math.min(box.y + box.height, r.bottom) - Math.max(box.y, r.top) > 0.5;
// The box of an element's whole contents, and the line boxes of an element's text.
const contentBox = (page, id) => page.evaluate((id) => {
  const r = document.createRange();
  r.selectNodeContents(document.getElementById(id));
  const b = r.getBoundingClientRect();
  return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
}, id);
const textBoxes = (page, id) => page.evaluate((id) => {
  const r = document.createRange();
  r.selectNodeContents(document.getElementById(id).firstChild);
  return [...r.getClientRects()].map((b) => ({ left: b.left, top: b.top, right: b.right, bottom: b.bottom }));
}, id);

// The badge titled `title` on `file`, once drawn and settled, covers no text of the elements `ids`.
async function assertClear(file, title, ids) {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}${file}`);
  const o = await waitForOverlay(page, (x) => Boolean(drawn(x, title)));
  await page.waitForTimeout(300);
  const badge = drawn(o, title).box;
  for (const id of ids) {
    for (const r of await textBoxes(page, id)) assert.ok(!overlaps(badge, r), `the badge ${JSON.stringify(badge)} covers text of #${id} at ${JSON.stringify(r)}`);
  }
  await page.close();
}

test('a name in the title of an inline link around a product tile: the badge is at the tile\'s top corner', async () => {
  // Found on real pages (amazon.fr, amazon.com carousels): "Windows 10" in a tile link's title was
  // badged 130 px down the tile, by its caption, where it read as the caption's badge.
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}placement.html`);
  const o = await waitForOverlay(page, (x) => Boolean(drawn(x, /^Windows 11:/)));
  const badge = drawn(o, /^Windows 11:/).box;
  const tile = await contentBox(page, 'tile-link');
  assert.ok(overlaps(badge, tile), `the badge ${JSON.stringify(badge)} is on the tile ${JSON.stringify(tile)}`);
  assert.ok(badge.y - tile.top <= 32, `at the tile's top, not ${Math.round(badge.y - tile.top)} px down it`);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  await page.close();
});

test('text laid out beside a mention from elsewhere in the document is never under its badge', async () => {
  // Found on a real page (allegro.pl): a badge after a footer link sat on the next column's heading,
  // which comes much later in the document than the link.
  await assertClear('placement.html', /^Zappos:/, ['beside', 'store']);
});

test('text seen through a transparent box laid over it is never under a badge', async () => {
  // Found on a real page in Firefox (amazon.com, 390 px): two reviews laid over each other; the
  // badge after "YouTube" sat on the letters of the review under the top one's transparent box,
  // where only the topmost element's text was looked at.
  await assertClear('placement.html', /^Sony:/, ['under', 'over']);
});

test('a name in a wrapping product title with no free spot around it is badged at the title\'s end', async () => {
  // Found on a real page (submarino.com.br, 390 px): "Android" starting the third line of a
  // five-line title had words after, above and below it and the window's edge before it, so it got
  // no badge at all, only its underline.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}title-wrap.html`);
  const o = await waitForOverlay(page, (x) => Boolean(drawn(x, /^Android:/)));
  await page.waitForTimeout(300);
  const badge = drawn(o, /^Android:/).box;
  const title = await contentBox(page, 'title');
  const near = Math.max(0, title.left - (badge.x + badge.width), badge.x - title.right, title.top - (badge.y + badge.height), badge.y - title.bottom);
  assert.ok(near <= 24, `the badge ${JSON.stringify(badge)} is at the title ${JSON.stringify(title)}`);
  const lines = await page.evaluate(() => {
    const r = document.createRange();
    r.selectNodeContents(document.getElementById('title'));
    return [...r.getClientRects()].map((b) => ({ left: b.left, top: b.top, right: b.right, bottom: b.bottom }));
  });
  for (const r of lines) assert.ok(!overlaps(badge, r), `the badge ${JSON.stringify(badge)} covers the title's text at ${JSON.stringify(r)}`);
  await page.close();
});
