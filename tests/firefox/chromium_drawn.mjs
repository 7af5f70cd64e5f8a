// The Chromium side of tests/firefox/corpus.py: on the same saved pages at the same size, which of
// its badges Chromium never draws while the page is scrolled through. The extension leaves a badge
// hidden where every spot beside its text would cover other text or leave the viewport, in either
// browser; Firefox must draw every badge Chromium draws.
// Usage: node tests/firefox/chromium_drawn.mjs REGEXP WIDTH HEIGHT -> one JSON line
// {page name: {badges, drawn, never: {title: count}}} on stdout.
import { corpusPages } from '../../scripts/lib/corpus.mjs';
import { extensionSettled } from '../../scripts/lib/page-geometry.mjs';
import { openTestBed } from '../../scripts/lib/test-bed.mjs';

const [only, width, height] = [new RegExp(process.argv[2] ?? '.'), Number(process.argv[3] ?? 1280), Number(process.argv[4] ?? 800)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// [{id, title, hidden}] of the overlay's badge buttons, through its closed root (CDP pierces it).
async function badges(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'backstory-overlay' });
  if (!nodeId) return [];
  const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
  const out = [];
  const walk = (n) => {
    const a = {};
    for (let i = 0; i + 1 < (n.attributes ?? []).length; i += 2) a[n.attributes[i]] = n.attributes[i + 1];
    if (n.localName === 'button' && /\bbadge\b/.test(a.class ?? '')) out.push({ id: n.backendNodeId, title: a.title, hidden: 'hidden' in a });
    for (const c of n.children ?? []) walk(c);
    for (const s of n.shadowRoots ?? []) walk(s);
  };
  walk(node);
  return out;
}

// BACKSTORY_CHROMIUM_DIST: another built extension (as BACKSTORY_FIREFOX_DIST for the Firefox side).
const ext = process.env.BACKSTORY_CHROMIUM_DIST;
const bed = await openTestBed({ pages: corpusPages().filter((p) => only.test(p.name)), ...(ext ? { ext } : {}) });
const out = {};
try {
  for (const p of bed.pages) {
    const tab = await bed.context.newPage();
    await tab.setViewportSize({ width, height });
    await tab.goto(p.url, { waitUntil: 'domcontentloaded', timeout: 60000 });
    await tab.waitForLoadState('load', { timeout: 10000 }).catch(() => {});
    await extensionSettled(tab, bed.extensionId);
    const cdp = await tab.context().newCDPSession(tab);
    const h = await tab.evaluate(() => document.documentElement.scrollHeight);
    const drawn = new Set();
    // The extension draws a badge whose text is within 400 px of the viewport, and looks again
    // 150 ms after a scroll: stops 400 px further apart than the viewport is tall, 300 ms each.
    for (let y = 0; ; y += height + 400) {
      await tab.evaluate((to) => scrollTo(0, to), Math.min(y, Math.max(0, h - height)));
      await sleep(300);
      for (const b of await badges(cdp)) if (!b.hidden) drawn.add(b.id);
      if (y >= h - height) break;
    }
    const all = await badges(cdp);
    const never = {};
    for (const b of all) if (!drawn.has(b.id)) never[b.title] = (never[b.title] ?? 0) + 1;
    out[p.name] = { badges: all.length, drawn: all.length - Object.values(never).reduce((a, n) => a + n, 0), never };
    await cdp.detach().catch(() => {});
    await tab.close();
  }
} finally {
  await bed.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);
