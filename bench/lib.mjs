// Shared by the browser benchmarks: launch Chromium with an unpacked extension, read the content
// script's timers in its isolated world over CDP, talk to the background from an extension page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { RESOLVE_LOOPBACK_ONLY, isInside } from '../scripts/lib/network-gate.mjs';
import { CHROMIUM } from '../scripts/lib/browser.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Saved shop pages reference CDNs that do not exist here: their requests are aborted at once rather
// than left to time out. Any request from the extension's own worker to outside is recorded, so a
// benchmark run also proves the extension stayed off the network.
// checkPage: the extension page kept open for backgroundInfo (null: none, for an extension without it).
export async function launch(ext, { checkPage = 'extension/check/check.html' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'backstory-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      RESOLVE_LOOPBACK_ONLY,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const phoned = [];
  context.on('request', (r) => { if (r.serviceWorker() && !isInside(r.url())) phoned.push(r.url()); });
  await context.route((url) => !isInside(url.href), (route) => route.abort());
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 20000 });
  const extensionId = new URL(worker.url()).host;
  // One extension page stays open to ask the background for its counters (the `info` message).
  const extPage = checkPage ? await context.newPage() : null;
  await extPage?.goto(`chrome-extension://${extensionId}/${checkPage}`);
  const close = async () => { await context.close(); await rm(profile, { recursive: true, force: true }); };
  return { context, extensionId, extPage, phoned, close, version: context.browser()?.version() ?? null };
}

// The background's counters: {loadMs, loads, scans, scanMs, wasmBytes} and the dataset's info.
export async function backgroundInfo(extPage) {
  const res = await extPage.evaluate(() => chrome.runtime.sendMessage({ type: 'info' }));
  if (!res?.ok) throw new Error(`info failed: ${res?.error}`);
  return res;
}

// Evaluates `expression` in the content script's isolated world of `page`'s main frame (the page's
// own world cannot see __backstoryStats). Returns the value, or undefined while no such world exists.
export async function isolatedEval(page, extensionId, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const ctx = contexts.find((c) => c.auxData?.type === 'isolated' && c.auxData?.frameId === frameTree.frame.id &&
      (c.origin?.includes(extensionId) || c.name === 'Backstory'));
    if (!ctx) return undefined;
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression, contextId: ctx.id, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Runs `fn` (a function without arguments, returning a JSON value) in a fresh isolated world of
// `page`'s main frame: the kind of world a content script runs in, where each DOM node needs a
// wrapper of that world's own (the page's world keeps its wrappers in the nodes, an isolated world
// in a side table), so the same walk costs 1.3 to 2 times as much there (bench/report.md).
export async function inFreshWorld(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `bench-${Date.now()}` });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `(${fn})()`, contextId: executionContextId, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

const readStats = (page, id) => isolatedEval(page, id, 'globalThis.__backstoryStats && JSON.parse(JSON.stringify(globalThis.__backstoryStats))');

// Waits until the content script finished at least one pass and its counters stopped moving for
// `quietMs` (badge placement runs in observer callbacks after a pass). Returns the stats.
export async function settled(page, extensionId, { quietMs = 400, timeoutMs = 20000 } = {}) {
  const end = Date.now() + timeoutMs;
  let last = null, since = Date.now();
  for (;;) {
    const s = await readStats(page, extensionId);
    const key = s && JSON.stringify([s.mainMs, s.slices, s.passes, s.busy, s.badges]);
    if (s && s.passes >= 1 && s.busy === 0) {
      if (key !== last) { last = key; since = Date.now(); } else if (Date.now() - since >= quietMs) return s;
    }
    if (Date.now() > end) return s ? { ...s, timedOut: true } : null;
    await sleep(100);
  }
}

export function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const i = (v.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return v[lo] + (v[hi] - v[lo]) * (i - lo);
}
export const median = (v) => quantile(v, 0.5);
