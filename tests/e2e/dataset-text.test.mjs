// End-to-end: the bundled dataset's text in the browser's language (issue 21, "Dataset text per
// language"). In a German Chromium the badge card on the demo shop, the popup's list of what the
// shop names, the popup's card, options and the profile page show the German category labels and summary
// from extension/data/default.json's `translations`; in an English Chromium the same places show
// the dataset's own English text, and so does an Arabic one (the dataset has no Arabic: it falls
// back).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distWithDataset, launch, waitForOverlay } from '../../scripts/lib/browser.mjs';
import { serve } from '../../scripts/serve.mjs';

const DATASET = JSON.parse(readFileSync(new URL('../../extension/data/default.json', import.meta.url), 'utf8'));
const byName = new Map(DATASET.companies.map((c) => [c.name, c]));
const categories = new Map(DATASET.categories.map((k) => [k.id, k]));
// What a language shows for a company: its summary and its categories' labels.
function expected(company, lang) {
  const t = (item) => ({ ...item, ...(item.translations?.[lang] ?? {}) });
  return { summary: t(company).summary, labels: company.categories.map((id) => t(categories.get(id)).label) };
}
const amazon = DATASET.companies.find((c) => c.id === 'amazon');

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

function session(lang, ext) {
  const s = {};
  before(async () => { s.browser = await launch({ lang, ext: ext ? await ext() : undefined }); s.page = await s.browser.context.newPage(); });
  after(async () => { await s.browser?.close(); });
  s.open = async (path, ready) => {
    await s.page.goto(`chrome-extension://${s.browser.extensionId}/extension/${path}`);
    await s.page.locator(ready).first().waitFor({ timeout: 10000 });
    return s.page;
  };
  return s;
}

const NAMES = { de: 'German browser', en: 'English browser', ar: 'Arabic browser, no Arabic in the dataset' };
for (const lang of ['de', 'en', 'ar']) {
  describe(NAMES[lang], () => {
    const s = session(lang);
    const want = expected(amazon, lang);
    let shopTab = null; // the demo shop's tab id, once its content script reported

    test('the dataset has the text this test expects', () => {
      const de = expected(amazon, 'de'), en = expected(amazon, 'en');
      assert.notEqual(de.summary, en.summary, 'Amazon has no German summary');
      assert.notDeepEqual(de.labels, en.labels, 'Amazon\'s categories have no German labels');
      assert.deepEqual(expected(amazon, 'ar'), en, 'the dataset has Arabic: this test expects it to fall back');
    });

    test('the badge card on a shop shows the categories and reason in the browser\'s language', async () => {
      const shop = await s.browser.context.newPage();
      await shop.goto(server.url);
      const overlay = await waitForOverlay(shop, (o) => o.badges.some((b) => b.box));
      const badge = overlay.badges.find((b) => b.box);
      // In Arabic the names and labels in the badge's name are isolates (U+2068 ... U+2069).
      const label = badge.label.replace(/[\u2068\u2069]/g, '');
      const company = [...byName.values()].find((c) => label.startsWith(c.name));
      assert.ok(company, badge.label);
      const mine = expected(company, lang);
      // The badge's accessible name lists the category labels too.
      for (const l of mine.labels) assert.ok(label.includes(l), `${label} lacks ${l}`);
      await shop.mouse.click(badge.box.x + badge.box.width / 2, badge.box.y + badge.box.height / 2);
      const open = await waitForOverlay(shop, (o) => o.cardText?.includes(mine.summary), 5000).catch(() => null);
      const text = open?.cardText ?? (await waitForOverlay(shop, () => true)).cardText;
      assert.ok(text?.includes(mine.summary), `card: ${text}\nwanted: ${mine.summary}`);
      for (const label of mine.labels) assert.ok(text.includes(label), `card lacks ${label}`);
      // The content script reports what the page names after its scans; wait for that report.
      for (const deadline = Date.now() + 20000; shopTab == null && Date.now() < deadline;) {
        shopTab = await s.browser.worker.evaluate(async () => {
          const all = await chrome.storage.session.get(null);
          const key = Object.keys(all).find((k) => k.startsWith('findings:') && all[k].companies?.length);
          return key ? Number(key.slice('findings:'.length)) : null;
        });
        if (shopTab == null) await new Promise((r) => setTimeout(r, 200));
      }
    });

    test('the popup\'s list of what the shop names shows each company\'s categories in the browser\'s language', async () => {
      assert.ok(shopTab != null, 'the shop reported no findings');
      const page = await s.open(`popup/popup.html?tab=${shopTab}`, '#findings-list > li');
      const items = page.locator('#findings-list > li:has(button.company)');
      let checked = 0;
      for (let i = 0; i < await items.count(); i += 1) {
        const name = await items.nth(i).locator('button.company').textContent();
        const company = byName.get(name);
        if (!company?.categories.length) continue;
        assert.deepEqual(await items.nth(i).locator('.chips li').allTextContents(), expected(company, lang).labels, name);
        checked += 1;
      }
      assert.ok(checked > 0, 'no listed company has a category');
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

    test('options: the categories to hide, with their labels and descriptions', async () => {
      const page = await s.open('options/options.html', '#categories li');
      const rows = page.locator('#categories li');
      const want = DATASET.categories.map((k) => ({ ...k, ...(k.translations?.[lang] ?? {}) }));
      assert.equal(await rows.count(), want.length);
      for (let i = 0; i < want.length; i += 1) {
        assert.equal((await rows.nth(i).locator('label').textContent()).trim(), want[i].label);
        assert.equal(await rows.nth(i).locator('p').textContent(), want[i].description);
      }
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

// A translated name (none in the bundled dataset: names usually stay) shows wherever the company
// is named: the card's heading and the owner in "X is a brand of Y".
describe('German browser, a dataset that gives Amazon a German name', () => {
  const NAME = 'Amazon (Testname)';
  let dir, ext;
  const s = session('de', async () => {
    dir = await mkdtemp(join(tmpdir(), 'backstory-dtext-'));
    const d = structuredClone(DATASET);
    const a = d.companies.find((c) => c.id === 'amazon');
    a.translations.de.name = NAME;
    await writeFile(join(dir, 'dataset.json'), JSON.stringify(d));
    ext = await distWithDataset(join(dir, 'dataset.json'), 'backstory-dtext-ext-');
    return ext;
  });
  after(async () => { for (const p of [dir, ext]) if (p) await rm(p, { recursive: true, force: true }); });

  test('the popup\'s card for a brand names the owner by its German name', async () => {
    const page = await s.open('popup/popup.html', '#dataset:not(:empty)');
    await page.getByRole('combobox').fill('whole foods');
    await page.getByRole('option').first().waitFor({ timeout: 10000 });
    await page.getByRole('combobox').press('Enter');
    const card = page.locator('#card [role="dialog"]');
    await card.waitFor({ timeout: 10000 });
    assert.equal(await card.locator('.bs-name').textContent(), NAME);
    const rel = await card.locator('.bs-rel').textContent();
    assert.ok(rel.startsWith('Whole Foods') && rel.endsWith(NAME), rel);
  });
});
