// End-to-end, how page text reaches the matcher: names split over inline elements and the
// whitespace between them, text the walk must skip, and hidden text that must not be rescanned
// for ever. Pages are written by the test into a temporary folder and served from 127.0.0.1, so
// each case sits next to what it checks.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { contentWorld, launch, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';

let dir, server, browser;
const aliasOf = (b) => b.title.split(':').slice(0, -1).join(':');

const PAGES = {
  // Bug: one-character text nodes were dropped, the single space between two inline elements too,
  // so the matcher read "WholeFoodsMarket" and drew nothing here.
  'split.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>split</title>
<p id="split"><b>Whole</b> <b>Foods</b> <b>Market</b> coffee, sold by the pound.</p>
<p id="indented">
  <a href="#">Ring</a>
  <a href="#">Video</a>
  <a href="#">Doorbell</a>
</p>`,
  // Whitespace inside a skipped region still separates the words around it; the region's own
  // text (an editable box and a select) is never read.
  'skipped.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>skipped</title>
<p id="around">Zappos<select>
<option>Whole Foods Market</option></select>shoes</p>
<div contenteditable="true">Xbox Series X</div>
<p id="plain">Tyson Foods chicken</p>`,
  // Bug: a match under `visibility: hidden` was watched by an IntersectionObserver, which reports
  // such an element at once (it keeps its box), so its block was rescanned about 8 times a second
  // for as long as the page stayed open.
  'hidden.html': `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>hidden</title>
<p id="shown">Zappos shoes</p>
<div style="visibility: hidden">Sign up for news from Tyson Foods</div>
<div style="display: none">Whole Foods Market</div>`,
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backstory-text-'));
  for (const [name, html] of Object.entries(PAGES)) await writeFile(join(dir, name), html);
  server = await serve(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function badgesOf(file, count) {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(server.url + file);
  const overlay = await waitForOverlay(page, (o) => o.badges.filter((b) => b.box).length >= count);
  // Let a wrong extra badge show up too before the list is read.
  await new Promise((r) => setTimeout(r, 500));
  const again = await waitForOverlay(page, () => true);
  await page.close();
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  return { first: overlay, badges: again.badges.map(aliasOf).sort() };
}

test('a name split over inline elements, with whitespace-only text nodes between them, is found', async () => {
  const { badges } = await badgesOf('split.html', 2);
  assert.deepEqual(badges, ['Ring Video Doorbell', 'Whole Foods Market']);
});

test('skipped regions: their text is not read, the whitespace inside them does not join words', async () => {
  const { badges } = await badgesOf('skipped.html', 2);
  assert.deepEqual(badges, ['Tyson Foods', 'Zappos']);
});

test('hidden matches: no badge, and the page is scanned once, not again and again', async () => {
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(server.url + 'hidden.html');
  const overlay = await waitForOverlay(page, (o) => o.badges.some((b) => b.box));
  assert.deepEqual(overlay.badges.map(aliasOf), ['Zappos']);
  const world = await contentWorld(page, browser.extensionId);
  const passes = () => world.evaluate('globalThis.__backstoryStats.busy ? -1 : globalThis.__backstoryStats.passes');
  let first = await passes();
  for (const end = Date.now() + 10000; first < 1 && Date.now() < end; first = await passes()) await new Promise((r) => setTimeout(r, 50));
  // A rescan loop ran a pass every SETTLE_MS (100 ms) plus a frame; a second shows it many times over.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await passes(), first);
  assert.equal(first, 1);
  await world.cdp.detach();
  await page.close();
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
});
