// End-to-end: once the page settles, the content script does no work while the page keeps moving
// (tests/fixtures/pages/animated.html: a CSS animation, a carousel that scrolls itself every frame,
// a bar resized every frame). Counted in slices of our own work, never timed (bench/idle.mjs times it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch, readOverlay, waitForOverlay, watchPage } from '../../scripts/lib/browser.mjs';
import { isolatedEval, settled } from '../../bench/lib.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
let server, browser;
before(async () => { server = await serve(PAGES); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('an animating page: no work of ours per frame once settled, the badges stay put', async () => {
  // Found on a real page: 71 badges repositioned every frame, about 45 ms a second for as long as
  // the tab was open, because a self-scrolling carousel's scroll events repositioned every badge.
  const page = await browser.context.newPage();
  const problems = watchPage(page, server.url.slice(0, -1));
  await page.goto(`${server.url}animated.html`);
  await waitForOverlay(page, (o) => o.badges.filter((b) => b.box).length >= 5);
  await settled(page, browser.extensionId);
  await page.waitForTimeout(600); // the recheck after load
  const slices = () => isolatedEval(page, browser.extensionId, 'globalThis.__backstoryStats.slices');
  const before = await slices(), frames0 = await page.evaluate(() => window.frames_);
  const boxes0 = (await readOverlay(page)).badges.map((b) => b.box);
  await page.waitForTimeout(2000);
  const frames = (await page.evaluate(() => window.frames_)) - frames0;
  assert.ok(frames > 20, `the page did not animate (${frames} frames)`);
  assert.equal((await slices()) - before, 0, `our code ran during ${frames} frames of animation`);
  assert.deepEqual((await readOverlay(page)).badges.map((b) => b.box), boxes0);
  assert.deepEqual(problems, { console: [], errors: [], foreign: [] });
  await page.close();
});
