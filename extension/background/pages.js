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

// The dataset text the engine in use was built from, where it came from, and a lazy parsed copy for
// the profile page (the engine exposes one company at a time, not subsidiaries or co-owners).
// source: 'file' (loaded in options; name is the file's) or 'update' (a signed update; name is the
// host it came from) or 'bundled'.
let current = null; // {text, source, name, loadedAt, parsed}
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
      current = { text: stored.text, source: sourceOf(stored), name: stored.name ?? null, loadedAt: stored.loadedAt ?? null, parsed: null };
      storedProblem = null;
      return engine;
    } catch (e) {
      storedProblem = problemsOf(e);
    }
  }
  const text = await (await fetch(api.runtime.getURL(BUNDLED))).text();
  const engine = Engine.fromJson(text);
  current = { text, source: 'bundled', name: null, loadedAt: null, parsed: null };
  return engine;
}

// The engine's error is "dataset has N error(s):" followed by one "error: <path>: <message>" per
// line, or a single line for a syntax or shape error; pages list each line as one problem.
function problemsOf(e) {
  const lines = String(e?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean);
  return { summary: lines[0] ?? '', problems: lines.length > 1 ? lines.slice(1) : lines };
}

function parsed() {
  current.parsed ??= JSON.parse(current.text);
  return current.parsed;
}

// ---- handlers -----------------------------------------------------------------------------------

export async function dataset() {
  const engine = await host.getEngine();
  const d = parsed();
  return {
    info: engine.info(),
    source: current.source, name: current.name, loadedAt: current.loadedAt,
    storedProblem,
    attribution: typeof d.attribution === 'string' ? d.attribution : null,
    categories: d.categories.map(host.local.category).map((c) => ({ id: c.id, label: c.label, description: c.description, color: c.color ?? null })),
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
  current = { ...record, parsed: null };
  storedProblem = null;
  host.replaceEngine(engine);
  return { loaded: true, info: engine.info() };
}

export async function resetDataset() {
  await api.storage.local.remove(STORED);
  storedProblem = null;
  const text = await (await fetch(api.runtime.getURL(BUNDLED))).text();
  const engine = Engine.fromJson(text);
  current = { text, source: 'bundled', name: null, loadedAt: null, parsed: null };
  host.replaceEngine(engine);
  return { info: engine.info() };
}

// Everything the offline profile page shows, from the dataset in use. Brands are grouped by the
// company that owns them: this company first, then each subsidiary that owns brands; a brand with
// several owners lists its co-owners and shares.
// The countries every name of a brand is scoped `in` (DATASET.md, alias `markets`), when all of
// them are: "KFC" run by Yum China is the one of "cn". Empty for a brand named everywhere.
function countriesIn(b) {
  const rules = [b.name, ...(b.aliases ?? [])].map((a) => (typeof a === 'string' ? { text: a } : a));
  const named = rules.filter((r) => r.markets?.in?.length);
  // The name counts as its own rule only when no alias object gives it one.
  const nameRuled = (b.aliases ?? []).some((a) => typeof a === 'object' && a.text === b.name);
  const all = nameRuled ? rules.slice(1) : rules;
  if (!named.length || named.length !== all.length) return [];
  const codes = new Set(named.flatMap((r) => r.markets.in).filter((m) => /^[a-z]{2}$/i.test(m)).map((m) => m.toLowerCase()));
  return [...codes];
}

export async function profile(m) {
  await host.getEngine();
  const d = parsed();
  const byId = new Map(d.companies.map((c) => [c.id, c]));
  const c = byId.get(m.id);
  if (!c) return { company: null };
  const name = (x) => host.local.text(x, 'name');
  const named = (id) => (byId.has(id) ? { id, name: name(byId.get(id)) } : null);
  const subsidiaries = d.companies.filter((s) => s.parent === c.id).map((s) => ({ id: s.id, name: name(s) }));
  const brandsOf = (ownerId) => (d.brands ?? [])
    .filter((b) => b.owners.some((o) => o.company === ownerId))
    .map((b) => ({
      id: b.id, name: b.name,
      share: b.owners.find((o) => o.company === ownerId).share ?? null,
      coOwners: b.owners.filter((o) => o.company !== ownerId).map((o) => ({ ...named(o.company), share: o.share ?? null })),
      licensee: b.licensee ? (named(b.licensee.company) ?? (typeof b.licensee.name === 'string' ? { id: null, name: b.licensee.name } : null)) : null,
      markets: countriesIn(b),
    }));
  const brandGroups = [c.id, ...subsidiaries.map((s) => s.id)]
    .map((id) => ({ owner: named(id), brands: brandsOf(id) }))
    .filter((g) => g.brands.length);
  const categories = c.categories.map((id) => d.categories.find((k) => k.id === id)).filter(Boolean).map(host.local.category)
    .map((k) => ({ id: k.id, label: k.label, description: k.description, color: k.color ?? null }));
  return {
    company: {
      id: c.id, name: name(c), legal_name: c.legal_name, symbols: c.symbols ?? [], headquarters: c.headquarters ?? null,
      summary: host.local.text(c, 'summary'), profile: host.local.profile(c), profile_url: c.profile_url ?? null, sources: c.sources ?? [],
      as_of: c.as_of, domains: c.domains ?? [],
    },
    categories, parent: c.parent ? named(c.parent) : null, subsidiaries, brandGroups,
    dataset: { title: d.title, as_of: d.as_of, license: d.license, attribution: d.attribution ?? null },
  };
}
