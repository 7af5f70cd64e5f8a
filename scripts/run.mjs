// `make run`: opens the demo shop in Debian's Chromium with the built extension (dist/chromium).
// With $DISPLAY the window stays open until you close it; headless, it saves
// target/run/screenshot.png and prints the badges the extension drew (read via DevTools, not the page).
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, waitForOverlay } from './lib/browser.mjs';

const headless = !process.env.DISPLAY;
const t0 = performance.now();
const server = await serve();
const { context, close } = await launch({ headless });
const page = context.pages()[0] ?? await context.newPage();
await page.goto(server.url);
const tLoaded = performance.now();
const overlay = await waitForOverlay(page, (o) => o.badges.some((b) => b.box));
const tBadges = performance.now();

console.log(`demo shop: ${server.url}`);
console.log(`page load ${Math.round(tLoaded - t0)} ms (incl. browser start); first badges ${Math.round(tBadges - tLoaded)} ms after load`);
console.log(`overlay hosts: ${overlay.hosts.length} (shadow root: ${overlay.hosts.map((h) => h.shadowRootType).join(', ')})`);
for (const b of overlay.badges) {
  console.log(`  badge "${b.label}" for "${b.title}" at ${b.box ? `${Math.round(b.box.x)},${Math.round(b.box.y)}` : 'hidden'}`);
}

if (headless) {
  const out = fileURLToPath(new URL('../target/run/', import.meta.url));
  await mkdir(out, { recursive: true });
  await page.screenshot({ path: `${out}screenshot.png` });
  console.log(`screenshot: target/run/screenshot.png`);
  // A second shot with the first badge's card open, to show what a shopper sees on activation.
  const first = overlay.badges.find((b) => b.box);
  if (first) {
    await page.mouse.click(first.box.x + first.box.width / 2, first.box.y + first.box.height / 2);
    await waitForOverlay(page, (o) => o.cardText, 3000);
    await page.screenshot({ path: `${out}card.png` });
    console.log('with the card open: target/run/card.png');
  }
  await close();
  await server.close();
} else {
  console.log('close the browser window to stop');
  context.on('close', () => server.close());
  await new Promise((resolve) => context.on('close', resolve));
  await close().catch(() => {});
}
