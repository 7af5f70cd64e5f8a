// `make screenshots`: renders every surface (popup search and card, popup findings, options, profile,
// check a list, badges and card on the demo shop) in headless Chromium, light and dark, into
// docs/screenshots/<surface>-<scheme>.png. Needs the built extension (dist/chromium).
// `--lang=ar` (any locale of extension/_locales) runs the browser in that language and writes
// <surface>-<lang>-light.png: the light scheme only, as the layout is what differs by language.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch, waitForOverlay } from './lib/browser.mjs';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const LANG = process.argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length) || null;
const SCHEMES = LANG ? ['light'] : ['light', 'dark'];
const LIST = 'Weekly shop\nWhole Foods Market salad\nRing doorbell battery\nNespresso pods\n\n' +
  'Fund holdings (portfolio)\nNASDAQ: AMZN 120 shares\nNYSE: CXW 40 shares\n$CAT 10 shares';

await mkdir(OUT, { recursive: true });
const server = await serve();
const browser = await launch({ lang: LANG });
const { context, extensionId, worker } = browser;
const ext = (path) => `chrome-extension://${extensionId}/extension/${path}`;
const written = [];

async function shoot(name, page, { fullPage = true } = {}) {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const path = `${OUT}${name}${LANG ? `-${LANG}` : ''}-${scheme}.png`;
    await page.screenshot({ path, fullPage });
    written.push(path);
  }
}

try {
  // The demo shop: badges, then the first badge's card open.
  const shop = await context.newPage();
  await shop.setViewportSize({ width: 1000, height: 700 });
  await shop.goto(server.url);
  const overlay = await waitForOverlay(shop, (o) => o.badges.some((b) => b.box));
  await shoot('shop-badges', shop, { fullPage: false });
  const first = overlay.badges.find((b) => b.box);
  if (first) {
    await shop.mouse.click(first.box.x + first.box.width / 2, first.box.y + first.box.height / 2);
    await waitForOverlay(shop, (o) => o.cardText, 3000);
    await shoot('shop-card', shop, { fullPage: false });
  }

  // The shop's tab id, from the findings its content script reported.
  let tabId = null;
  for (let i = 0; i < 100 && tabId == null; i++) {
    tabId = await worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      const key = Object.keys(all).find((k) => k.startsWith('findings:'));
      return key ? Number(key.slice('findings:'.length)) : null;
    });
    if (tabId == null) await new Promise((r) => setTimeout(r, 200));
  }

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 560 });
  await popup.goto(ext(`popup/popup.html${tabId == null ? '' : `?tab=${tabId}`}`));
  await popup.locator('#findings-list > li').first().waitFor({ timeout: 10000 }).catch(() => {});
  await shoot('popup-findings', popup);
  await popup.getByRole('combobox').fill('whole foods');
  await popup.getByRole('option').first().waitFor({ timeout: 10000 });
  await shoot('popup-search', popup);
  await popup.getByRole('combobox').press('Enter');
  await popup.locator('#card [role="dialog"]').waitFor({ timeout: 10000 });
  await shoot('popup-card', popup);

  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(ext('options/options.html'));
  await page.locator('#categories li').first().waitFor({ timeout: 10000 });
  await shoot('options', page);

  await page.goto(ext('profile/profile.html?company=amazon'));
  await page.locator('h1').waitFor({ timeout: 10000 });
  await shoot('profile', page);

  await page.goto(ext('check/check.html'));
  await page.getByRole('textbox').fill(LIST);
  await page.locator('#check-form button[type="submit"]').click(); // named in the page's language
  await page.locator('#check-results > li').first().waitFor({ timeout: 10000 });
  await shoot('check', page);
} finally {
  await browser.close();
  await server.close();
}
for (const p of written) console.log(p.slice(p.indexOf('docs/')));
