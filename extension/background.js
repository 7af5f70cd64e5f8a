// Background (Chromium service worker / Firefox event page): owns the wasm matcher and answers
// the content script and the popup. The engine is built once per worker life, on first use.
import './api.js';
import './shared/safe.js'; // before card.js, which reads it
import './shared/format.js';
import './shared/card.js';
import './shared/dataset-text.js';
import init, { Engine } from './pkg/backstory.js';
import * as pages from './background/pages.js';
import * as page from './background/page.js';
import * as updates from './background/updates.js';

const api = globalThis.BackstoryApi;
const { httpsUrl } = globalThis.BackstorySafe;
const MAX_SCAN_CHARS = 1 << 20; // one message never carries more than 1 Mi UTF-16 units of page text
const MAX_QUERY_CHARS = 200;

// Every message type, in one place: who may send it, its shape, and what answers it.
// 'content' = any context of this extension (its content script in a tab, or its own pages);
// 'page' = the content script in a web page only (reports and site facts are about that tab);
// 'extension' = this extension's own pages only (popup, options), never a content script,
// because a content script runs inside a page that may be hostile.
const MESSAGES = {
  scan: { from: 'content', keys: ['text', 'lang'], valid: (m) => typeof m.text === 'string' && m.text.length <= MAX_SCAN_CHARS && (m.lang == null || (typeof m.lang === 'string' && m.lang.length <= 35)), run: scan },
  search: {
    from: 'extension', keys: ['query', 'limit'],
    valid: (m) => typeof m.query === 'string' && m.query.length <= MAX_QUERY_CHARS &&
      (m.limit === undefined || (Number.isInteger(m.limit) && m.limit > 0 && m.limit <= 50)),
    run: search,
  },
  company: { from: 'extension', keys: ['id'], valid: (m) => typeof m.id === 'string' && m.id.length <= 200, run: company },
  info: { from: 'extension', keys: [], valid: () => true, run: info },
  dataset: { from: 'extension', keys: [], valid: () => true, run: pages.dataset },
  loadDataset: { from: 'extension', keys: ['json', 'name'], valid: pages.validLoad, run: (m) => pages.loadDataset(m, 'file') },
  resetDataset: { from: 'extension', keys: [], valid: () => true, run: pages.resetDataset },
  profile: { from: 'extension', keys: ['id'], valid: (m) => typeof m.id === 'string' && m.id.length <= 200, run: pages.profile },
  site: { from: 'page', keys: [], valid: page.validSite, run: page.site },
  brand: { from: 'page', keys: ['name'], valid: page.validBrand, run: page.brand },
  report: { from: 'page', keys: ['companies', 'capped'], valid: page.validReport, run: page.report },
  cardInfo: { from: 'content', keys: ['company', 'brand'], valid: page.validCardInfo, run: page.cardInfo },
  openProfile: { from: 'page', keys: ['id'], valid: page.validOpenProfile, run: page.openProfile },
  addSite: { from: 'extension', keys: ['origin'], valid: page.validOrigin, run: page.addSite },
  removeSite: { from: 'extension', keys: ['origin'], valid: page.validOrigin, run: page.removeSite },
  siteStatus: { from: 'extension', keys: ['origin'], valid: page.validOrigin, run: page.siteStatus },
  updateStatus: { from: 'extension', keys: [], valid: () => true, run: updates.updateStatus },
  setSubscription: { from: 'extension', keys: ['url', 'public_key'], valid: updates.validSubscription, run: updates.setSubscription },
  removeSubscription: { from: 'extension', keys: [], valid: () => true, run: updates.removeSubscription },
  checkNow: { from: 'extension', keys: [], valid: () => true, run: updates.checkNow },
};

// Cached promise: concurrent first messages share one load; a failed load is retried next time.
let enginePromise = null;
// Counters for `make bench` (bench/), returned by `info`: engine build time, matcher time per scan
// message (scanMs: the whole handler; engineMs: the engine's scan inside it, the rest is the hits'
// summaries) and the wasm linear memory; kept in this worker's memory only, never sent anywhere.
const stats = { loadMs: null, loads: 0, scans: 0, scanMs: 0, engineMs: 0, wasmBytes: null };
let wasmMemory = null;
function getEngine() {
  enginePromise ??= load().catch((err) => { enginePromise = null; throw err; });
  return enginePromise;
}
async function load() {
  const t0 = performance.now();
  wasmMemory = (await init({ module_or_path: api.runtime.getURL('extension/pkg/backstory_bg.wasm') })).memory;
  const engine = await pages.startEngine(); // the dataset loaded in options, else the bundled one
  stats.loadMs = Math.round(performance.now() - t0);
  stats.loads += 1;
  return engine;
}

// The dataset's text in the interface's language (shared/dataset-text.js), for every view of a
// company or category the background hands out: the card in the content script, the popup, the
// profile page and options all get it from here, so none of them reads translations itself.
const textLocale = () => globalThis.BackstoryFormat.current().locale;
const localCompany = (c) => globalThis.BackstoryDatasetText.company(c, textLocale());
const localCategory = (k) => globalThis.BackstoryDatasetText.category(k, textLocale());
const localText = (item, key) => globalThis.BackstoryDatasetText.text(item, key, textLocale());
const localProfile = (item) => globalThis.BackstoryDatasetText.profile(item, textLocale());
const local = { company: localCompany, category: localCategory, text: localText, profile: localProfile };

// Entry and company summaries sent to content scripts; fields are picked explicitly so that
// nothing the engine may add later (or a Map that would not survive messaging) leaks through.
const entryCache = new Map();
const companyCache = new Map();
function companySummary(engine, id) {
  if (companyCache.has(id)) return companyCache.get(id);
  // The brief, not the whole company: converting a company with its aliases and profile was most
  // of this handler's time on a large dataset, where each page brings new companies.
  const c = engine.companyBrief(id);
  const out = c ? {
    id: String(c.id), name: String(localText(c, 'name')),
    badge: String(c.badge_text ?? ''), // the engine's short label (src/badge.rs), never made here
    profile_url: httpsUrl(c.profile_url),
    categories: (c.category_details ?? []).map(localCategory).map((d) => ({ id: String(d.id), label: String(d.label), color: String(d.color ?? '') })),
  } : null;
  // The badge's accessible name, localized here: the first i18n.getMessage in a content script
  // loads the message catalog synchronously on the page's main thread (1.4 to 3 ms measured), and
  // a page that only shows badges needs no other string.
  if (out) out.label = globalThis.BackstoryCard.badgeLabel(out);
  companyCache.set(id, out);
  return out;
}
// A dataset loaded in options replaces the engine; cached summaries belonged to the old one.
function replaceEngine(engine) {
  enginePromise = Promise.resolve(engine);
  entryCache.clear();
  companyCache.clear();
}
pages.connect({ getEngine, replaceEngine, local });
page.connect({ getEngine, companySummary, licence: licenceSummary, local, rule: (id) => ruleTable().find((r) => r.id === id) ?? null });
updates.connect({ getEngine, loadVerified: (json, name) => pages.loadDataset({ json, name }, 'update') });
function entrySummary(engine, index) {
  if (entryCache.has(index)) return entryCache.get(index);
  const e = engine.entry(index);
  const out = e ? {
    kind: String(e.kind), alias: String(e.alias),
    brand: e.brand ? { id: String(e.brand.id), name: String(e.brand.name) } : null,
    // Owners by their names in the interface's language, as the company itself (companySummary).
    owners: (e.owners ?? []).map((o) => ({ id: String(o.id), name: companySummary(engine, String(o.id))?.name ?? String(o.name), share: typeof o.share === 'number' ? o.share : null })),
    company: companySummary(engine, e.company.id) ?? { id: String(e.company.id), name: String(e.company.name), profile_url: null, categories: [] },
    licensee: licenceSummary(engine, e.licensee),
  } : null;
  entryCache.set(index, out);
  return out;
}
// Who runs a licensed brand (Engine.entry's `licensee`): a dataset company by its name in the
// interface's language, else the dataset's plain name; `in_market` when the name is scoped to the
// page's market.
function licenceSummary(engine, l) {
  if (!l || typeof l.name !== 'string') return null;
  const id = typeof l.id === 'string' ? l.id : null;
  return { id, name: (id && companySummary(engine, id)?.name) || String(l.name), in_market: l.in_market === true };
}
function pageHost(sender) {
  if (sender?.tab == null || typeof sender.url !== 'string' || sender.url.startsWith(api.runtime.getURL(''))) return undefined;
  try { return new URL(sender.url).hostname || undefined; } catch { return undefined; }
}

async function scan(m, sender) {
  const engine = await getEngine();
  const t0 = performance.now();
  // The page's host lets the engine take "Gap" on gap.com as the brand (`confirm: page`). It
  // comes from the browser, not the message, and never leaves the extension. The page's language
  // tells the judge which names are ordinary words there.
  const lang = m.lang ?? detectedLang(sender, m.text);
  const hits = Array.from(engine.scan(m.text, pageHost(sender), lang)); // sendMessage does not carry a Uint32Array intact
  stats.engineMs += performance.now() - t0; // the rest of the handler: summaries of the hits
  const entries = {};
  const rules = {};
  for (let i = 0; i < hits.length; i += HIT_FIELDS) {
    const [entry, rule] = [hits[i + 3], hits[i + 4]];
    if (!(entry in entries)) entries[entry] = entrySummary(engine, entry);
    if (!(rule in rules)) rules[rule] = ruleTable()[rule] ?? null;
  }
  stats.scans += 1;
  stats.scanMs += performance.now() - t0;
  return { hits, entries, rules };
}
// A page that declares no language is told one from its first batch (src/detect.rs; `backstory
// scan` takes the same sample), remembered per frame and address so its later batches are judged
// alike. Kept in memory only, for the last pages.
const detected = new Map();
function detectedLang(sender, text) {
  const key = `${sender?.tab?.id}:${sender?.frameId}:${sender?.url}`;
  if (!detected.has(key)) {
    detected.set(key, Engine.detectLanguage(text) ?? null);
    if (detected.size > 200) detected.delete(detected.keys().next().value);
  }
  return detected.get(key) ?? undefined;
}
// Values per hit in `Engine.scan`'s flat answer: start, end, kind, entry, rule.
const HIT_FIELDS = 5;
// The judge's rule table (src/judge.rs), the same for every engine: read once.
let rules = null;
function ruleTable() {
  rules ??= Array.from(Engine.rules(), (r) => ({ id: String(r.id), verdict: String(r.verdict), words: String(r.words) }));
  return rules;
}
async function search(m) {
  const engine = await getEngine();
  return { results: engine.search(m.query, m.limit ?? 10) };
}
async function company(m) {
  const engine = await getEngine();
  return { company: localCompany(engine.company(m.id)) ?? null };
}
async function info() {
  const engine = await getEngine();
  return { info: engine.info(), stats: { ...stats, wasmBytes: wasmMemory?.buffer.byteLength ?? null } };
}

function senderAllowed(sender, from) {
  if (!sender || sender.id !== api.runtime.id) return false;
  const extPage = typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''));
  if (from === 'page') return !extPage && sender.tab != null; // the content script in a web page only
  return from === 'content' ? (extPage || sender.tab != null) : extPage;
}
function shapeError(m) {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'message must be an object';
  // typeof first: hasOwn would turn {type: ['scan']} into the key 'scan'.
  const spec = typeof m.type === 'string' && Object.hasOwn(MESSAGES, m.type) ? MESSAGES[m.type] : null;
  if (!spec) return 'unknown message type';
  for (const k of Object.keys(m)) if (k !== 'type' && !spec.keys.includes(k)) return `unexpected field ${k}`;
  return spec.valid(m) ? null : `bad ${m.type} message`;
}

// sendResponse + `return true` works in both browsers; returning a promise does not everywhere.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const err = shapeError(message);
  if (err) { sendResponse({ ok: false, error: err }); return false; }
  const spec = MESSAGES[message.type];
  if (!senderAllowed(sender, spec.from)) { sendResponse({ ok: false, error: 'sender not allowed' }); return false; }
  spec.run(message, sender).then(
    (body) => sendResponse({ ok: true, ...body }),
    (e) => sendResponse({ ok: false, error: String(e?.message ?? e) }),
  );
  return true;
});

// Start loading at install/startup so the first page scan rarely pays the cold path.
api.runtime.onInstalled?.addListener(() => { getEngine().catch(() => {}); updates.schedule().catch(() => {}); });
api.runtime.onStartup?.addListener(() => { getEngine().catch(() => {}); updates.schedule().catch(() => {}); });
