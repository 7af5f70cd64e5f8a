// Geometry check of the overlay's badges on a page in Chromium (Playwright): scrolls the page to
// where its badges are and, for every drawn badge in view, checks that it covers no glyph of the
// page's text, lies inside the viewport, is not covered by an unrelated element, and, for a name
// found in an alt/title/aria-label, sits at that element. The badges are read from the closed shadow
// root over the DevTools protocol (as readOverlay does); the checks run in an isolated world of
// their own (geometry-page.mjs). Violations can be saved as PNG crops.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pageChecker } from './geometry-page.mjs';

export const KINDS = ['text', 'viewport', 'covered', 'attribute', 'unanchored'];
export const VIEWPORTS = [{ name: '1280x800', width: 1280, height: 800 }, { name: '390x844', width: 390, height: 844 }];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The badge buttons' backend node ids, in document order, found by piercing the overlay's closed root.
async function badgeNodes(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'backstory-overlay' });
  if (!nodeId) return [];
  const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
  const out = [];
  const walk = (n) => {
    const a = n.attributes ?? []; // [name, value, name, value, ...]
    let cls = '';
    for (let i = 0; i + 1 < a.length; i += 2) if (a[i] === 'class') cls = a[i + 1];
    if (n.localName === 'button' && /\bbadge\b/.test(cls)) out.push(n.backendNodeId);
    for (const c of n.children ?? []) walk(c);
    for (const s of n.shadowRoots ?? []) walk(s);
  };
  walk(node);
  return out;
}

// A session on `page` with the checker installed in a fresh isolated world.
async function attach(page) {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'backstory-geometry' });
  const run = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  await run(`globalThis.__geometry = (${pageChecker})(); globalThis.__badges = new Map(); true`);
  // The world keeps each badge button it was handed (by backend node id), so each is resolved
  // over the protocol once, not at every read.
  const objectGroup = 'geometry';
  const known = new Set();
  const check = async (ids, opts) => {
    for (const backendNodeId of ids) {
      if (known.has(backendNodeId)) continue;
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId, objectGroup });
      await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: `function () { globalThis.__badges.set(${backendNodeId}, this); }`, objectId: object.objectId,
      });
      known.add(backendNodeId);
    }
    return run(`__geometry.check(${JSON.stringify(ids)}.map((id) => __badges.get(id)), ${JSON.stringify(opts ?? {})})`);
  };
  return { cdp, run, check, detach: () => cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => {}).then(() => cdp.detach()).catch(() => {}) };
}

// Waits until the drawn badges have stopped moving: placement follows scrolling and resizing through
// an IntersectionObserver and, in the extension, a look again 150 ms after the last scroll or resize
// (main.js RECHECK_MS), so the boxes must stay the same for longer than that. work(): a key that
// changes whenever the extension works (its slice counter); after a move the extension must have
// worked once, which a busy machine can delay past any fixed wait. At most `ms`.
const QUIET_MS = 250, WORK_WAIT_MS = 1500;
async function settle(s, { moved = false, work = async () => '', ms = 3000 } = {}) {
  const read = async () => JSON.stringify([await work(), (await s.check(await badgeNodes(s.cdp), { boxesOnly: true })).map((b) => [b.hidden, b.box.left, b.box.top])]);
  const start = Date.now(), first = await work();
  let last = await read(), since = Date.now();
  // No badge, nothing to place again (the extension's layout listeners come with its first badge).
  let worked = !moved || first === '' || JSON.parse(last)[1].length === 0;
  for (const end = start + ms; Date.now() < end;) {
    await sleep(60);
    const now = await read();
    if (!worked && JSON.parse(now)[0] !== first) worked = true;
    if (now !== last) { last = now; since = Date.now(); continue; }
    // Not while the extension says work is pending (a look again after the move it has not made yet).
    const pending = String(JSON.parse(now)[0]).endsWith('/pending');
    if (!pending && Date.now() - since >= QUIET_MS && (worked || Date.now() - start >= WORK_WAIT_MS)) return;
  }
}

// Checks every badge of `page` (already loaded, extension settled) at its current viewport size.
// Scrolling: the first screen (what the shopper sees at load), then, from the top down, the next
// place a badge not yet seen whole in view could be drawn from (its name in the text, an attribute
// naming it, the product title), at most `stops` positions in all. shots: a folder for PNG crops of
// the first `maxShots` violations, named <name>-<n>.png. Returns {badges (drawn in all), checked
// (badges seen whole in view and checked), height, stops, violations: [{kind, title, detail, box,
// anchor, stop, shot}], title: the product title's text, stated brands and badges (productTitle)}. work: see settle; resized: the page was just resized.
export async function checkGeometry(page, { stops = 20, shots = null, maxShots = Infinity, name = 'page', work, resized = false } = {}) {
  const s = await attach(page);
  try {
    const size = await s.run('__geometry.size()');
    const seen = new Map(); // backend node id -> {title, checked, kinds}
    const visited = []; // page y of each stop
    const violations = [];
    let ids = [];
    for (let y = 0; y !== null && visited.length < stops;) {
      const was = await s.run('scrollY');
      await s.run(`scrollTo(0, ${y}), true`);
      visited.push(await s.run('scrollY'));
      // After a resize (resized) the extension places its badges again, as after a scroll.
      await settle(s, { moved: (visited.length === 1 && resized) || visited.at(-1) !== was, work });
      ids = await badgeNodes(s.cdp);
      const results = await s.check(ids, { rebuild: visited.length === 1 });
      for (const [k, r] of results.entries()) {
        let state = seen.get(ids[k]);
        if (!state) seen.set(ids[k], (state = { title: r.title, checked: false, kinds: new Set() }));
        if (r.anchor || r.violations.some((v) => v.kind === 'unanchored')) state.checked = true;
        for (const v of r.violations) {
          if (state.kinds.has(v.kind)) continue; // one report per badge and kind, from where it was first seen
          state.kinds.add(v.kind);
          const item = { kind: v.kind, title: r.title, detail: v.detail, box: r.box, anchor: r.anchor ?? null, stop: visited.length - 1 };
          if (shots && violations.length < maxShots) item.shot = await crop(page, r.box, shots, `${name}-${violations.length + 1}.png`);
          violations.push(item);
        }
      }
      y = await nextStop(s, [...seen.values()].filter((x) => !x.checked).map((x) => x.title), visited, size);
    }
    // With the product title in view: which badges sit at it (bench/geometry.mjs counts the listed
    // brands there that got one).
    const was = await s.run('scrollY');
    const top = await s.run('__geometry.titleTop()');
    await s.run(`scrollTo(0, ${top === null ? 0 : Math.max(0, Math.round(top - size.vh / 3))}), true`);
    await settle(s, { moved: was !== await s.run('scrollY'), work });
    ids = await badgeNodes(s.cdp);
    await s.check(ids, { boxesOnly: true }); // hands the world every badge, new ones too
    const title = await s.run(`__geometry.productTitle(${JSON.stringify(ids)}.map((id) => __badges.get(id)))`);
    return { badges: ids.length, checked: [...seen.values()].filter((x) => x.checked).length, height: size.height, stops: visited.length, violations, title };
  } finally {
    await s.detach();
  }
}

// The scroll position that brings the highest place not yet in view (of the badges `titles`) to a
// third of the way down, or null when there is none. A place counts as in view when a stop had it
// at least 40 px inside the viewport (badges sit a little above their text).
async function nextStop(s, titles, visited, size) {
  if (!titles.length) return null;
  const ys = await s.run(`__geometry.targets(${JSON.stringify(titles)})`);
  const seenAt = (y) => visited.some((v) => y >= v + 40 && y <= v + size.vh - 60);
  const next = ys.find((y) => !seenAt(y) && y > Math.min(...visited));
  return next === undefined ? null : Math.max(0, Math.round(next - size.vh / 3));
}

// A PNG of the badge and its surroundings (60 px around, inside the viewport), saved under `dir`.
async function crop(page, box, dir, file) {
  const vp = page.viewportSize();
  const x = Math.max(0, Math.floor(box.left - 60)), y = Math.max(0, Math.floor(box.top - 30));
  const width = Math.min(vp.width, Math.ceil(box.right + 60)) - x, height = Math.min(vp.height, Math.ceil(box.bottom + 30)) - y;
  if (width <= 0 || height <= 0) return null;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  await page.screenshot({ path, clip: { x, y, width, height }, animations: 'disabled' }).catch(() => null);
  return path;
}

// Counts per kind over a list of violations: {text: n, viewport: n, ...} with every kind present.
export function countKinds(violations) {
  const out = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const v of violations) out[v.kind] += 1;
  return out;
}
