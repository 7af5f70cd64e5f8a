// Content script entry: the page pipeline, top to bottom.
//   collect text (TreeWalker, time-sliced) -> build blocks and batches (blocks.js)
//   -> ask the background to scan each batch -> map UTF-16 offsets back to (node, offset)
//   -> Range -> badges on the overlay (overlay.js) -> watch for changes (MutationObserver queues only).
// Runs at document_idle in the top frame. Nothing from the page leaves the device: the background
// is this extension's own worker.
(function () {
  'use strict';
  const api = globalThis.BackstoryApi;
  const B = globalThis.BackstoryBlocks;
  const overlay = globalThis.BackstoryOverlay.create(document);

  const BATCH_CHARS = 8192; // one scan message: ~1 ms to match, small enough to keep turns short
  const SLICE_MS = 4; // DOM-walk budget before yielding to the page (uBlock Origin uses ~4 ms)
  const MAX_QUEUED = 1000; // above this many queued mutations, one full rescan is cheaper
  const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'HEAD', 'IFRAME', 'CANVAS']);

  const yieldToPage = () => (globalThis.scheduler?.yield
    ? globalThis.scheduler.yield()
    : new Promise((resolve) => (globalThis.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 50 }) : setTimeout(resolve, 0))));

  let enabled = true;
  let dead = false; // set when the extension was updated or removed under us

  // ---- 1. collect text ------------------------------------------------------------------------
  function rejected(el) {
    return SKIP_TAGS.has(el.tagName) || el.isContentEditable || overlay.isHost(el);
  }
  function insideRejected(node) {
    for (let e = node.nodeType === 1 ? node : node.parentElement; e; e = e.parentElement) if (rejected(e)) return true;
    return !node.isConnected;
  }
  function blockOf(node, cache) {
    const start = node.nodeType === 1 ? node : node.parentElement;
    if (cache.has(start)) return cache.get(start);
    let e = start;
    while (e && e !== document.body && !B.isBlockTag(e.tagName)) e = e.parentElement;
    const block = e || document.body;
    cache.set(start, block);
    return block;
  }
  const filter = {
    acceptNode(n) {
      if (n.nodeType === 1) return rejected(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      return n.data ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  };
  async function collect(roots) {
    const segments = [];
    const cache = new Map();
    let deadline = performance.now() + SLICE_MS;
    for (const root of roots) {
      if (insideRejected(root)) continue;
      if (root.nodeType === 3) { segments.push({ ref: root, block: blockOf(root, cache), text: root.data }); continue; }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, filter);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        segments.push({ ref: n, block: blockOf(n, cache), text: n.data });
        if (performance.now() > deadline) { await yieldToPage(); deadline = performance.now() + SLICE_MS; }
      }
    }
    return segments;
  }

  // ---- 2-4. scan batches, map hits back, draw ------------------------------------------------------
  function toRange(m) {
    try {
      const r = document.createRange();
      r.setStart(m.start.ref, m.start.offset);
      r.setEnd(m.end.ref, m.end.offset);
      return r;
    } catch { return null; } // the text changed since it was collected; the observer will rescan it
  }
  async function process(roots) {
    if (dead || !enabled) return;
    const batches = B.buildBatches(await collect(roots), BATCH_CHARS);
    for (const batch of batches) {
      let res;
      try {
        res = await api.runtime.sendMessage({ type: 'scan', text: batch.text });
      } catch (e) {
        if (!api.runtime?.id) { teardown(); return; } // extension context invalidated
        throw e;
      }
      if (!res?.ok) { console.warn('Backstory: scan failed:', res?.error); return; }
      const companyOf = (i) => res.entries[i]?.company?.id;
      const items = [];
      for (const m of B.onePerCompany(B.mapHits(batch, res.hits), companyOf)) {
        const entry = res.entries[m.entry];
        if (overlay.has(m.block, entry.company.id)) continue;
        const range = toRange(m);
        if (range) items.push({ range, block: m.block, entry });
      }
      overlay.add(items);
      await yieldToPage();
    }
  }
  // Scans run one after another so that a block is never drawn twice by racing scans.
  let chain = Promise.resolve();
  function enqueue(roots) {
    chain = chain.then(() => process(roots)).catch((e) => console.warn('Backstory:', e));
    return chain;
  }

  // ---- 5. watch for changes ---------------------------------------------------------------------
  // The callback only queues; work happens later, coalesced (infinite scroll adds many nodes at once).
  const queued = new Set();
  let overflow = false;
  let timer = 0;
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') queued.add(r.target);
      else for (const n of r.addedNodes) queued.add(n);
      if (queued.size > MAX_QUEUED) { overflow = true; queued.clear(); break; }
    }
    if (!timer && (queued.size || overflow)) timer = setTimeout(() => requestAnimationFrame(flushQueue), 100);
  });
  function flushQueue() {
    timer = 0;
    let roots;
    if (overflow) roots = [document.body];
    else {
      // Rescan each change's whole block, so context rules see the text around it.
      const cache = new Map();
      const blocks = new Set();
      for (const n of queued) {
        if (!n.isConnected || (n.nodeType !== 1 && n.nodeType !== 3)) continue;
        blocks.add(n.nodeType === 1 && B.isBlockTag(n.tagName) ? n : blockOf(n, cache));
      }
      roots = [...blocks].filter((b) => ![...blocks].some((o) => o !== b && o.contains(b)));
    }
    queued.clear();
    overflow = false;
    if (roots.length) enqueue(roots);
  }

  // Badges follow the text: scroll (captured, for inner scrollers), resize and reflow.
  let framePending = false;
  function reposition() {
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => { framePending = false; overlay.position(); });
  }
  const resizeObserver = new ResizeObserver(reposition);

  function teardown() {
    dead = true;
    observer.disconnect();
    resizeObserver.disconnect();
    removeEventListener('scroll', reposition, true);
    removeEventListener('resize', reposition);
    overlay.destroy();
  }

  // ---- start ---------------------------------------------------------------------------------
  async function start() {
    try { enabled = (await api.storage.local.get('enabled')).enabled !== false; } catch { enabled = true; }
    api.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !('enabled' in changes)) return;
      enabled = changes.enabled.newValue !== false;
      overlay.setHidden(!enabled);
      if (enabled) enqueue([document.body]); // catch up on what changed while off
    });
    if (!document.body) return;
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    addEventListener('scroll', reposition, { capture: true, passive: true });
    addEventListener('resize', reposition, { passive: true });
    resizeObserver.observe(document.documentElement);
    resizeObserver.observe(document.body);
    await enqueue([document.body]);
  }
  start();
})();
