// End-to-end: the bundled dataset's text in the browser's language (issue 21, "Dataset text per
// language"). In a German Chromium the badge card on the demo shop, the popup's card and the
// profile page show the German category labels and summary from extension/data/default.json's
// `translations`; in an English Chromium the same places show the dataset's own English text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, waitForOverlay } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const DATASET = JSON.parse(readFileSync(new URL('../../extension/data/default.json', import.meta.url), 'utf8'));
const byName = new Map(DATASET.companies.map((c) => [c.name, c]));
const categories = new Map(DATASET.categories.map((k) => [k.id, k]));
// What a language shows for a company: its summary and its categories' labels.
function expected(company, lang) {
  const t = (item) => (lang === 'en' ? item : { ...item, ...(item.translations?.[lang] ?? {}) });
  return { summary: t(company).summary, labels: company.categories.map((id) => t(categories.get(id)).label) };
}
const amazon = DATASET.companies.find((c) => c.id === 'amazon');

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

function session(lang) {
  const s = {};
  before(async () => { s.browser = await launch({ lang }); s.page = await s.browser.context.newPage(); });
  after(async () => { await s.browser?.close(); });
  s.open = async (path, ready) => {
    await s.page.goto(`chrome-extension://${s.browser.extensionId}/extension/${path}`);
    await s.page.locator(ready).first().waitFor({ timeout: 10000 });
    return s.page;
  };
  return s;
}

for (const lang of ['de', 'en']) {
  describe(lang === 'de' ? 'German browser' : 'English browser', () => {
    const s = session(lang);
    const want = expected(amazon, lang);

    test('the dataset has the text this test expects', () => {
      const de = expected(amazon, 'de'), en = expected(amazon, 'en');
      assert.notEqual(de.summary, en.summary, 'Amazon has no German summary');
      assert.notDeepEqual(de.labels, en.labels, 'Amazon\'s categories have no German labels');
    });

    test('the badge card on a shop shows the categories and reason in the browser\'s language', async () => {
      const shop = await s.browser.context.newPage();
      await shop.goto(server.url);
      const overlay = await waitForOverlay(shop, (o) => o.badges.some((b) => b.box));
      const badge = overlay.badges.find((b) => b.box);
      const company = [...byName.values()].find((c) => badge.label.startsWith(`${c.name}:`) || badge.label.startsWith(c.name));
      assert.ok(company, badge.label);
      const mine = expected(company, lang);
      // The badge's accessible name lists the category labels too.
      for (const label of mine.labels) assert.ok(badge.label.includes(label), `${badge.label} lacks ${label}`);
      await shop.mouse.click(badge.box.x + badge.box.width / 2, badge.box.y + badge.box.height / 2);
      const open = await waitForOverlay(shop, (o) => o.cardText?.includes(mine.summary), 5000).catch(() => null);
      const text = open?.cardText ?? (await waitForOverlay(shop, () => true)).cardText;
      assert.ok(text?.includes(mine.summary), `card: ${text}\nwanted: ${mine.summary}`);
      for (const label of mine.labels) assert.ok(text.includes(label), `card lacks ${label}`);
      await shop.close();
    });

    test('the popup\'s card for a search result', async () => {
      const page = await s.open('popup/popup.html', '#dataset:not(:empty)');
      await page.getByRole('combobox').fill('whole foods');
      await page.getByRole('option').first().waitFor({ timeout: 10000 });
      await page.getByRole('combobox').press('Enter');
      const card = page.locator('#card [role="dialog"]');
      await card.waitFor({ timeout: 10000 });
      assert.equal(await card.locator('.bs-summary').textContent(), want.summary);
      assert.deepEqual(await card.locator('.bs-cat').allTextContents(), want.labels);
    });

    test('the profile page', async () => {
      const page = await s.open('profile/profile.html?company=amazon', 'h1');
      await page.locator('.summary').waitFor({ timeout: 10000 });
      assert.equal(await page.locator('.summary').textContent(), want.summary);
      const body = await page.locator('body').textContent();
      for (const label of want.labels) assert.ok(body.includes(label), `profile lacks ${label}`);
    });
  });
}
