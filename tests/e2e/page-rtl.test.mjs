// End-to-end, issue 21: on a right-to-left page a badge sits at the logical end of its name, to the
// left of an Arabic or Hebrew name and to the right of a Latin one, beside it on its line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { distWithDataset, launch, textRect, waitForOverlay } from '../../scripts/lib/browser.mjs';
import { COOP_DATASET } from './pages-lib.mjs';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
let server, browser, ext, tmp, overlay, page;

before(async () => {
  // The co-op list with an Arabic brand of its Hebrew-named company.
  const dataset = structuredClone(COOP_DATASET);
  dataset.brands.push({ id: 'shams', name: 'شمس', owners: [{ company: 'nahar' }] });
  tmp = await mkdtemp(join(tmpdir(), 'backstory-rtl-'));
  await writeFile(join(tmp, 'dataset.json'), JSON.stringify(dataset));
  ext = await distWithDataset(join(tmp, 'dataset.json'), 'backstory-rtl-ext-');
  server = await serve(PAGES);
  browser = await launch({ ext });
  page = await browser.context.newPage();
  await page.goto(`${server.url}rtl.html`);
  overlay = await waitForOverlay(page, (o) => o.badges.filter((b) => b.box).length >= 3);
});
after(async () => {
  await browser?.close();
  await server?.close();
  await rm(ext, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

const badgeFor = (alias) => overlay.badges.find((b) => b.title.startsWith(`${alias}:`) && b.box);
const sameLine = (b, r) => Math.min(b.box.y + b.box.height, r.bottom) - Math.max(b.box.y, r.y) > 0;

test('an Arabic name ending its sentence: the badge is just left of it, on its line', async () => {
  const b = badgeFor('شمس');
  assert.ok(b, JSON.stringify(overlay.badges));
  const r = await textRect(page, 'شمس');
  const gap = r.x - (b.box.x + b.box.width);
  assert.ok(gap >= 0 && gap <= 6, `badge ends at ${b.box.x + b.box.width}, the name starts at ${r.x}`);
  assert.ok(sameLine(b, r), `badge y ${b.box.y} vs name ${r.y}..${r.bottom}`);
});

// The sentence goes on to its left ("עכשיו"), and the line above is free: above its left end, as a
// Latin name followed by more words gets its badge above its right end.
test('a Hebrew name inside a sentence: the badge is above its left end', async () => {
  const b = badgeFor('שמש נהר');
  assert.ok(b, JSON.stringify(overlay.badges));
  const r = await textRect(page, 'שמש נהר');
  assert.ok(Math.abs(b.box.x - r.x) <= 2, `badge starts at ${b.box.x}, the name at ${r.x}`);
  assert.ok(b.box.y + b.box.height <= r.y + 2, `badge bottom ${b.box.y + b.box.height}, name top ${r.y}`);
});

// Its right is where the Arabic sentence comes from ("وجبات"), so the badge goes above its end.
test('a Latin name in Arabic text keeps its badge at its right end', async () => {
  const b = badgeFor('Zestora');
  assert.ok(b, JSON.stringify(overlay.badges));
  const r = await textRect(page, 'Zestora');
  const end = b.box.x + b.box.width;
  assert.ok(end >= r.right - 1 && end <= r.right + 24, `badge ends at ${end}, the name ends at ${r.right}`);
});
