// End-to-end: the offline profile page — every part of a company's profile from the bundled
// dataset, parent/subsidiaries and co-owned brands from a loaded one, an unknown id, axe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../../scripts/lib/browser.mjs';
import { axeBothSchemes, COOP_DATASET, send } from './pages-lib.mjs';

let browser, page;
const profile = (id) => `chrome-extension://${browser.extensionId}/extension/profile/profile.html?company=${encodeURIComponent(id)}`;
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  // Offline for real: any request that leaves the extension fails the page load.
  await browser.context.route(/^https?:/, (route) => route.abort());
});
after(async () => { await browser?.close(); });

test('Amazon: name, symbols, headquarters, categories, summary, sections, brands, sources, as-of, external link', async () => {
  await page.goto(profile('amazon'));
  await page.getByRole('heading', { level: 1, name: 'Amazon' }).waitFor({ timeout: 10000 });
  assert.equal(await page.title(), 'Amazon — Backstory');
  const text = await page.locator('main').textContent();
  assert.match(text, /Amazon\.com, Inc\./);
  assert.match(text, /Stock symbolsNASDAQ:AMZN/);
  assert.match(text, /HeadquartersSeattle, Washington, United States/);
  assert.match(text, /Facts as of[A-Z][a-z]+ \d{1,2}, \d{4}/); // a calendar day, written out (Intl)
  assert.deepEqual(await page.locator('header .chip').allTextContents(),
    ['Immigration and border enforcement', 'Prisons and policing', 'Surveillance', 'Occupation of Palestine', 'Military and weapons']);
  assert.match(await page.locator('.summary').textContent(), /largest online retailer/);
  await page.getByRole('heading', { level: 2, name: 'Cloud for immigration enforcement' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Owned by Amazon' }).waitFor();
  const brands = await page.locator('ul.brands li').allTextContents();
  for (const b of ['Whole Foods Market', 'Ring', 'Zappos']) assert.ok(brands.includes(b), `${b} in ${brands.join(', ')}`);
  const sources = page.getByRole('heading', { name: 'Sources' }).locator('..').getByRole('link');
  assert.ok(await sources.count() > 0);
  for (const href of await sources.evaluateAll((as) => as.map((a) => a.href))) assert.match(href, /^https:\/\//);
  const ext = page.getByRole('link', { name: 'Read the full profile on investigate.info' });
  assert.equal(await ext.getAttribute('href'), 'https://investigate.info/company/amazon');
  assert.equal(await ext.getAttribute('rel'), 'noopener noreferrer');
  assert.deepEqual(await axeBothSchemes(page), []);
});

test('issue 19: each profile section shows its own date and sources; a licensed brand names its market and licensee', async () => {
  await page.goto(profile('amazon'));
  const flights = page.getByRole('heading', { level: 2, name: 'Deportation flights' }).locator('..');
  await flights.waitFor({ timeout: 10000 });
  const foot = flights.locator('.section-foot');
  assert.match(await foot.textContent(), /^As of April 11, 2025 · Sources: /);
  const hrefs = await foot.getByRole('link').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.some((h) => h.includes('flightglobal.com')), hrefs.join(' '));
  const nimbus = page.getByRole('heading', { level: 2, name: 'Project Nimbus' }).locator('..');
  assert.match(await nimbus.locator('.section-foot').textContent(), /^As of October 5, 2021 · Sources: AFSC Investigate/);
  await page.goto(profile('yum-brands'));
  await page.getByRole('heading', { level: 1, name: 'Yum! Brands' }).waitFor({ timeout: 10000 });
  const brands = await page.locator('ul.brands li').allTextContents();
  assert.ok(brands.includes('KFC — markets: China — run under licence by Yum China'), brands.join(' | '));
  assert.ok(brands.includes('KFC'), 'the brand everywhere else');
  assert.deepEqual(await axeBothSchemes(page), []);
});

test('an unknown company id says so', async () => {
  await page.goto(profile('no-such-co'));
  await page.locator('#profile-status').filter({ hasText: 'No company with the id “no-such-co”' }).waitFor({ timeout: 10000 });
});

test('from a loaded dataset: parent, subsidiaries, brands grouped by owner, joint owners with shares, right-to-left names', async () => {
  const res = await send(page, { type: 'loadDataset', json: JSON.stringify(COOP_DATASET), name: 'coop.json' });
  assert.equal(res.loaded, true);
  await page.goto(profile('acme'));
  await page.getByRole('heading', { level: 1, name: 'Acme Holdings' }).waitFor({ timeout: 10000 });
  const text = await page.locator('main').textContent();
  assert.match(text, /SubsidiariesAcme Foods/);
  const groups = await page.locator('h3').allTextContents();
  assert.deepEqual(groups, ['Owned by Acme Holdings', 'Owned by Acme Foods']);
  assert.deepEqual(await page.locator('ul.brands li').allTextContents(), ['Zestora (60%) — also owned by Globex Partners (40%)', 'Crunchos']);
  assert.match(text, /Annual report 2025 \(as of December 31, 2025\)/);
  await page.getByRole('link', { name: 'Acme Foods' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Acme Foods' }).waitFor({ timeout: 10000 });
  assert.match(await page.locator('main').textContent(), /Parent companyAcme Holdings/);

  await page.goto(profile('nahar'));
  const h1 = page.getByRole('heading', { level: 1, name: 'שמש נהר' });
  await h1.waitFor({ timeout: 10000 });
  assert.equal(await h1.getAttribute('dir'), 'auto');
  assert.equal(await h1.evaluate((e) => getComputedStyle(e).direction), 'rtl');
  assert.deepEqual(await axeBothSchemes(page), []);
});
