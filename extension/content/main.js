// Content script entry: the page pipeline, read top to bottom.
//   start: one site check brings the settings (rules.js) and who runs this site (cards.js notice) -> pass:
//   collect text in batches (collect.js, blocks.js) -> send each to the background's engine ->
//   the judge's answer: offsets back to (node, offset), hits that wait for the page (rules.js) ->
//   draw: visibility, findings and badges (overlay.js) -> product data (structured.js) -> report.
// Page watching (watch.js) hands changed blocks back to the same pass; benchmark timing lives in
// timing.js. Runs at document_idle in the top frame. Nothing from the page leaves the device: the
// background is this extension's own worker. Hidden tabs do no work; an idle page runs no timers.
import '../api.js';
import Format from '../shared/format.js';
import R from '../shared/rules.js';
import * as B from './blocks.js';
import * as Cards from './cards.js';
import * as Collect from './collect.js';
import * as Overlay from './overlay.js';
import * as Region from './region.js';
import * as S from './structured.js';
import * as Timing from './timing.js';
import * as Watch from './watch.js';

// card.js, a classic script in the popup as well, finds the interface's formats on globalThis.
globalThis.BackstoryFormat = Format;

// A site added with "Check this site too" may also be injected by executeScript: run once.
if (!globalThis.__backstoryStarted) {
  globalThis.__backstoryStarted = true;
  run();
}

function run() {
  const api = globalThis.BackstoryApi;
  const HOST = location.hostname;

  // One scan message: ~1 ms to match in the background, sent while the walk goes on, so its round
  // trip costs the page nothing; sending it takes 0.1 to 1 ms here. Batches of 128 K were measured
  // no cheaper in all, and made the slice that sends one longer.
  const BATCH_CHARS = 32768;
  const SLICE_MS = 4; // DOM-walk budget before yielding to the page (uBlock Origin uses ~4 ms)
  const BADGE_CAP = 150; // badges per page; the rest are listed in the popup from the findings
  const REPORT_MS = 250; // findings reports are coalesced

  // The content script's life: aborted when the extension goes away under the page (teardown).
  const life = new AbortController();
  const dead = () => life.signal.aborted;
  let settings = R.readSettings(null);
  // owner: company summary when this host belongs to a dataset company; accent: the organizer's colour
  let site = { owner: null, accent: null };
  let generation = 0; // bumped on every reset; a scan from an older generation draws nothing
  const findings = new Map(); // block -> Map(company id -> {company, alias, kind, brand, region, badgeable})
  let regions = Region.create(); // product, content or chrome, per mention's element
  const confirmer = R.createConfirmer(); // `confirm: page` hits held until the page names their company
  const textOnPage = ([m]) => m.start.ref.isConnected; // a held hit whose text is still in the page
  const seen = new WeakSet(); // blocks collected at least once (a rescan of one clears it first)
  // The overlay (its element, observers and highlight), the layout observer and the shortcut's
  // listener are made when there is first something to show: most pages of a shop show nothing,
  // and each of them cost every such page at load. Until then `overlay` is null.
  let overlay = null;
  const badgeCount = () => overlay?.count ?? 0;

  const { stats, clock } = Timing.create({
    badges: badgeCount,
    findings: () => findings.size,
    product: () => overlay?.inRegion('product') ?? { badges: 0, shown: 0 },
    pending: () => watch.pending || Boolean(overlay?.placing),
  });
  clock.begin(); // this script's top level; ends after start() reaches its first await

  const collector = Collect.create(document, { isOwn: (n) => overlay !== null && overlay.isHost(n), sliceMs: SLICE_MS });
  const yieldToPage = Collect.yieldToPage;
  const whenVisible = () => Watch.whenVisible(document);
  const alive = () => { try { return Boolean(api.runtime?.id); } catch { return false; } };
  async function send(msg) {
    try {
      clock.begin(); // the main-thread part: checking and serializing msg (a slice of its own when alone)
      const t0 = performance.now();
      let reply;
      try { reply = api.runtime.sendMessage(msg); } finally { clock.since('sendMs', t0); clock.end(); }
      return await reply;
    } catch {
      if (!alive()) teardown(); // the extension was updated or removed under us
      return null;
    }
  }
  const watch = Watch.create(document, life.signal, {
    overlay: () => overlay, blockOf: collector.blockOf, clock, alive, teardown,
    rescan: (roots, opts) => enqueue(roots, opts),
    routeChanged: () => { reset(); scheduleReport(); },
    removed: () => { overlay?.prune(); overlay?.position(undefined, { recheck: true }); scheduleReport(); },
  });
  const cards = Cards.create({
    api, host: HOST, signal: life.signal, send, ui, overlay: () => overlay, site: () => site, clock,
  });
  function ui() {
    if (overlay) return overlay;
    overlay = Overlay.create(document, { onActivate: cards.open, clock, stats });
    overlay.setUnderline(settings.display === 'badges+underline');
    overlay.setAccent(site.accent);
    try { api.runtime.onMessage.addListener(onMessage); } catch { /* orphaned: the next message tears down */ }
    watch.observeLayout();
    return overlay;
  }

  // ---- start ------------------------------------------------------------------------------------------
  // One round trip: the user's settings come with the site's facts (background/page.js site).
  async function start() {
    await whenVisible();
    const res = await send({ type: 'site' });
    if (dead()) return;
    clock.begin();
    settings = R.readSettings(res?.ok ? res.settings : null);
    api.storage.onChanged.addListener(onSettings);
    document.addEventListener('visibilitychange', onVisible, { signal: life.signal });
    if (!document.body || R.pageOff(settings, HOST)) {
      scheduleReport();
      clock.end();
      return;
    }
    site = { owner: res?.ok ? res.owner : null, accent: res?.ok ? res.accent : null };
    const applied = apply();
    clock.end();
    await applied;
  }
  // Settings changed in options or the popup: start the page over with the new rules.
  function onSettings(changes, area) {
    if (area !== 'local' || !('settings' in changes) || dead()) return;
    settings = R.readSettings(changes.settings.newValue);
    apply();
  }
  async function apply() {
    const notice = clock.run(() => {
      reset();
      overlay?.setUnderline(settings.display === 'badges+underline');
      if (R.pageOff(settings, HOST)) {
        watch.stop();
        overlay?.hideNotice();
        scheduleReport();
        return null;
      }
      watch.start();
      return cards.showNotice();
    });
    if (!notice) return;
    await notice;
    await enqueue([document.body], { full: true });
  }
  function reset() {
    generation += 1;
    findings.clear();
    confirmer.reset();
    regions = Region.create();
    overlay?.removeAll();
    overlay?.closeCard(false);
  }

  // ---- pass: collect, send, the judge's answer ------------------------------------------------------
  // Scans run one after another so that a block is never drawn twice by racing scans.
  let chain = Promise.resolve();
  function enqueue(roots, opts) {
    chain = chain.then(() => process(roots, opts)).catch((e) => console.warn('Backstory:', e));
    return chain;
  }
  async function process(roots, { full = false } = {}) {
    if (dead() || R.pageOff(settings, HOST)) return;
    await whenVisible();
    stats.busy += 1;
    clock.begin();
    try {
      await pass(roots, full, generation);
    } finally {
      // Badges follow text the pass may have moved. Placing reads layout, so it comes before the
      // underline is shown (overlay.commit, in the next frame): no read of ours then follows a
      // style change of ours inside this task.
      if (!dead() && overlay) { overlay.position(); overlay.commit(); }
      clock.end();
      stats.busy -= 1;
      stats.passes += 1;
    }
  }
  const current = (gen) => !dead() && gen === generation;
  // Ends the slice and lets the page run when this slice has spent its budget (clock.t is when the
  // slice began); false when the pass is stale after the wait.
  async function breathe(gen) {
    if (performance.now() - clock.t < SLICE_MS) return true;
    await clock.outside(yieldToPage().then(whenVisible));
    return current(gen);
  }
  async function pass(roots, full, gen) {
    titleCache = undefined;
    if (!full) for (const r of roots) if (r.nodeType === 1 && seen.has(r)) clearWithin(r);
    // Each batch goes to the matcher as soon as the walk has filled it, so the background matches
    // while the walk goes on; the answers are read after the walk. `done` tells whether waiting for
    // one would really end the slice (awaiting a settled promise continues the same task).
    const sent = [];
    const lang = Collect.pageLang(document);
    const batcher = B.createBatcher(BATCH_CHARS, (batch) => {
      if (!current(gen)) return;
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
      if (!job.done) await clock.outside(job.reply, 'scanMs');
      if (!current(gen)) return;
      if (!job.res?.ok) { if (job.res) console.warn('Backstory: scan failed:', job.res.error); return; }
      const t0 = performance.now();
      hits.push(...answer(job.batch, job.res));
      clock.since('mapMs', t0);
      if (!(await breathe(gen))) return;
    }
    // Hits the judge says wait (src/confirm.rs) stand only once the page names their company; one
    // named now releases those held from earlier passes (unless their text has left the page).
    const standing = confirmer.admit(hits, textOnPage);
    const t0 = performance.now();
    const product = full || roots.some((r) => r.nodeType === 1 && r.contains(S.titleElement(document))) ? readProduct() : null;
    clock.since('productMs', t0);
    if (!(await draw(standing, gen))) return;
    if (product) await structured(gen, product);
    scheduleReport();
  }
  // One batch's answer: its hits mapped back to (node, offset), with the judge's rule, one per
  // company and block, each with its entry; the companies named outright are told the confirmer.
  function answer(batch, res) {
    const blocks = batch.blocks; // one entry per piece, in runs: an indexed loop, this code runs cold
    for (let i = 0, last = null; i < blocks.length; i++) if (blocks[i] !== last) { last = blocks[i]; seen.add(last); }
    stats.batches += 1;
    stats.chars += batch.text.length;
    if (!res.hits.length) return []; // most batches of a page match nothing: their mapping code never runs
    const companyOf = (i) => res.entries[i]?.company?.id;
    const mapped = B.textFirst(B.mapHits(batch, res.hits), (n) => n.nodeType === 3);
    // The judge's verdict and reason ride with each hit: `waits` for the confirmer, `why` for the card.
    for (const m of mapped) { m.why = res.rules?.[m.rule] ?? null; m.waits = m.why?.verdict === 'wait'; }
    // Every hit names its company before one per block is kept: a kept "Gap" that waits for the
    // page must not hide the "Gap Inc." beside it that confirms it.
    confirmer.name(mapped.filter((m) => !m.waits).flatMap((m) => R.namesOf(res.entries[m.entry])));
    return B.onePerCompany(mapped, companyOf).map((m) => [m, res.entries[m.entry]]);
  }

  // ---- draw ---------------------------------------------------------------------------------------------
  const badgesOn = () => settings.display === 'badges+underline' || settings.display === 'badges';
  // Lazy: only for nodes that matched. Opacity is not checked: fade-in content starts transparent.
  const isVisible = (el) => (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0);
  // Whether it has a box at all. `visibility: hidden` keeps its box, and an IntersectionObserver
  // reports such an element as intersecting at once; watching it made a rescan loop (8 passes a
  // second, for ever, on two saved shop pages with the large dataset).
  const hasBox = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
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
    if (!isVisible(anchor)) { if (!hasBox(anchor)) watch.watchHidden(anchor); return; }
    const region = regions.region(anchor, title());
    const badgeable = wantsBadge(entry, region);
    record(m.block, { company: entry.company.id, alias: entry.alias, kind: entry.kind, brand: entry.brand?.name ?? null, region, badgeable });
    if (!badgeable || badgeCount() + items.length >= BADGE_CAP) return;
    const range = toRange(m);
    if (range) items.push({ range, anchor, block: m.block, entry, region, why: m.why });
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
      clock.since('drawMs', t0);
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
    const heading = names.length ? S.titleElement(document) : null;
    return heading && isVisible(heading) ? { names, title: heading } : null;
  }
  async function structured(gen, product) {
    const block = collector.blockOf(product.title, new Map());
    const replies = product.names.map((name) => send({ type: 'brand', name })); // all asked at once, read in order
    for (const reply of replies) {
      const res = await clock.outside(reply);
      const t0 = performance.now();
      if (current(gen) && res?.ok && res.entry) drawBrand(res, product.title, block);
      clock.since('productMs', t0);
    }
    if (current(gen)) await draw(confirmer.admit([], textOnPage), gen);
  }
  function drawBrand({ entry, why }, heading, block) {
    // The page states the brand: hits of its company that wait for the page stand now.
    confirmer.name(R.namesOf(entry));
    if (R.suppressed(entry, HOST, settings) || blockHas(block, entry.company.id)) return;
    const badgeable = wantsBadge(entry, 'product');
    record(block, { company: entry.company.id, alias: entry.alias, kind: 'structured', brand: entry.brand?.name ?? null, region: 'product', badgeable });
    if (!badgeable || badgeCount() >= BADGE_CAP) return;
    const range = document.createRange();
    range.selectNodeContents(heading);
    ui().add([{ range, anchor: heading, block, entry, own: false, region: 'product', why: why ?? null }]);
  }

  // ---- report ---------------------------------------------------------------------------------------
  let reportTimer = 0;
  function scheduleReport() {
    if (!reportTimer) reportTimer = setTimeout(report, REPORT_MS);
  }
  life.signal.addEventListener('abort', () => clearTimeout(reportTimer));
  function report() {
    reportTimer = 0;
    if (dead()) return;
    clock.begin();
    const t0 = performance.now();
    const list = [];
    let eligible = 0;
    for (const [block, m] of findings) {
      if (!block.isConnected) { findings.delete(block); continue; }
      for (const f of m.values()) { list.push(f); if (f.badgeable) eligible += 1; }
    }
    send({ type: 'report', ...R.summarize(list, eligible - badgeCount()) });
    clock.since('reportMs', t0);
    clock.end();
  }

  // ---- the extension's messages, and teardown ---------------------------------------------------------
  function onMessage(msg, sender) {
    // Only the background (no tab) may ask; a page cannot reach this listener at all.
    if (sender?.id !== api.runtime.id || sender.tab || msg?.type !== 'cycleBadges') return;
    overlay?.focusNext();
  }
  const onVisible = () => { if (!document.hidden && !alive()) teardown(); };
  // Orphaned (the extension was updated, reloaded or disabled): every listener, observer and timer
  // goes with the one signal, then the overlay with every trace on the page.
  life.signal.addEventListener('abort', () => {
    try { api.storage.onChanged.removeListener(onSettings); api.runtime.onMessage.removeListener(onMessage); } catch { /* gone */ }
    findings.clear();
    overlay?.destroy();
  });
  function teardown() {
    life.abort();
  }

  start();
  clock.end(); // the top level, begun at the first line
}
