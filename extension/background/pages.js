// Background handlers for the extension's own pages (options, profile, check a list): which
// dataset is in use, loading one from disk or going back to the bundled one, and the offline profile.
// background.js registers each handler in its MESSAGES table as extension-pages-only.
import '../api.js';
import '../shared/safe.js';
import { Engine } from '../pkg/backstory.js';

const api = globalThis.BackstoryApi;
const { MAX_DATASET_BYTES } = globalThis.BackstorySafe; // a bigger file is refused before parsing
const STORED = 'dataset'; // storage.local: {text, name, loadedAt, source} of a dataset loaded in options or by an update
const BUNDLED = 'extension/data/default.json';

// Where the dataset in use came from; its facts are the engine's (src/views.rs), never parsed here.
// source: 'file' (loaded in options; name is the file's) or 'update' (a signed update; name is the
// host it came from) or 'bundled'.
let current = null; // {source, name, loadedAt}
let storedProblem = null; // why a stored dataset was not used at start, if it was not
let host = null; // {getEngine, replaceEngine, local (dataset text in the interface's language)} from background.js

export function connect(engineHost) { host = engineHost; }

// Builds the engine at worker start (after wasm init): the dataset loaded in options if there is
// one and it still validates, else the bundled one. A stored dataset that no longer validates (an
// engine update tightened a rule) stays in storage, unused, and options shows why.
export async function startEngine() {
  const stored = (await api.storage.local.get(STORED))[STORED];
  if (stored && typeof stored.text === 'string') {
    try {
      const engine = Engine.fromJson(stored.text);
      current = { source: sourceOf(stored), name: stored.name ?? null, loadedAt: stored.loadedAt ?? null };
      storedProblem = null;
      return engine;
    } catch (e) {
      storedProblem = problemsOf(e);
    }
  }
  const text = await (await fetch(api.runtime.getURL(BUNDLED))).text();
  const engine = Engine.fromJson(text);
  current = { source: 'bundled', name: null, loadedAt: null };
  return engine;
}

// The engine's error is "dataset has N error(s):" followed by one "error: <path>: <message>" per
// line, or a single line for a syntax or shape error; pages list each line as one problem.
function problemsOf(e) {
  const lines = String(e?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
  return { summary: lines[0] ?? '', problems: lines.length > 1 ? lines.slice(1) : lines };
}

// ---- handlers -----------------------------------------------------------------------------------

export async function dataset() {
  const engine = await host.getEngine();
  const pub = engine.publication();
  return {
    info: engine.info(),
    source: current.source, name: current.name, loadedAt: current.loadedAt,
    storedProblem,
    attribution: typeof pub.attribution === 'string' ? pub.attribution : null,
    categories: pub.categories.map(categoryView),
  };
}

export const validLoad = (m) => typeof m.json === 'string' && m.json.length <= MAX_DATASET_BYTES &&
  (m.name === undefined || (typeof m.name === 'string' && m.name.length <= 300));

// Records stored before sources were told apart have none: they were files.
const sourceOf = (stored) => (stored.source === 'update' ? 'update' : 'file');

// Validates first and swaps only on success: a refused file leaves the engine in use untouched.
// Persisting comes before the swap, so a storage failure (quota) also leaves everything as it was.
// `source` is 'file' from options' message, 'update' from a verified update (updates.js).
export async function loadDataset(m, source = 'file') {
  await host.getEngine(); // wasm initialized
  let engine;
  try {
    engine = Engine.fromJson(m.json);
  } catch (e) {
    return { loaded: false, ...problemsOf(e) };
  }
  const record = { text: m.json, name: m.name ?? null, loadedAt: new Date().toISOString(), source };
  await api.storage.local.set({ [STORED]: record });
  current = { source, name: record.name, loadedAt: record.loadedAt };
  storedProblem = null;
  host.replaceEngine(engine);
  return { loaded: true, info: engine.info() };
}

export async function resetDataset() {
  await api.storage.local.remove(STORED);
  storedProblem = null;
  const text = await (await fetch(api.runtime.getURL(BUNDLED))).text();
  const engine = Engine.fromJson(text);
  current = { source: 'bundled', name: null, loadedAt: null };
  host.replaceEngine(engine);
  return { info: engine.info() };
}

// A category in the interface's language, as the pages show it.
function categoryView(k) {
  const c = host.local.category(k);
  return { id: c.id, label: c.label, description: c.description, color: c.color ?? null };
}

// Everything the offline profile page shows, from the engine's view of the dataset in use
// (src/views.rs profile): brands grouped by the company that owns them, this company first, then
// each subsidiary that owns brands; a brand with several owners lists its co-owners and shares.
// Here each company's name is put in the interface's language.
export async function profile(m) {
  const engine = await host.getEngine();
  const p = engine.profile(m.id);
  if (!p) return { company: null };
  const named = (ref) => (ref ? { id: ref.id, name: host.local.text(ref, 'name') } : null);
  const licensee = (l) => (l ? (named(l.company) ?? (typeof l.name === 'string' ? { id: null, name: l.name } : null)) : null);
  const brandGroups = p.brand_groups.map((g) => ({
    owner: named(g.owner),
    brands: g.brands.map((b) => ({
      id: b.id, name: b.name, share: b.share ?? null,
      coOwners: b.co_owners.map((o) => ({ ...named(o.company), share: o.share ?? null })),
      licensee: licensee(b.licensee),
      markets: b.markets,
    })),
  }));
  const c = p.company;
  const pub = engine.publication();
  return {
    company: {
      id: c.id, name: host.local.text(c, 'name'), legal_name: c.legal_name, symbols: c.symbols ?? [], headquarters: c.headquarters ?? null,
      summary: host.local.text(c, 'summary'), profile: host.local.profile(c), profile_url: c.profile_url ?? null, sources: c.sources ?? [],
      as_of: c.as_of, domains: c.domains ?? [],
    },
    categories: p.categories.map(categoryView), parent: named(p.parent), subsidiaries: p.subsidiaries.map(named), brandGroups,
    dataset: { title: pub.title, as_of: pub.as_of, license: pub.license, attribution: pub.attribution ?? null },
  };
}
