// Shared by the e2e tests and `make run`: launch Debian's Chromium with the unpacked extension, and
// read the overlay's closed shadow root from outside through the DevTools protocol.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { RESOLVE_LOOPBACK_ONLY, watchNetwork } from './network-gate.mjs';

export const DIST = fileURLToPath(new URL('../../dist/chromium/', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// A temporary copy of the built extension whose bundled dataset is `datasetPath` (for tests that
// need names the real dataset does not have). The caller removes the returned folder.
export async function distWithDataset(datasetPath, prefix = 'backstory-ext-') {
  const ext = await mkdtemp(join(tmpdir(), prefix));
  await cp(DIST, ext, { recursive: true });
  await cp(datasetPath, join(ext, 'extension/data/default.json'));
  return ext;
}

// headless: true unless told otherwise. Flags: the network is closed here, so background
// networking and component updates would only flood it with refused connections.
// The network gate: close() throws if the session requested anything outside the extension and
// loopback test servers (allowRequest(url) lets the dataset-update tests reach their host).
// lang: the browser's interface language ('de', 'ar'), which chrome.i18n follows; on Linux Chromium
// reads it from LANGUAGE, and --lang sets it too.
export async function launch({ ext = DIST, headless = true, allowRequest, lang = null } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'backstory-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang, LANG: `${lang.replace('-', '_')}.UTF-8` } } : {}),
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      RESOLVE_LOOPBACK_ONLY,
      ...(lang ? [`--lang=${lang}`] : []),
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Chromium refuses to sandbox as root
    ],
  });
  const network = watchNetwork(context, { allowRequest });
  let worker;
  try {
    worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 60000 });
  } catch (e) {
    // The caller gets no handle to close, and an open browser would keep the test process alive.
    await context.close();
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const extensionId = new URL(worker.url()).host;
  const close = async () => { await context.close(); await rm(profile, { recursive: true, force: true }); network.check(); };
  return { context, worker, extensionId, close, network };
}

// Walks the whole DOM including closed shadow roots (CDP's pierce does not care about closure,
// so the page-facing closure stays real while tests can still look inside).
function* walk(node, inShadow = null) {
  yield { node, inShadow };
  for (const c of node.children ?? []) yield* walk(c, inShadow);
  for (const s of node.shadowRoots ?? []) yield* walk(s, s);
  if (node.contentDocument) yield* walk(node.contentDocument, inShadow);
}
const attrs = (n) => { const o = {}; for (let i = 0; i + 1 < (n.attributes ?? []).length; i += 2) o[n.attributes[i]] = n.attributes[i + 1]; return o; };
const text = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children ?? []).map(text).join(''));

// Returns {hosts: [{shadowRootType}], badges: [{label, title, expanded, box:{x,y,width,height}}], links: [{href, target, rel, text}], cardText,
//   notice (the site notice's text or null), controls: [{text, label, box}] (the card's and notice's buttons and links),
//   cardDir, cardLang (the open card's dir and lang attributes)}
export async function readOverlay(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hosts = [], badges = [], links = [], controls = [];
    let cardText = null, notice = null, cardDir = null, cardLang = null;
    for (const { node, inShadow } of walk(root)) {
      if (node.localName === 'backstory-overlay' && !inShadow) {
        hosts.push({ shadowRootType: node.shadowRoots?.[0]?.shadowRootType ?? null });
      }
      if (!inShadow || node.nodeType !== 1) continue;
      const a = attrs(node);
      if (node.localName === 'button' && /\bbadge\b/.test(a.class ?? '')) {
        let box = null;
        if (!('hidden' in a)) {
          try {
            const { model } = await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
            const [x1, y1, x2, , , y3] = model.border;
            box = { x: x1, y: y1, width: x2 - x1, height: y3 - y1 };
          } catch { /* not rendered */ }
        }
        badges.push({ label: a['aria-label'], title: a.title, expanded: a['aria-expanded'], region: a['data-region'] ?? null, box });
      }
      if (node.localName === 'a') links.push({ href: a.href, target: a.target, rel: a.rel, text: text(node) });
      if (a.role === 'status') notice = text(node);
      if ((node.localName === 'a' || node.localName === 'button') && !/\bbadge\b/.test(a.class ?? '')) {
        let box = null;
        try {
          const { model } = await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId });
          box = { x: model.border[0], y: model.border[1], width: model.border[2] - model.border[0], height: model.border[5] - model.border[1] };
        } catch { /* not rendered */ }
        controls.push({ text: text(node), label: a['aria-label'] ?? null, box });
      }
      if (a.role === 'dialog') { cardText = text(node); cardDir = a.dir ?? null; cardLang = a.lang ?? null; }
    }
    return { hosts, badges, links, cardText, notice, controls, cardDir, cardLang };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// The content script's isolated world in `page` (reached through CDP: the page cannot see it), of
// the extension `extensionId` (another loaded extension has a world of its own). Waits up to
// `timeout` for the script to start; evaluate(expression) awaits and returns by value.
// Runs `functionDeclaration` (source text of `function () {...}`, `this` the element) on the first
// element with class `cls` inside the overlay's closed shadow root, over CDP (page scripts cannot
// reach it); returns its value, or null when no such element is drawn.
export async function onOverlayElement(page, cls, functionDeclaration) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const has = new RegExp(`\\b${cls}\\b`);
    const find = (n) => (has.test((n.attributes ?? []).join(' ')) ? n
      : [...(n.children ?? []), ...(n.shadowRoots ?? [])].map(find).find(Boolean) ?? null);
    const node = find(root);
    if (!node) return null;
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: node.nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, returnByValue: true, functionDeclaration });
    return result.value;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export async function contentWorld(page, extensionId, timeout = 10000) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable'); // reports the worlds that already exist, then new ones
  let world;
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
    if (world) break;
  }
  if (!world) throw new Error('content script world not found');
  const evaluate = async (expression) => (await cdp.send('Runtime.evaluate', {
    contextId: world.id, awaitPromise: true, returnByValue: true, expression,
  })).result.value;
  return { cdp, world, evaluate };
}

// Polls readOverlay until check(result) is truthy or the timeout passes; returns the last result.
export async function waitForOverlay(page, check, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await readOverlay(page);
    if (check(last) || Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The viewport rect of the first occurrence of `needle` in the page's text (main world, no extension help).
export function textRect(page, needle) {
  return page.evaluate((needle) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      const rects = r.getClientRects();
      const last = rects[rects.length - 1];
      return { x: last.x, y: last.y, width: last.width, height: last.height, right: last.right, bottom: last.bottom };
    }
    return null;
  }, needle);
}

// Every tab's findings as the background stored them (storage.session `findings:<tabId>`), keyed by tab id.
export async function readFindings(worker) {
  const all = await worker.evaluate(() => chrome.storage.session.get(null));
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('findings:')).map(([k, v]) => [k.slice(9), v]));
}

// Polls readFindings until one tab's findings satisfy check(findings); returns them (or all, on timeout).
export async function waitForFindings(worker, check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const all = await readFindings(worker);
    const hit = Object.values(all).find(check);
    if (hit) return hit;
    if (Date.now() > end) return { timeout: true, all };
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Collects what a test page must never show: console errors and warnings (React's hydration
// warnings are console.error), uncaught exceptions, and requests to anywhere but `origin`.
export function watchPage(page, origin) {
  const problems = { console: [], errors: [], foreign: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.foreign.push(r.url()); });
  return problems;
}
