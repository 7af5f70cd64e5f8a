// Page watching for the content script: what changed in the page (one MutationObserver that only
// queues), hidden text that shows up, client-side route changes, and the reflows, scrolls and
// clicks after which badges look again at their text. Work is handed back to main.js later, in a
// frame, never inside an observer's callback.
import * as B from './blocks.js';

const MAX_QUEUED = 1000; // above this many queued mutations, one full rescan is cheaper (Dark Reader)
const SETTLE_MS = 100; // let a burst of mutations finish before looking at it
const RECHECK_MS = 150; // after the last scroll, resize or click: look again at what covers badges

// Resolves when the document is visible: hidden tabs do no work.
const whenVisible = (doc) => (doc.hidden
  ? new Promise((resolve) => doc.addEventListener('visibilitychange', function on() {
    if (!doc.hidden) { doc.removeEventListener('visibilitychange', on); resolve(); }
  }))
  : Promise.resolve());

const pathOf = (loc) => loc.href.split('#')[0];

// signal: the content script's life; once aborted, nothing here runs again.
// page: {overlay() (null until made), blockOf(node, cache), clock, alive(), teardown(),
//   rescan(roots, {full}), routeChanged(), removed()}.
function create(doc, signal, page) {
  const win = doc.defaultView;
  let run = null; // AbortController of the current start() .. stop(), tied to `signal`
  const queued = new Set();
  let overflow = false, removals = false, timer = 0, frame = 0;
  let lastPath = pathOf(win.location);
  let dormant = null, resizeObserver = null, recheckTimer = 0;
  let innerScrolled = null, framePending = false;

  // The callback only queues; work waits for the burst to settle and for a frame (uBlock Origin).
  const observer = new win.MutationObserver((records) => {
    for (const r of records) {
      if (r.removedNodes.length) removals = true;
      if (overflow) continue;
      if (r.type === 'characterData') queued.add(r.target);
      else for (const n of r.addedNodes) queued.add(n);
      if (queued.size > MAX_QUEUED) { overflow = true; queued.clear(); }
    }
    schedule();
  });
  function queue(node) {
    queued.add(node);
    schedule();
  }
  function schedule() {
    if (timer || frame || signal.aborted) return;
    timer = setTimeout(() => { timer = 0; frame = requestAnimationFrame(() => page.clock.run(flush)); }, SETTLE_MS);
  }
  function flush() {
    frame = 0;
    if (signal.aborted) return;
    if (!page.alive()) { page.teardown(); return; }
    if (doc.hidden) { whenVisible(doc).then(schedule); return; }
    if (pathOf(win.location) !== lastPath) { routeChanged(); return; }
    if (removals) { removals = false; page.removed(); }
    const full = overflow;
    const roots = overflow ? [doc.body] : changedBlocks();
    queued.clear();
    overflow = false;
    if (roots.length) page.rescan(roots, { full });
  }
  // Each change's whole block, so context rules see the text around it; none inside another.
  function changedBlocks() {
    const cache = new Map();
    const blocks = new Set();
    for (const n of queued) {
      if (!n.isConnected || (n.nodeType !== 1 && n.nodeType !== 3)) continue;
      const b = n.nodeType === 1 && B.isBlockTag(n.tagName) ? n : page.blockOf(n, cache);
      if (b) blocks.add(b);
    }
    return [...blocks].filter((b) => ![...blocks].some((o) => o !== b && o.contains(b)));
  }

  // Client-side route change (history API, popstate): the page's findings start over.
  function routeChanged() {
    lastPath = pathOf(win.location);
    page.routeChanged();
    overflow = true;
    schedule();
  }
  const onPop = () => { if (pathOf(win.location) !== lastPath) routeChanged(); };

  // A matched node that is hidden now (a closed tab panel, a collapsed menu) is watched and its
  // block rescanned when it shows up. Made on first use.
  function watchHidden(el) {
    dormant ??= new win.IntersectionObserver((entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        dormant.unobserve(e.target);
        queue(e.target);
      }
    });
    dormant.observe(el);
  }

  // Badges follow their text without work per frame. The overlay scrolls with the document, so a
  // page scroll moves no badge; text in an inner scroller (a carousel, a side list) is followed
  // frame by frame only while that scroller scrolls, and only its own badges. A reflow, a resize,
  // the end of a scroll and a click (a cookie banner closed) look again once things settle: text
  // that moved, a spot that something now covers or no longer covers.
  function onScroll(e) {
    const overlay = page.overlay();
    if (!overlay) return;
    const t = e.target;
    if (t.nodeType !== 1 || t === doc.documentElement || t === doc.body) { settleThenRecheck(); return; }
    if (!overlay.holdsAny(t)) return; // an inner scroller moves only what it holds
    followInner(t);
    settleThenRecheck();
  }
  function followInner(el) {
    (innerScrolled ??= new Set()).add(el);
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      const scrolled = innerScrolled;
      innerScrolled = null;
      const overlay = page.overlay();
      if (signal.aborted || !overlay) return;
      const list = new Set();
      for (const s of scrolled) for (const b of overlay.within(s)) list.add(b);
      if (list.size) page.clock.run(() => overlay.position([...list]));
    });
  }
  function settleThenRecheck() {
    if (!page.overlay() || signal.aborted) return;
    clearTimeout(recheckTimer);
    recheckTimer = setTimeout(recheck, RECHECK_MS);
  }
  function recheck() {
    recheckTimer = 0;
    const overlay = page.overlay();
    if (signal.aborted || !overlay) return;
    if (!page.alive()) { page.teardown(); return; }
    page.clock.run(() => overlay.position(undefined, { recheck: true }));
  }
  // Reflow moves text under badges; the observer is only worth its tasks once there is an
  // overlay. Its first report answers observe() itself, and comes right after the pass that made
  // the overlay placed every badge: placing them all again then cost 1 to 4 ms on shop pages.
  function observeLayout() {
    if (!run || !page.overlay() || resizeObserver) return;
    let first = true;
    resizeObserver = new win.ResizeObserver(() => { if (first) first = false; else settleThenRecheck(); });
    resizeObserver.observe(doc.documentElement);
    resizeObserver.observe(doc.body);
  }

  // Every listener and observer of one run goes with its signal, so stopping cannot forget one.
  function start() {
    if (run || !doc.body || signal.aborted) return;
    run = new AbortController();
    const on = { signal: run.signal, passive: true };
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
    win.addEventListener('scroll', onScroll, { ...on, capture: true });
    win.addEventListener('resize', settleThenRecheck, on);
    win.addEventListener('pointerup', settleThenRecheck, { ...on, capture: true });
    win.addEventListener('keyup', settleThenRecheck, { ...on, capture: true });
    win.addEventListener('popstate', onPop, on);
    win.navigation?.addEventListener?.('currententrychange', onPop, on);
    run.signal.addEventListener('abort', () => {
      observer.disconnect();
      resizeObserver?.disconnect();
      resizeObserver = null;
      dormant?.disconnect();
      clearTimeout(timer);
      clearTimeout(recheckTimer);
      cancelAnimationFrame(frame);
      timer = frame = recheckTimer = 0;
      queued.clear();
    });
    observeLayout();
  }
  function stop() {
    run?.abort();
    run = null;
  }
  signal.addEventListener('abort', stop);

  return {
    start, stop, watchHidden, observeLayout,
    get pending() { return recheckTimer !== 0; },
  };
}

export { create, whenVisible };
