// One test-bed page at one viewport: open it, wait for the extension to finish with it, run the
// geometry check (geometry.mjs) and close it. Shared by the e2e test and bench/geometry.mjs, so both
// measure the same thing.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkGeometry } from './geometry.mjs';

export const SHOTS = fileURLToPath(new URL('../../target/geometry/', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The content script's counters (main.js, __backstoryStats) in its isolated world, or null. The
// world's id is kept per session once found (listing the worlds each time costs a round of them).
const worlds = new WeakMap();
const EXPR = 'globalThis.__backstoryStats && { passes: __backstoryStats.passes, busy: __backstoryStats.busy, badges: __backstoryStats.badges, findings: __backstoryStats.findings, slices: __backstoryStats.slices, pending: __backstoryStats.pending }';
async function stats(cdp, extensionId) {
  let id = worlds.get(cdp);
  if (id !== undefined) {
    const r = await cdp.send('Runtime.evaluate', { contextId: id, returnByValue: true, expression: EXPR }).catch(() => null);
    if (r?.result) return r.result.value ?? null;
    worlds.delete(cdp); // the world went with a navigation: look again
  }
  const contexts = [];
  const on = (e) => contexts.push(e.context);
  cdp.on('Runtime.executionContextCreated', on);
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.disable');
  cdp.off('Runtime.executionContextCreated', on);
  const world = contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData?.isDefault === false && c.origin === `chrome-extension://${extensionId}`).pop();
  if (!world) return null;
  const r = await cdp.send('Runtime.evaluate', { contextId: world.id, returnByValue: true, expression: EXPR }).catch(() => null);
  if (r?.result?.value) worlds.set(cdp, world.id);
  return r?.result?.value ?? null;
}

// Waits until the content script has finished a pass and its badge and finding counts have not
// moved for `quietMs`. Returns the last counters (null: the script never ran within `timeoutMs`).
export async function extensionSettled(page, extensionId, { quietMs = 300, timeoutMs = 20000 } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    let last = null, key = null, since = Date.now();
    for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(100)) {
      last = await stats(cdp, extensionId);
      if (!last || last.passes < 1 || last.busy > 0) { since = Date.now(); continue; }
      const k = `${last.badges}/${last.findings}`;
      if (k !== key) { key = k; since = Date.now(); } else if (Date.now() - since >= quietMs) return last;
    }
    return last;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// A file-name-safe name for a corpus page ("fathom/test_data__gap.html" -> "fathom-test_data__gap").
export const pageSlug = (name) => name.replace(/\.html$/, '').replace(/[^\w.-]+/g, '-');

// bed: from openTestBed; page: one of bed.pages; viewports: [{name, width, height}]. Each viewport
// is a fresh load (fresh: true), or the first is and the page is then resized to the others, as a
// shopper turning a tablet would (the extension places its badges again): half the loads, and the
// extension's own work on the page done once. Returns one result per viewport: {page: name, viewport,
// host, curated, ran, findings, badges, checked, stops, height, violations, ms}.
export async function pageGeometry(bed, page, viewports, { stops, shots = true, maxShots, fresh = false } = {}) {
  const out = [];
  let tab = null, s = null;
  try {
    for (const viewport of viewports) {
      const t0 = Date.now();
      const resized = Boolean(tab) && !fresh;
      await tab?.setViewportSize({ width: viewport.width, height: viewport.height });
      if (!tab || fresh) {
        await tab?.close();
        tab = await bed.context.newPage();
        await tab.setViewportSize({ width: viewport.width, height: viewport.height });
        // Not 'load': a saved page may hold a request that never ends; the script runs at document_idle.
        await tab.goto(page.url, { waitUntil: 'domcontentloaded', timeout: 60000 });
        // The layout settles when the page's images have failed (404): until then text still moves.
        await tab.waitForLoadState('load', { timeout: 10000 }).catch(() => {});
        s = await extensionSettled(tab, bed.extensionId);
      }
      // The content script's slice counter moves whenever it works (placing badges again after a
      // scroll or resize among others): the check waits for that before it reads badges.
      const cdp = await tab.context().newCDPSession(tab);
      const work = async () => { const x = await stats(cdp, bed.extensionId); return x ? `${x.slices}/${x.passes}/${x.busy}${x.pending ? '/pending' : ''}` : ''; };
      const g = await checkGeometry(tab, { stops, maxShots, work, resized, shots: shots ? join(SHOTS, viewport.name) : null, name: pageSlug(page.name) })
        .finally(() => cdp.detach().catch(() => {}));
      out.push({ page: page.name, viewport: viewport.name, host: page.host, curated: page.curated, ran: Boolean(s), findings: s?.findings ?? 0, ...g, ms: Date.now() - t0 });
    }
    return out;
  } finally {
    await tab?.close();
  }
}
