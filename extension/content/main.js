// Content script entry: the page pipeline, top to bottom.
//   settings (storage.local) -> who runs this site (notice) -> collect text (collect.js, time-sliced)
//   -> batches (blocks.js) -> scan in the background -> map UTF-16 offsets back to (node, offset)
//   -> lazy visibility check -> findings + badges (overlay.js) -> product data (structured.js)
//   -> report findings -> watch for changes (one MutationObserver that only queues).
// Runs at document_idle in the top frame. Nothing from the page leaves the device: the background
// is this extension's own worker. Hidden tabs do no work; an idle page runs no timers.
(function () {
  'use strict';
  // A site added with "Check this site too" may also be injected by executeScript: run once.
  if (globalThis.__backstoryStarted) return;
  globalThis.__backstoryStarted = true;

  const api = globalThis.BackstoryApi;
  const { BackstoryBlocks: B, BackstoryRules: R, BackstoryStructured: S, BackstoryCard: Card, BackstoryRegion: Region } = globalThis;
  const HOST = location.hostname;

  // One scan message: ~1 ms to match in the background, sent while the walk goes on, so its round
  // trip costs the page nothing; sending it takes 0.1 to 1 ms here. Batches of 128 K were measured
  // no cheaper in all, and made the slice that sends one longer.
  const BATCH_CHARS = 32768;
  const SLICE_MS = 4; // DOM-walk budget before yielding to the page (uBlock Origin uses ~4 ms)
  const MAX_QUEUED = 1000; // above this many queued mutations, one full rescan is cheaper (Dark Reader)
  const BADGE_CAP = 150; // badges per page; the rest are listed in the popup from the findings
  const SETTLE_MS = 100; // let a burst of mutations finish before looking at it
  const REPORT_MS = 250; // findings reports are coalesced
  const RECHECK_MS = 150; // after the last scroll, resize or click: look again at what covers badges

  let settings = R.readSettings(null);
  // owner: company summary when this host belongs to a dataset company; accent: the organizer's colour
  let site = { owner: null, accent: null };
  let dead = false;
  let running = false; // observer and listeners attached
  let generation = 0; // bumped on every reset; a scan from an older generation draws nothing
  const findings = new Map(); // block -> Map(company id -> {company, alias, kind, brand, region, badgeable})
  let regions = Region.create(); // product, content or chrome, per mention's element
  const confirmer = R.createConfirmer(); // `confirm: page` hits held until the page names their company
  const textOnPage = ([m]) => m.start.ref.isConnected; // a held hit whose text is still in the page
  const seen = new WeakSet(); // blocks collected at least once (a rescan of one clears it first)
  // Main-thread timings of this page for benchmarks (bench/), which read them in the isolated world
  // over the DevTools protocol (the page cannot see this world); never sent anywhere. A slice is one
  // synchronous stretch of our work between two awaits (a task, or part of one): mainMs sums the
  // slices, from this script's first line to the last report, longestMs is the longest. The parts:
  // setupMs (slices before the first scan pass: this script's top level, settings, the site check),
  // walkMs (collection and batching, with the scan messages sent meanwhile), mapMs (offsets back to
  // nodes), productMs (structured data), drawMs (visibility checks and badges), placeMs (badge
  // positions), reportMs (findings); inside those, sendMs (the sending calls alone) and hostMs (the
  // overlay's creation). underlineFrameMs is not ours but the browser's: the frame that paints the
  // underline once its highlight is registered (overlay.js, commit).
  // Counters only, so a long-lived tab does not grow them.
  const stats = globalThis.__backstoryStats = {
    mainMs: 0, longestMs: 0, slices: 0, setupMs: 0, walkMs: 0, sendMs: 0, mapMs: 0, productMs: 0, hostMs: 0, drawMs: 0,
    placeMs: 0, reportMs: 0, underlineFrameMs: 0, scanMs: 0, batches: 0, chars: 0, passes: 0, busy: 0,
    get badges() { return overlay?.count ?? 0; },
    get findings() { return findings.size; },
    // Product mentions (title, brand fields, structured data) with a badge, and how many are shown.
    get product() { return overlay?.inRegion('product') ?? { badges: 0, shown: 0 }; },
    // Work promised but not done yet: a look again after a scroll or resize, badges left for the
    // next frame. The geometry check waits for it before it reads badges.
    get pending() { return recheckTimer !== 0 || Boolean(overlay?.placing); },
  };
  // begin()/end() bracket every synchronous stretch of ours; they nest, so a helper can bracket its
  // own stretch inside a caller's, and only the outermost pair makes a slice.
  const clock = {
    t: 0, depth: 0,
    begin() { if (clock.depth++ === 0) clock.t = performance.now(); },
    end() {
      if (clock.depth === 0 || --clock.depth > 0) return;
      const d = performance.now() - clock.t;
      stats.mainMs += d;
      stats.slices += 1;
      if (d > stats.longestMs) stats.longestMs = d;
      if (!stats.passes && !stats.busy) stats.setupMs += d;
    },
  };
  clock.begin(); // this script's top level; ends after start() reaches its first await

  // The overlay (its element, observers and highlight), the layout observer and the shortcut's
  // listener are made when there is first something to show: most pages of a shop show nothing,
  // and each of them cost every such page at load. Until then `overlay` is null.
  let overlay = null;
  function ui() {
    if (overlay) return overlay;
    overlay = globalThis.BackstoryOverlay.create(document, { onActivate: openCard, clock, stats });
    overlay.setUnderline(settings.display === 'badges+underline');
    overlay.setAccent(site.accent);
    try { api.runtime.onMessage.addListener(onMessage); } catch { /* orphaned: the next message tears down */ }
    observeLayout();
    return overlay;
  }
  const badgeCount = () => overlay?.count ?? 0;
  const collector = globalThis.BackstoryCollect.create(document, { isOwn: (n) => overlay !== null && overlay.isHost(n), sliceMs: SLICE_MS });
  const yieldToPage = globalThis.BackstoryCollect.yieldToPage;

  const alive = () => { try { return Boolean(api.runtime?.id); } catch { return false; } };
  async function send(msg) {
    try {
      clock.begin(); // the main-thread part: checking and serializing msg (a slice of its own when alone)
      const t0 = performance.now();
      let reply;
      try { reply = api.runtime.sendMessage(msg); } finally { stats.sendMs += performance.now() - t0; clock.end(); }
      return await reply;
    } catch {
      if (!alive()) teardown(); // the extension was updated or removed under us
      return null;
    }
  }
  const badgesOn = () => settings.display === 'badges+underline' || settings.display === 'badges';
  const whenVisible = () => (document.hidden
    ? new Promise((resolve) => document.addEventListener('visibilitychange', function on() {
      if (!document.hidden) { document.removeEventListener('visibilitychange', on); resolve(); }
    }))
    : Promise.resolve());
  // Lazy: only for nodes that matched. Opacity is not checked: fade-in content starts transparent.
  const isVisible = (el) => (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0);
  // Whether it has a box at all. `visibility: hidden` keeps its box, and an IntersectionObserver
  // reports such an element as intersecting at once; watching it made a rescan loop (8 passes a
  // second, for ever, on two saved shop pages with the large dataset).
  const hasBox = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);

  // A matched node that is hidden now (a closed tab panel, a collapsed menu) is watched and its
  // block rescanned when it shows up. Only one without a box: see hasBox. Made on first use.
  let dormant = null;
  function watchHidden(el) {
    dormant ??= new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        dormant.unobserve(e.target);
        queue(e.target);
      }
    });
    dormant.observe(el);
  }

  // ---- findings ------------------------------------------------------------------------------------
  const blockHas = (block, company) => findings.get(block)?.has(company) ?? false;
  function record(block, f) {
    let m = findings.get(block);
    if (!m) findings.set(block, (m = new Map()));
    m.set(f.company, f);
  }
  function clearWithin(node) {
    for (const block of findings.keys()) if (node === block || node.contains(block)) findings.delete(block);
    confirmer.forget((block) => node === block || node.contains(block));
    overlay?.removeWithin(node);
  }
  // On the site's own pages its names are no news (23 "Kindle Edition" badges under "You are
  // shopping with Amazon"): the notice says it once, and the popup lists them. A brand another
  // company co-owns still is news there.
  const ownerSuppressed = (entry) => Boolean(site.owner) && entry.company.id === site.owner.id && (entry.owners?.length ?? 0) <= 1;
  // Quiet by default: a badge where it helps the shopper, on the product and the page's content;
  // mentions in menus, footers, buttons and dialogs are listed in the popup only.
  const wantsBadge = (entry, region) => badgesOn() && !ownerSuppressed(entry) && (settings.showAll || region !== 'chrome');

  let reportTimer = 0;
  function scheduleReport() {
    if (!reportTimer) reportTimer = setTimeout(report, REPORT_MS);
  }
  function report() {
    reportTimer = 0;
    if (dead) return;
    clock.begin();
    const t0 = performance.now();
    const list = [];
    let eligible = 0;
    for (const [block, m] of findings) {
      if (!block.isConnected) { findings.delete(block); continue; }
      for (const f of m.values()) { list.push(f); if (f.badgeable) eligible += 1; }
    }
    send({ type: 'report', ...R.summarize(list, eligible - badgeCount()) });
    stats.reportMs += performance.now() - t0;
    clock.end();
  }

  // ---- scan and draw -------------------------------------------------------------------------------
  function toRange(m) {
    try {
      const r = document.createRange();
      // An alt/title match: the element's contents, or the element itself when it has none (an img).
      if (m.start.ref.nodeType !== 3) { if (m.start.ref.firstChild) r.selectNodeContents(m.start.ref); else r.selectNode(m.start.ref); return r; }
      r.setStart(m.start.ref, m.start.offset);
      r.setEnd(m.end.ref, m.end.offset);
      return r;
    } catch { return null; } // the text changed since it was collected; the observer will rescan it
  }
  // The product title, looked up once per pass (pass() clears it): region() asks for every hit.
  let titleCache;
  const title = () => (titleCache === undefined ? (titleCache = S.titleElement(document)) : titleCache);
  // Decides one (block, company) hit: hidden by the user, hidden on the page, counted, badged.
  function accept(m, entry, items) {
    if (!entry || R.suppressed(entry, HOST, settings) || blockHas(m.block, entry.company.id)) return;
    const anchor = m.start.ref.nodeType === 3 ? m.start.ref.parentElement : m.start.ref;
    if (!anchor) return;
    if (!isVisible(anchor)) { if (!hasBox(anchor)) watchHidden(anchor); return; }
    const region = regions.region(anchor, title());
    const badgeable = wantsBadge(entry, region);
    record(m.block, { company: entry.company.id, alias: entry.alias, kind: entry.kind, brand: entry.brand?.name ?? null, region, badgeable });
    if (!badgeable || badgeCount() + items.length >= BADGE_CAP) return;
    const range = toRange(m);
    if (range) items.push({ range, anchor, block: m.block, entry, region, why: m.why });
  }

  async function process(roots, { full = false } = {}) {
    if (dead || R.pageOff(settings, HOST)) return;
    await whenVisible();
    stats.busy += 1;
    clock.begin();
    try {
      await pass(roots, full, generation);
    } finally {
      // Badges follow text the pass may have moved. Placing reads layout, so it comes before the
      // underline is shown (overlay.commit, in the next frame): no read of ours then follows a
      // style change of ours inside this task.
      if (!dead && overlay) { overlay.position(); overlay.commit(); }
      clock.end();
      stats.busy -= 1;
      stats.passes += 1;
    }
  }
  // Between clock.end() and clock.begin() our code waits (the background, or the page's turn).
  // Ends the slice and lets the page run when this slice has spent its budget (clock.t is when the
  // slice began); false when the pass is stale after the wait.
  async function breathe(gen) {
    if (performance.now() - clock.t < SLICE_MS) return true;
    clock.end();
    await yieldToPage();
    await whenVisible();
    clock.begin();
    return !dead && gen === generation;
  }
  async function pass(roots, full, gen) {
    titleCache = undefined;
    if (!full) for (const r of roots) if (r.nodeType === 1 && seen.has(r)) clearWithin(r);
    // Each batch goes to the matcher as soon as the walk has filled it, so the background matches
    // while the walk goes on; the answers are read after the walk. `done` tells whether waiting for
    // one would really end the slice (awaiting a settled promise continues the same task).
    const sent = [];
    const lang = globalThis.BackstoryCollect.pageLang(document);
    const batcher = B.createBatcher(BATCH_CHARS, (batch) => {
      if (dead || gen !== generation) return;
      const job = { batch, res: null, done: false };
      job.reply = send({ type: 'scan', text: batch.text, lang }).then((res) => { job.res = res; job.done = true; });
      sent.push(job);
      collector.endSlice();
    });
    await collector.collect(roots, batcher, stats, clock);
    // Every batch is matched first. Mapping offsets back reads no style or layout, and nothing is
    // drawn yet, so no DOM write of ours lands between the visibility reads below.
    const hits = []; // [mapped hit, entry]
    for (const job of sent) {
      if (!job.done) {
        clock.end();
        const t0 = performance.now();
        await job.reply;
        stats.scanMs += performance.now() - t0;
        clock.begin();
      }
      if (dead || gen !== generation) return;
      const { batch, res } = job;
      if (!res?.ok) { if (res) console.warn('Backstory: scan failed:', res.error); return; }
      const t0 = performance.now();
      const blocks = batch.blocks; // one entry per piece, in runs: an indexed loop, this code runs cold
      for (let i = 0, last = null; i < blocks.length; i++) if (blocks[i] !== last) { last = blocks[i]; seen.add(last); }
      if (res.hits.length) { // most batches of a page match nothing: their mapping code never runs
        const companyOf = (i) => res.entries[i]?.company?.id;
        const mapped = B.textFirst(B.mapHits(batch, res.hits), (n) => n.nodeType === 3);
        // The judge's verdict and reason ride with each hit: `waits` for the confirmer, `why` for the card.
        for (const m of mapped) { m.why = res.rules?.[m.rule] ?? null; m.waits = m.why?.verdict === 'wait'; }
        // Every hit names its company before one per block is kept: a kept "Gap" that waits for the
        // page must not hide the "Gap Inc." beside it that confirms it.
        confirmer.name(mapped.filter((m) => !m.waits).flatMap((m) => R.namesOf(res.entries[m.entry])));
        for (const m of B.onePerCompany(mapped, companyOf)) hits.push([m, res.entries[m.entry]]);
      }
      stats.batches += 1;
      stats.chars += batch.text.length;
      stats.mapMs += performance.now() - t0;
      if (!(await breathe(gen))) return;
    }
    // Hits the judge says wait (src/confirm.rs) stand only once the page names their company; one
    // named now releases those held from earlier passes (unless their text has left the page).
    const standing = confirmer.admit(hits, textOnPage);
    let t0 = performance.now();
    const product = full || roots.some((r) => r.nodeType === 1 && r.contains(S.titleElement(document))) ? readProduct() : null;
    stats.productMs += performance.now() - t0;
    if (!(await draw(standing, gen))) return;
    if (product) await structured(gen, product);
    scheduleReport();
  }
  // Accepting and drawing share the slice budget: a slice reads visibility for as many hits as
  // fit in half of it (checkVisibility updates style at most once, since nothing is written
  // between the reads), then draws what it accepted, then yields. Accepting a whole batch in one
  // go, with the badges of the previous batch just written, forced a style recalculation per
  // batch and once made a 135 ms task on a large page. False when the pass went stale.
  async function draw(standing, gen) {
    for (let i = 0; i < standing.length;) {
      if (!(await breathe(gen))) return false;
      const t0 = performance.now();
      const items = [];
      do { accept(standing[i][0], standing[i][1], items); i += 1; } while (i < standing.length && performance.now() - clock.t < SLICE_MS / 2);
      if (items.length) ui().add(items);
      stats.drawMs += performance.now() - t0;
    }
    return true;
  }

  // The product's brand from structured data: certain, so flagged at the product title even when
  // the text rules would hold an ambiguous name back.
  // Read with the hits' visibility, before anything is drawn: checking the title after our badges
  // were written forced a style recalculation (a 26-40 ms task, when the underline was still an
  // adopted document sheet).
  function readProduct() {
    const names = S.readBrands(document);
    const title = names.length ? S.titleElement(document) : null;
    return title && isVisible(title) ? { names, title } : null;
  }
  async function structured(gen, { names, title }) {
    const block = collector.blockOf(title, new Map());
    const replies = names.map((name) => send({ type: 'brand', name })); // all asked at once, read in order
    for (const reply of replies) {
      clock.end();
      const res = await reply;
      clock.begin();
      const t0 = performance.now();
      try {
        if (dead || gen !== generation || !res?.ok || !res.entry) continue;
        const entry = res.entry;
        // The page states the brand: hits of its company that wait for the page stand now.
        confirmer.name(R.namesOf(entry));
        if (R.suppressed(entry, HOST, settings) || blockHas(block, entry.company.id)) continue;
        const badgeable = wantsBadge(entry, 'product');
        record(block, { company: entry.company.id, alias: entry.alias, kind: 'structured', brand: entry.brand?.name ?? null, region: 'product', badgeable });
        if (!badgeable || badgeCount() >= BADGE_CAP) continue;
        const range = document.createRange();
        range.selectNodeContents(title);
        ui().add([{ range, anchor: title, block, entry, own: false, region: 'product', why: res.why ?? null }]);
      } finally {
        stats.productMs += performance.now() - t0;
      }
    }
    if (!dead && gen === generation) await draw(confirmer.admit([], textOnPage), gen);
  }

  // Scans run one after another so that a block is never drawn twice by racing scans.
  let chain = Promise.resolve();
  function enqueue(roots, opts) {
    chain = chain.then(() => process(roots, opts)).catch((e) => console.warn('Backstory:', e));
    return chain;
  }

  // ---- the card -------------------------------------------------------------------------------------
  async function openCard(badge) {
    const entry = badge ? badge.entry : { kind: 'company', alias: site.owner.name, brand: null, owners: [], company: site.owner };
    const res = await send({ type: 'cardInfo', company: entry.company.id, brand: entry.brand?.id ?? null });
    if (dead) return;
    const info = res?.ok ? res : {};
    const model = {
      ...entry,
      company: { ...entry.company, ...(info.company ?? {}) },
      owners: info.owners ?? entry.owners,
      alternatives: info.alternatives ?? [],
      reportUrl: info.reportUrl ?? null,
      host: HOST,
      // Why this badge: the text it stands for and the judge's rule, in the judge's words.
      why: badge?.why ? { id: badge.why.id, text: badge.range.toString().replace(/\s+/g, ' ').trim().slice(0, 80), words: badge.why.words } : null,
      dataset: info.dataset ?? null,
    };
    const card = Card.build(document, model, {
      details: (id) => send({ type: 'openProfile', id }),
      hide: badge ? () => hideMatch(entry) : null,
      close: () => overlay.closeCard(true),
    });
    overlay.showCard(badge, card);
  }
  // Remembered locally in settings.hiddenMatches; the settings listener then redraws the page.
  async function hideMatch(entry) {
    overlay.closeCard(false);
    const raw = (await api.storage.local.get('settings')).settings;
    await api.storage.local.set({ settings: R.withHiddenMatch(raw, HOST, entry.company.id, entry.alias) });
  }

  // ---- the site owner ------------------------------------------------------------------------------
  async function showNotice() {
    overlay?.hideNotice();
    if (!site.owner || R.pageOff(settings, HOST)) return;
    const dismissed = (await api.storage.local.get('noticeDismissed')).noticeDismissed;
    if (Array.isArray(dismissed) && dismissed.includes(HOST)) return;
    clock.begin();
    try { drawNotice(); } finally { clock.end(); }
  }
  function drawNotice() {
    ui().showNotice({
      text: Card.t('page_notice', [site.owner.name]),
      color: site.owner.categories?.[0]?.color,
      openLabel: Card.t('page_notice_details'),
      dismissLabel: Card.t('page_notice_dismiss'),
      onOpen: () => openCard(null),
      onDismiss: async () => {
        const list = (await api.storage.local.get('noticeDismissed')).noticeDismissed;
        const next = Array.isArray(list) ? list.filter((h) => typeof h === 'string') : [];
        if (!next.includes(HOST)) next.push(HOST);
        await api.storage.local.set({ noticeDismissed: next });
      },
    });
  }

  // ---- watch for changes ----------------------------------------------------------------------------
  // The callback only queues; work waits for the burst to settle and for a frame (uBlock Origin).
  const queued = new Set();
  let overflow = false, removals = false, timer = 0, frame = 0;
  let lastPath = location.href.split('#')[0];
  const observer = new MutationObserver((records) => {
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
    if (timer || frame || dead) return;
    timer = setTimeout(() => { timer = 0; frame = requestAnimationFrame(flush); }, SETTLE_MS);
  }
  function flush() {
    clock.begin();
    try { flushQueued(); } finally { clock.end(); }
  }
  function flushQueued() {
    frame = 0;
    if (dead) return;
    if (!alive()) { teardown(); return; }
    if (document.hidden) { whenVisible().then(schedule); return; }
    if (location.href.split('#')[0] !== lastPath) { routeChanged(); return; }
    if (removals) { removals = false; overlay?.prune(); overlay?.position(undefined, { recheck: true }); scheduleReport(); }
    let roots;
    const full = overflow;
    if (overflow) roots = [document.body];
    else {
      // Rescan each change's whole block, so context rules see the text around it.
      const cache = new Map();
      const blocks = new Set();
      for (const n of queued) {
        if (!n.isConnected || (n.nodeType !== 1 && n.nodeType !== 3)) continue;
        const b = n.nodeType === 1 && B.isBlockTag(n.tagName) ? n : collector.blockOf(n, cache);
        if (b) blocks.add(b);
      }
      roots = [...blocks].filter((b) => ![...blocks].some((o) => o !== b && o.contains(b)));
    }
    queued.clear();
    overflow = false;
    if (roots.length) enqueue(roots, { full });
  }

  // Client-side route change (history API, popstate): the page's findings start over.
  function routeChanged() {
    lastPath = location.href.split('#')[0];
    reset();
    scheduleReport();
    overflow = true;
    schedule();
  }
  function reset() {
    generation += 1;
    findings.clear();
    confirmer.reset();
    regions = Region.create();
    overlay?.removeAll();
    overlay?.closeCard(false);
  }

  // Badges follow their text without work per frame. The overlay scrolls with the document, so a
  // page scroll moves no badge; text in an inner scroller (a carousel, a side list) is followed
  // frame by frame only while that scroller scrolls, and only its own badges. A reflow, a resize,
  // the end of a scroll and a click (a cookie banner closed) look again once things settle: text
  // that moved, a spot that something now covers or no longer covers.
  let innerScrolled = null, framePending = false, recheckTimer = 0;
  function onScroll(e) {
    if (!overlay) return;
    const t = e.target;
    if (t.nodeType !== 1 || t === document.documentElement || t === document.body) { settleThenRecheck(); return; }
    // An inner scroller moves only what it holds.
    if (!overlay.holdsAny(t)) return;
    followInner(t);
    settleThenRecheck();
  }
  function followInner(el) {
    if (!overlay || dead) return;
    (innerScrolled ??= new Set()).add(el);
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      const scrolled = innerScrolled;
      innerScrolled = null;
      if (dead || !overlay) return;
      const list = new Set();
      for (const el of scrolled) for (const b of overlay.within(el)) list.add(b);
      if (!list.size) return;
      clock.begin();
      overlay.position([...list]);
      clock.end();
    });
  }
  function settleThenRecheck() {
    if (!overlay || dead) return;
    clearTimeout(recheckTimer);
    recheckTimer = setTimeout(recheck, RECHECK_MS);
  }
  function recheck() {
    recheckTimer = 0;
    if (dead || !overlay) return;
    if (!alive()) { teardown(); return; }
    clock.begin();
    overlay.position(undefined, { recheck: true });
    clock.end();
  }
  // Reflow moves text under badges; the observer is only worth its tasks once there is an
  // overlay. Its first report answers observe() itself, and comes right after the pass that made
  // the overlay placed every badge: placing them all again then cost 1 to 4 ms on shop pages.
  let resizeObserver = null;
  function observeLayout() {
    if (!running || !overlay || resizeObserver) return;
    let first = true;
    resizeObserver = new ResizeObserver(() => { if (first) first = false; else settleThenRecheck(); });
    resizeObserver.observe(document.documentElement);
    resizeObserver.observe(document.body);
  }
  const onPop = () => { if (location.href.split('#')[0] !== lastPath) routeChanged(); };
  const onVisible = () => { if (!document.hidden && !alive()) teardown(); };
  function onMessage(msg, sender) {
    // Only the background (no tab) may ask; a page cannot reach this listener at all.
    if (sender?.id !== api.runtime.id || sender.tab || msg?.type !== 'cycleBadges') return;
    overlay?.focusNext();
  }

  // Every page listener is added with one signal, so detaching cannot forget one.
  let listening = null;
  function attach() {
    if (running || !document.body) return;
    running = true;
    listening = new AbortController();
    const on = { signal: listening.signal, passive: true };
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    addEventListener('scroll', onScroll, { ...on, capture: true });
    addEventListener('resize', settleThenRecheck, on);
    addEventListener('pointerup', settleThenRecheck, { ...on, capture: true });
    addEventListener('keyup', settleThenRecheck, { ...on, capture: true });
    addEventListener('popstate', onPop, on);
    globalThis.navigation?.addEventListener?.('currententrychange', onPop, on);
    observeLayout();
  }
  function detach() {
    running = false;
    observer.disconnect();
    listening?.abort();
    listening = null;
    resizeObserver?.disconnect();
    resizeObserver = null;
    dormant?.disconnect();
    clearTimeout(timer);
    clearTimeout(recheckTimer);
    cancelAnimationFrame(frame);
    timer = frame = recheckTimer = 0;
    queued.clear();
  }
  // Orphaned (the extension was updated, reloaded or disabled): remove every trace from the page.
  function teardown() {
    if (dead) return;
    dead = true;
    detach();
    clearTimeout(reportTimer);
    document.removeEventListener('visibilitychange', onVisible);
    try { api.storage.onChanged.removeListener(onSettings); api.runtime.onMessage.removeListener(onMessage); } catch { /* gone */ }
    findings.clear();
    overlay?.destroy();
  }

  // Settings changed in options or the popup: start the page over with the new rules.
  function onSettings(changes, area) {
    if (area !== 'local' || !('settings' in changes) || dead) return;
    settings = R.readSettings(changes.settings.newValue);
    apply();
  }
  async function apply() {
    clock.begin();
    let notice;
    try {
      reset();
      overlay?.setUnderline(settings.display === 'badges+underline');
      if (R.pageOff(settings, HOST)) {
        detach();
        overlay?.hideNotice();
        scheduleReport();
        return;
      }
      attach();
      notice = showNotice();
    } finally {
      clock.end();
    }
    await notice;
    await enqueue([document.body], { full: true });
  }

  async function start() {
    let raw = null;
    try { raw = (await api.storage.local.get('settings')).settings; } catch { /* defaults */ }
    clock.begin();
    try {
      settings = R.readSettings(raw);
      api.storage.onChanged.addListener(onSettings);
      document.addEventListener('visibilitychange', onVisible);
      if (!document.body || R.pageOff(settings, HOST)) { scheduleReport(); return; }
    } finally {
      clock.end();
    }
    await whenVisible();
    const res = await send({ type: 'site' });
    clock.begin();
    site = { owner: res?.ok ? res.owner : null, accent: res?.ok ? res.accent : null };
    overlay?.setAccent(site.accent);
    const applied = apply();
    clock.end();
    await applied;
  }
  start();
  clock.end(); // the top level, begun at the first line
})();
