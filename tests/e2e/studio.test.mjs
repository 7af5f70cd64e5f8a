// Issue 20: the Organizer Studio (studio/, built into dist/studio by scripts/build-studio.sh) in real
// Chromium, opened from file:// with nothing else: a spreadsheet's errors by line and column, a
// preview with the judge's reasons, a password-protected key pair, a signed list, and store zips
// byte-identical to `backstory import` + `backstory pack` on the same inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../scripts/lib/browser.mjs';
import { axeViolations } from './pages-lib.mjs';
import { serve } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'target/debug/backstory');
const STUDIO = join(ROOT, 'dist/studio/index.html');

// Row 3 has no owner and row 4 an unknown exchange: two errors, at (3, 2) and (4, 3).
const BROKEN = 'brand,owner_company,symbol,category,reason\nAcme Soap,Acme Corp,,cleaning,Tested on animals.\nBolt Cola,,,,\nCrisp Chips,Crisp Foods,MOON:CRSP,,\n';
const SHEET = 'brand,owner_company,symbol,category,reason\nAcme Soap,Acme Corp,,cleaning,Tested on animals.\nBolt Cola,Bolt Beverages,NASDAQ:BOLT,drinks,Sold through the boycott.\n';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#7c2d12"/><rect x="2" y="2" width="3" height="3" fill="#fde68a"/></svg>';
const META = { id: 'fair-list', title: 'Fair list', publisher: 'Fair Shopper', license: 'CC0-1.0', asOf: '2026-01-02', version: '3' };
const BRAND = { name: 'Fair Shopper', color: '#7c2d12', version: '2.1.0', updateUrl: 'https://lists.example.org/fair.json' };

/** Clicks a download link and returns the file's bytes. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download ${name}`, exact: true }).click()]);
  assert.equal(file.suggestedFilename(), name);
  return readFileSync(await file.path());
}

test('the Studio goes from a spreadsheet to signed store zips that `backstory pack` rebuilds byte for byte', { timeout: 300000 }, async () => {
  assert.ok(existsSync(STUDIO), 'dist/studio is missing: run scripts/build-studio.sh');
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'backstory-studio-'));
  for (const [name, text] of [['broken.csv', BROKEN], ['sheet.csv', SHEET], ['icon.svg', ICON]]) writeFileSync(join(dir, name), text);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    // Nothing leaves the browser: every request but the page's own files fails the test.
    const outside = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(STUDIO).href);
    await page.getByText('Ready.').waitFor({ timeout: 60000 });

    // 1. Every error with its line and column.
    await page.getByLabel('Spreadsheet file').setInputFiles(join(dir, 'broken.csv'));
    await page.getByLabel('List id').fill(META.id);
    await page.getByLabel('Title').fill(META.title);
    await page.getByLabel('Publisher').fill(META.publisher);
    await page.getByLabel('Licence').fill(META.license);
    await page.getByLabel('Facts as of').fill(META.asOf);
    await page.getByLabel('List version').fill(META.version);
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await page.locator('#sheet-status', { hasText: 'Fix the errors' }).waitFor();
    const rows = await page.locator('#issues tbody tr.error').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(rows, [['3', '2'], ['4', '3']]);
    // Accessible with the problems on show: labels, table headers, contrast (axe-core).
    assert.deepEqual(await axeViolations(page, 'light'), []);

    await page.getByLabel('Spreadsheet file').setInputFiles(join(dir, 'sheet.csv'));
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await page.locator('#sheet-status', { hasText: 'Ready to build: 2 companies, 2 brands; 0 error(s)' }).waitFor();

    // 2. The preview: each candidate with the judge's verdict and reason.
    await page.getByLabel('Pasted text').fill('This week: Acme Soap at half price, and BOLT shares fell.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview-status', { hasText: 'name(s) found' }).waitFor();
    const found = await page.locator('#candidates tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    const acme = found.find((r) => r[0] === 'Acme Soap');
    assert.ok(acme, JSON.stringify(found));
    assert.equal(acme[1], 'Acme Corp');
    assert.equal(acme[2], 'flag');
    assert.ok(acme[3].length > 10, 'a reason in words');

    // A saved page: its visible text, in its declared language.
    writeFileSync(join(dir, 'shop.html'), '<!doctype html><html lang="de"><head><title>Laden</title></head><body><p>Heute: Bolt Cola im Angebot.</p><script>var x = "Acme Soap";</script></body></html>');
    await page.getByLabel('or a saved page (.html)').setInputFiles(join(dir, 'shop.html'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.locator('#preview-status', { hasText: 'page language de' }).waitFor();
    const onPage = await page.locator('#candidates tbody tr td:first-child').allTextContents();
    assert.ok(onPage.includes('Bolt Cola'), JSON.stringify(onPage));
    assert.ok(!onPage.includes('Acme Soap'), 'script text is not page text');

    // 3. Branding; 4. a password-protected key pair.
    await page.getByLabel('Extension name').fill(BRAND.name);
    await page.getByLabel('Colour').fill(BRAND.color);
    await page.getByLabel('Icon, PNG or SVG').setInputFiles(join(dir, 'icon.svg'));
    await page.getByLabel('Extension version').fill(BRAND.version);
    await page.getByLabel('The name in other languages').fill('de=Fairer Einkauf\nfr=Achat équitable');
    await page.getByLabel('Firefox add-on id').fill('fair@shopper.example');
    await page.getByLabel('Update address').fill(BRAND.updateUrl);
    await page.getByLabel('Password for a new key').fill('correct horse battery');
    await page.getByLabel('The password again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create a key pair' }).click();
    await page.locator('#key-status', { hasText: 'New key pair' }).waitFor({ timeout: 60000 });
    const secret = await download(page, 'backstory.key');
    const pub = await download(page, 'backstory.pub');
    // minisign's secret key: "Ed", then the KDF: "Sc" (scrypt) when encrypted, zeros when not.
    const keyBytes = Buffer.from(secret.toString().split('\n')[1], 'base64');
    assert.equal(keyBytes.subarray(0, 4).toString('latin1'), 'EdSc', 'the secret key is password-protected');

    // 5. Sign and build.
    await page.getByRole('button', { name: 'Sign the list and build the extensions' }).click();
    await page.locator('#build-status', { hasText: 'Built.' }).waitFor({ timeout: 60000 });
    const list = await download(page, 'fair.json');
    const signature = await download(page, 'fair.json.minisig');
    const chromiumZip = await download(page, 'fair-shopper-chromium.zip');
    const firefoxZip = await download(page, 'fair-shopper-firefox.zip');
    assert.deepEqual(errors, []);
    assert.deepEqual(outside, []);

    // The same inputs through the command line.
    writeFileSync(join(dir, 'backstory.pub'), pub);
    writeFileSync(join(dir, 'fair.json'), list);
    writeFileSync(join(dir, 'fair.json.minisig'), signature);
    execFileSync(CLI, ['import', '--from', 'csv', join(dir, 'sheet.csv'), '-o', join(dir, 'cli.json'), '--id', META.id,
      '--title', META.title, '--publisher', META.publisher, '--license', META.license, '--as-of', META.asOf, '--version', META.version]);
    assert.ok(readFileSync(join(dir, 'cli.json')).equals(list), 'the Studio\'s list is the file `backstory import` writes');
    execFileSync(CLI, ['pack', '--dataset', join(dir, 'cli.json'), '--name', BRAND.name, '--color', BRAND.color,
      '--icon', join(dir, 'icon.svg'), '--version', BRAND.version, '--update-url', BRAND.updateUrl,
      '--name-in', 'de=Fairer Einkauf', '--name-in', 'fr=Achat équitable', '--addon-id', 'fair@shopper.example',
      '--public-key', join(dir, 'backstory.pub'), '--extension', join(ROOT, 'dist/chromium'), '-o', join(dir, 'out')]);
    for (const [browserName, zip] of [['chromium', chromiumZip], ['firefox', firefoxZip]]) {
      const cli = readFileSync(join(dir, 'out', `fair-shopper-${browserName}.zip`));
      assert.ok(cli.equals(zip), `${browserName}: the Studio's zip (${zip.length} bytes) differs from pack's (${cli.length} bytes)`);
    }
    // The signature is one the extension accepts, for this list's id.
    const verified = spawnSync(CLI, ['verify', '--public-key', join(dir, 'backstory.pub'), '--dataset-id', META.id, join(dir, 'fair.json')], { encoding: 'utf8' });
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  } finally {
    await browser.close();
  }
});

test('the Studio signs with an existing key: `backstory keygen`\'s, or its own with the right password only', { timeout: 300000 }, async () => {
  assert.ok(existsSync(STUDIO), 'dist/studio is missing: run scripts/build-studio.sh');
  if (!existsSync(CLI)) execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'backstory'], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'backstory-studio-key-'));
  writeFileSync(join(dir, 'sheet.csv'), SHEET);
  execFileSync(CLI, ['keygen', '-o', join(dir, 'keys')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await page.goto(pathToFileURL(STUDIO).href);
    await page.getByText('Ready.').waitFor({ timeout: 60000 });
    await page.getByLabel('Spreadsheet file').setInputFiles(join(dir, 'sheet.csv'));
    await page.getByLabel('List id').fill(META.id);
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await page.locator('#sheet-status', { hasText: 'Ready to build' }).waitFor();

    // A protected key with the wrong password is refused, with the reason.
    await page.getByLabel('Password for a new key').fill('right one');
    await page.getByLabel('The password again').fill('right one');
    await page.getByRole('button', { name: 'Create a key pair' }).click();
    await page.locator('#key-status', { hasText: 'New key pair' }).waitFor({ timeout: 60000 });
    writeFileSync(join(dir, 'protected.key'), await download(page, 'backstory.key'));
    await page.getByLabel('or your secret key file (minisign)').setInputFiles(join(dir, 'protected.key'));
    await page.getByLabel('Its password').fill('wrong one');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('#key-status.bad', { hasText: 'cannot be opened' }).waitFor({ timeout: 60000 });

    // The command line's (unencrypted) key needs no password; the list is signed with it.
    await page.getByLabel('or your secret key file (minisign)').setInputFiles(join(dir, 'keys/backstory.key'));
    await page.getByLabel('Its password').fill('');
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.locator('#key-status', { hasText: 'Using the key' }).waitFor({ timeout: 60000 });
    await page.getByLabel('Extension name').fill(BRAND.name);
    await page.getByLabel('Update address').fill(BRAND.updateUrl);
    await page.getByRole('button', { name: 'Sign the list and build the extensions' }).click();
    await page.locator('#build-status', { hasText: 'Built.' }).waitFor({ timeout: 60000 });
    writeFileSync(join(dir, 'fair.json'), await download(page, 'fair.json'));
    writeFileSync(join(dir, 'fair.json.minisig'), await download(page, 'fair.json.minisig'));
    const zip = await download(page, 'fair-shopper-chromium.zip');
    const verified = spawnSync(CLI, ['verify', '--public-key', join(dir, 'keys/backstory.pub'), join(dir, 'fair.json')], { encoding: 'utf8' });
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    // The zip pins that key: `pack` with the same key file gives the same bytes.
    execFileSync(CLI, ['pack', '--dataset', join(dir, 'fair.json'), '--name', BRAND.name, '--color', '#0f766e', '--update-url', BRAND.updateUrl,
      '--public-key', join(dir, 'keys/backstory.pub'), '--extension', join(ROOT, 'dist/chromium'), '-o', join(dir, 'out')]);
    assert.ok(readFileSync(join(dir, 'out/fair-shopper-chromium.zip')).equals(zip), 'the zip pins the loaded key as pack does');
  } finally {
    await browser.close();
  }
});

test('any static host serves the Studio: over http from 127.0.0.1 it loads and checks a CSV, an XLSX and an ODS sheet', { timeout: 120000 }, async () => {
  assert.ok(existsSync(STUDIO), 'dist/studio is missing: run scripts/build-studio.sh');
  const server = await serve(join(ROOT, 'dist/studio'));
  const dir = mkdtempSync(join(tmpdir(), 'backstory-studio-http-'));
  writeFileSync(join(dir, 'broken.csv'), BROKEN);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByText('Ready.').waitFor({ timeout: 60000 });
    await page.getByLabel('Spreadsheet file').setInputFiles(join(dir, 'broken.csv'));
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await page.locator('#sheet-status', { hasText: 'Fix the errors' }).waitFor();
    assert.equal(await page.locator('#issues tbody tr.error').count(), 2);
    // Workbooks too: the bad ticker on row 3 of each fixture, in column 3.
    for (const book of ['organizer-sheet.xlsx', 'organizer-sheet.ods']) {
      await page.getByLabel('Spreadsheet file').setInputFiles(join(ROOT, 'tests/fixtures', book));
      await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
      await page.locator('#sheet-status', { hasText: '2 companies, 2 brands; 1 error(s)' }).waitFor();
      const where = await page.locator('#issues tbody tr.error').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
      assert.deepEqual(where, [['3', '3']], book);
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
