// Background handlers for the content script and the page-side features: who runs this site, a
// product's structured brand, the card's details, per-tab findings and the toolbar count, the
// badge-cycling shortcut, and sites added with "Check this site too" (registered content scripts).
// background.js registers each handler in its MESSAGES table.
import '../api.js';
import '../shared/safe.js';
import '../shared/rules.js';
import { accentColor, organizerAccent } from './config.js';
import { neededBy, release } from './origins.js';

const api = globalThis.BackstoryApi;
const Rules = globalThis.BackstoryRules;
const SITES = 'sites'; // storage.local: [origin] added with "Check this site too" (shared contract)
const findingsKey = (tabId) => `findings:${tabId}`;
const KINDS = ['brand', 'company', 'symbol', 'structured'];
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;

let host = null; // {getEngine, companySummary, licence, local (dataset text in the interface's language)} from background.js
export function connect(engineHost) { host = engineHost; }

const hostOf = (url) => { try { return new URL(url).hostname; } catch { return ''; } };
const str = (v, max = 200) => typeof v === 'string' && v.length > 0 && v.length <= max;

// ---- a brand's owners and alternatives, from the engine (src/views.rs brand_card) ---------------
// Owners' names in the interface's language; null when the dataset has no such brand.
function brandFacts(engine, id) {
  const b = id == null ? null : engine.brandCard(String(id));
  if (!b) return null;
  return {
    name: b.name,
    owners: b.owners.map((o) => ({ id: o.id, name: o.company ? host.local.text(o.company, 'name') : o.id, share: typeof o.share === 'number' ? o.share : null })),
    alternatives: b.alternatives,
  };
}

// ---- content-script handlers ----------------------------------------------------------------------
export const validSite = () => true;
// The host comes from the sender, never from the message: a page cannot claim to be another site.
// The user's settings come with the answer, so the content script starts in one round trip; a
// page the settings switch off wakes no engine. An engine that fails to load still answers with
// the settings (a paused site stays paused); the scans then report the failure.
export async function site(m, sender) {
  const { settings = null } = await api.storage.local.get('settings');
  const pageHost = hostOf(sender.url);
  if (Rules.pageOff(Rules.readSettings(settings), pageHost)) return { settings, owner: null, accent: null };
  let engine;
  try { engine = await host.getEngine(); } catch { return { settings, owner: null, accent: null }; }
  const id = engine.companyForHost(pageHost);
  return { settings, owner: id ? host.companySummary(engine, id) : null, accent: await organizerAccent() };
}

export const validBrand = (m) => str(m.name, 120);
// A brand named by the page's structured data: taken only when a dataset name or alias equals it
// under the engine's own fold (Engine::named: case, accents, apostrophes, trademark signs), never
// by fuzzy search.
export async function brand(m) {
  const engine = await host.getEngine();
  const id = engine.named(m.name);
  const e = id == null ? null : engine.entry(id);
  if (!e) return { entry: null };
  const company = host.companySummary(engine, String(e.company.id));
  if (!company) return { entry: null };
  const b = brandFacts(engine, e.brand?.id);
  return {
    entry: {
      kind: 'structured', alias: m.name,
      brand: b ? { id: String(e.brand.id), name: b.name } : null,
      owners: b ? b.owners : [{ id: company.id, name: company.name, share: null }],
      company,
      licensee: host.licence(engine, e.licensee),
    },
    why: host.rule('structured-data'),
  };
}

export const validCardInfo = (m) => str(m.company) && (m.brand === null || m.brand === undefined || str(m.brand));
// What the card shows beyond the badge's entry: summary, as-of date, owners with shares,
// alternatives and the dataset's report URL. Asked when a card opens, so scans stay small.
export async function cardInfo(m) {
  const engine = await host.getEngine();
  const c = host.local.company(engine.company(m.company));
  if (!c) return { company: null };
  const b = brandFacts(engine, m.brand);
  return {
    company: { summary: String(c.summary ?? ''), as_of: String(c.as_of ?? ''), profile_url: host.companySummary(engine, m.company)?.profile_url ?? null },
    owners: b ? b.owners : null,
    alternatives: b ? b.alternatives : [],
    reportUrl: globalThis.BackstorySafe.httpsUrl(engine.publication().report_url),
    dataset: datasetLine(engine.info()),
  };
}

// The dataset behind a card's facts, for its "Why this badge".
function datasetLine(info) {
  return info ? { title: String(info.title ?? ''), version: Number(info.version) || null, as_of: String(info.as_of ?? '') } : null;
}

export const validOpenProfile = (m) => str(m.id);
// "Details": the extension's own offline profile page, in a new tab next to the shop. A page
// cannot link to it (that would need web_accessible_resources), so the background opens it.
export async function openProfile(m, sender) {
  const url = api.runtime.getURL(`extension/profile/profile.html?company=${encodeURIComponent(m.id)}`);
  const tab = sender.tab;
  await api.tabs.create({ url, ...(tab ? { index: tab.index + 1, openerTabId: tab.id } : {}) });
  return {};
}

const validMatch = (x) => x && typeof x === 'object' && str(x.alias) && KINDS.includes(x.kind) &&
  (x.brand === null || str(x.brand)) && Number.isInteger(x.count) && x.count > 0 && x.count <= 1e6 &&
  (x.quiet === undefined || (Number.isInteger(x.quiet) && x.quiet >= 0 && x.quiet <= x.count));
export const validReport = (m) => Array.isArray(m.companies) && m.companies.length <= 1000 &&
  m.companies.every((c) => c && typeof c === 'object' && str(c.id) && Array.isArray(c.matches) && c.matches.length <= 100 && c.matches.every(validMatch)) &&
  Number.isInteger(m.capped) && m.capped >= 0;
// Findings of one tab: the tab id is the sender's, never the message's. Names and categories come
// from the engine, so a report cannot invent a company.
export async function report(m, sender) {
  const tabId = sender.tab?.id;
  if (!Number.isInteger(tabId) || tabId < 0) throw new Error('no tab');
  const engine = await host.getEngine();
  const companies = [];
  for (const c of m.companies) {
    const s = host.companySummary(engine, c.id);
    if (!s) continue;
    const matches = c.matches.map((x) => ({ alias: x.alias, kind: x.kind, brand: x.brand, count: x.count, quiet: x.quiet ?? 0 }));
    const count = matches.reduce((n, x) => n + x.count, 0);
    // quiet: mentions given no badge (menus, footer, buttons, dialogs, the site's own names).
    companies.push({ id: s.id, name: s.name, categories: s.categories, count, quiet: matches.reduce((n, x) => n + x.quiet, 0), matches });
  }
  const total = companies.reduce((n, c) => n + c.count, 0);
  await api.storage.session.set({ [findingsKey(tabId)]: { host: hostOf(sender.url), total, companies, capped: m.capped } });
  await setCount(tabId, companies.length);
  return {};
}

async function setCount(tabId, n) {
  try {
    await api.action.setBadgeText({ tabId, text: n ? String(n) : '' });
    await api.action.setBadgeBackgroundColor?.({ tabId, color: await accentColor() });
  } catch { /* the tab closed meanwhile */ }
}

// A tab's findings end with its document: cleared when the tab starts loading a page or closes. The
// new document's content script reports after its first scan, always later than this event.
api.tabs?.onUpdated?.addListener((tabId, change) => {
  if (change.status !== 'loading') return;
  api.storage.session.remove(findingsKey(tabId)).catch(() => {});
  setCount(tabId, 0);
});
api.tabs?.onRemoved?.addListener((tabId) => { api.storage.session.remove(findingsKey(tabId)).catch(() => {}); });

// The documented shortcut (manifest `commands`) moves focus to the next badge on the active tab.
api.commands?.onCommand?.addListener(async (command) => {
  if (command !== 'cycle-badges') return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id != null) api.tabs.sendMessage(tab.id, { type: 'cycleBadges' }).catch(() => {});
});

// ---- sites added with "Check this site too" ---------------------------------------------------------
// The content script's files, as the manifest lists them: its scripts and its style sheet (the
// underline's ::highlight rule, extension/content/underline.css). Every way of injecting the script
// brings the sheet too, or matched names on an added site would not be underlined.
// Firefox's getManifest() gives the sheet as a full moz-extension:// URL, which
// registerContentScripts and insertCSS refuse; both browsers take paths from the extension's root.
const root = () => api.runtime.getURL('');
const extensionPath = (file, base) => (file.startsWith(base) ? file.slice(base.length) : file).replace(/^\/+/, '');
const contentFiles = () => api.runtime.getManifest().content_scripts[0].js.map((f) => extensionPath(f, root()));
const contentCss = () => (api.runtime.getManifest().content_scripts[0].css ?? []).map((f) => extensionPath(f, root()));
const scriptId = (origin) => `site:${origin}`;
const patternOf = (origin) => `${origin}/*`;
async function storedSites() {
  const list = (await api.storage.local.get(SITES))[SITES];
  return Array.isArray(list) ? list.filter((o) => typeof o === 'string' && ORIGIN.test(o)) : [];
}
neededBy(storedSites);
async function registered() {
  return new Set((await api.scripting.getRegisteredContentScripts()).map((s) => s.id));
}
async function register(origin) {
  if ((await registered()).has(scriptId(origin))) return;
  await api.scripting.registerContentScripts([{
    id: scriptId(origin), matches: [patternOf(origin)], js: contentFiles(), css: contentCss(), runAt: 'document_idle', persistAcrossSessions: true,
  }]);
}
async function unregister(origin) {
  if ((await registered()).has(scriptId(origin))) await api.scripting.unregisterContentScripts({ ids: [scriptId(origin)] });
}

export const validOrigin = (m) => typeof m.origin === 'string' && m.origin.length <= 300 && ORIGIN.test(m.origin);
// The popup asked for the origin's permission in the user's click; here it is checked, the content
// script registered (persisted), and open tabs of that origin checked right away.
export async function addSite(m) {
  const origin = m.origin;
  if (!(await api.permissions.contains({ origins: [patternOf(origin)] }))) return { added: false, missing: [patternOf(origin)] };
  await register(origin);
  const sites = await storedSites();
  if (!sites.includes(origin)) await api.storage.local.set({ [SITES]: [...sites, origin] });
  for (const tab of await api.tabs.query({ url: patternOf(origin) })) {
    const target = { tabId: tab.id };
    // The sheet first, so it is there when the script registers the underline. Into an open page
    // it restyles the page once, in the user's click; a second addSite inserts the same rule again,
    // which is harmless (the script itself runs once, main.js).
    api.scripting.insertCSS({ target, files: contentCss() }).catch(() => {})
      .then(() => api.scripting.executeScript({ target, files: contentFiles() })).catch(() => {});
  }
  return { added: true };
}
export async function removeSite(m) {
  await unregister(m.origin);
  await api.storage.local.set({ [SITES]: (await storedSites()).filter((o) => o !== m.origin) });
  await release(m.origin); // kept if an update subscription fetches from there
  return { removed: true };
}

// Whether the content script can run on an origin, and what is missing when it cannot. Firefox lets
// users revoke host access at any time (even for the curated list); the popup says what is missing.
export async function siteStatus(m) {
  const pattern = patternOf(m.origin);
  const curated = api.runtime.getManifest().content_scripts.some((c) => c.matches.some((p) => matches(p, m.origin)));
  const added = (await storedSites()).includes(m.origin);
  const granted = await api.permissions.contains({ origins: [pattern] });
  return { curated, added, granted, missing: (curated || added) && !granted ? [pattern] : [] };
}
// Match pattern `scheme://*.host/*` or `scheme://host/*` against an origin.
export function matches(pattern, origin) {
  const p = /^(https?):\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  let u;
  try { u = new URL(origin); } catch { return false; }
  if (!p || `${p[1]}:` !== u.protocol) return false;
  const h = u.hostname;
  return h === p[3] || (Boolean(p[2]) && h.endsWith(`.${p[3]}`));
}

// Registrations follow permissions: revoked access unregisters (the site stays listed, so the popup
// can say access is missing); granted again, it is registered again. Also checked at startup.
async function reconcile() {
  for (const origin of await storedSites()) {
    const granted = await api.permissions.contains({ origins: [patternOf(origin)] });
    await (granted ? register(origin) : unregister(origin)).catch(() => {});
  }
}
api.permissions?.onRemoved?.addListener(() => { reconcile().catch(() => {}); });
api.permissions?.onAdded?.addListener(() => { reconcile().catch(() => {}); });
api.runtime.onStartup?.addListener(() => { reconcile().catch(() => {}); });
api.runtime.onInstalled?.addListener(() => { reconcile().catch(() => {}); });
