// Signed dataset updates: the subscription (an organizer's, pinned in config.json by `backstory
// pack`, or one the user adds in options) is fetched about daily; an update is applied only when
// the engine verifies its signature, its version and the whole dataset, else the last good dataset
// stays in use. The outcome of every check is kept for options, in plain words.
import '../api.js';
import '../shared/safe.js';
import { verifyUpdate, isPublicKey } from '../pkg/backstory.js';
import { neededBy, originOf, release } from './origins.js';

const api = globalThis.BackstoryApi;
const CONFIG = 'extension/data/config.json';
const BUNDLED = 'extension/data/default.json';
const SUBSCRIPTION = 'subscription'; // storage.local: {url, public_key, dataset_id?} added by the user
const STATUS = 'updateStatus'; // storage.local: outcome of the last check
const ALARM = 'dataset-update';
const { MAX_DATASET_BYTES } = globalThis.BackstorySafe; // src/update.rs MAX_UPDATE_BYTES
const MAX_SIGNATURE_BYTES = 4096;
const TIMEOUT_MS = 20_000;
const DAY_MINUTES = 24 * 60;

let host = null; // {getEngine, loadVerified(text, name) -> {loaded, summary?}}
export function connect(engineHost) { host = engineHost; }

/** An outcome with a stable code (shown in options, read by tests) and a reason in plain words. */
class Outcome extends Error {
  constructor(code, reason) { super(reason); this.code = code; }
}

// Exact host names only: "localhost.evil.com" is anybody's server (src/organizer/limits.rs LOCAL_HOSTS).
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** https only, except http on this machine for testing. */
export function validUrl(url) {
  try {
    const u = new URL(url);
    if (u.username || u.password) return false;
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOCAL_HOSTS.includes(u.hostname));
  } catch { return false; }
}

async function readJson(path) {
  return (await fetch(api.runtime.getURL(path))).json();
}

/** The organizer's subscription, pinned to the key and the dataset id `backstory pack` wrote in
 *  config.json (a pack from before the id was written: the bundled dataset's id), so another list
 *  signed with the same key is refused (issue 20). */
async function bundledSubscription() {
  try {
    const config = await readJson(CONFIG);
    const u = config?.update;
    if (!(u && typeof u.url === 'string' && typeof u.public_key === 'string')) return null;
    const id = typeof config.dataset_id === 'string' ? config.dataset_id : (await readJson(BUNDLED)).id;
    return { url: u.url, public_key: u.public_key, dataset_id: id, source: 'bundled' };
  } catch { return null; }
}

/** The user's subscription if they added one, else the organizer's bundled one, else null. */
export async function subscription() {
  const own = (await api.storage.local.get(SUBSCRIPTION))[SUBSCRIPTION];
  if (own && typeof own.url === 'string') return { ...own, source: 'user' };
  return bundledSubscription();
}

// The user's list and the organizer's are fetched from their origins: that access stays.
neededBy(async () => [(await api.storage.local.get(SUBSCRIPTION))[SUBSCRIPTION]?.url, (await bundledSubscription())?.url]
  .map((u) => (typeof u === 'string' ? originOf(u) : null)).filter(Boolean));

/** About daily, with jitter so that many installs do not hit the organizer's server at once. */
export async function schedule() {
  if (!api.alarms) return;
  if (!(await subscription())) { await api.alarms.clear(ALARM); return; }
  if (await api.alarms.get(ALARM)) return;
  api.alarms.create(ALARM, { delayInMinutes: 1 + Math.random() * 59, periodInMinutes: DAY_MINUTES + Math.random() * 60 });
}
api.alarms?.onAlarm.addListener((alarm) => { if (alarm.name === ALARM) check().catch(() => {}); });

/** Fetches at most `cap` bytes within the timeout; the outcome codes say which limit failed. */
async function fetchCapped(url, headers, cap) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    let res;
    try {
      res = await fetch(url, { headers, signal: abort.signal, cache: 'no-store', credentials: 'omit' });
    } catch {
      throw abort.signal.aborted ? new Outcome('timeout', `no answer within ${TIMEOUT_MS / 1000} s`) : new Outcome('unreachable', 'the update server could not be reached');
    }
    if (!validUrl(res.url || url)) throw new Outcome('insecure', 'the update was redirected to an address that is not https');
    if (res.status === 304) return { res, bytes: null };
    if (!res.ok) throw new Outcome('http-error', `the update server answered ${res.status}`);
    if (Number(res.headers.get('content-length')) > cap) throw new Outcome('too-large', `the file is larger than ${cap} bytes`);
    const chunks = [];
    let total = 0;
    try {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > cap) { abort.abort(); throw new Outcome('too-large', `the file is larger than ${cap} bytes`); }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof Outcome) throw e;
      throw abort.signal.aborted ? new Outcome('timeout', `no complete answer within ${TIMEOUT_MS / 1000} s`) : new Outcome('unreachable', 'the download was cut off');
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
    return { res, bytes };
  } finally {
    clearTimeout(timer);
  }
}

export async function status() {
  return (await api.storage.local.get(STATUS))[STATUS] ?? null;
}

/** One check: conditional fetch, verification in the engine, atomic swap; never throws. */
export async function check() {
  const sub = await subscription();
  const previous = (await status()) ?? {};
  const now = new Date().toISOString();
  const base = { url: sub?.url ?? null, lastCheck: now, lastSuccess: previous.url === sub?.url ? previous.lastSuccess ?? null : null };
  let next;
  try {
    if (!sub) throw new Outcome('no-subscription', 'no update subscription is set');
    if (!validUrl(sub.url)) throw new Outcome('insecure', 'the update address is not https');
    const headers = {};
    if (previous.url === sub.url && previous.etag) headers['If-None-Match'] = previous.etag;
    if (previous.url === sub.url && previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
    const { res, bytes } = await fetchCapped(sub.url, headers, MAX_DATASET_BYTES);
    if (!bytes) {
      next = { ...base, code: 'not-modified', reason: 'the dataset has not changed', lastSuccess: now, etag: previous.etag, lastModified: previous.lastModified };
    } else {
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('text/html') || /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 64)))) {
        throw new Outcome('not-a-dataset', 'the server sent a web page, not a dataset');
      }
      const sig = await fetchCapped(`${sub.url}.minisig`, {}, MAX_SIGNATURE_BYTES);
      if (!sig.bytes) throw new Outcome('bad-signature-format', 'the signature file is missing');
      const engine = await host.getEngine();
      let text;
      try {
        // A user's list is pinned to the id of its first applied update (dataset_id, below).
        text = verifyUpdate(bytes, new TextDecoder().decode(sig.bytes), sub.public_key, engine.info().version, sub.dataset_id ?? undefined);
      } catch (e) {
        const message = String(e?.message ?? e);
        const split = message.indexOf(': ');
        throw new Outcome(split > 0 ? message.slice(0, split) : 'refused', split > 0 ? message.slice(split + 2) : message);
      }
      const loaded = await host.loadVerified(text, new URL(sub.url).host);
      if (!loaded.loaded) throw new Outcome('invalid', loaded.summary ?? 'the dataset was refused');
      if (sub.source === 'user' && !sub.dataset_id) await pinUserList(sub.url, loaded.info.id);
      next = {
        ...base, code: 'applied', reason: `version ${loaded.info.version} is now in use`, lastSuccess: now,
        etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'),
      };
    }
  } catch (e) {
    const outcome = e instanceof Outcome ? e : new Outcome('failed', String(e?.message ?? e));
    next = { ...base, code: outcome.code, reason: outcome.message, etag: previous.etag ?? null, lastModified: previous.lastModified ?? null };
  }
  await api.storage.local.set({ [STATUS]: next });
  return next;
}

/** Pins the user's subscription to the list it first delivered, as a packed one is pinned. */
async function pinUserList(url, id) {
  const own = (await api.storage.local.get(SUBSCRIPTION))[SUBSCRIPTION];
  if (own?.url === url && typeof id === 'string') await api.storage.local.set({ [SUBSCRIPTION]: { ...own, dataset_id: id } });
}

// ---- handlers for options ---------------------------------------------------------------------

export const validSubscription = (m) => typeof m.url === 'string' && m.url.length <= 2000 &&
  typeof m.public_key === 'string' && m.public_key.length <= 1000;

export async function updateStatus() {
  const sub = await subscription();
  return { subscription: sub, status: await status() };
}

/** Sets the user's subscription (options asked for the origin's permission in the user's click).
 *  A refusal gives that access back, as does a new list replacing one on another origin; `code`
 *  is for options to say in the user's language, `reason` the same in English. */
export async function setSubscription(m) {
  await host.getEngine(); // wasm initialized for isPublicKey
  const before = (await api.storage.local.get(SUBSCRIPTION))[SUBSCRIPTION]?.url;
  const refuse = async (code, reason) => { await release(originOf(m.url)); return { saved: false, code, reason }; };
  if (!validUrl(m.url)) return refuse('bad-url', 'The address must start with https:// (or be on this computer, for testing).');
  if (!isPublicKey(m.public_key)) return refuse('bad-key', 'This is not a minisign public key.');
  await api.storage.local.set({ [SUBSCRIPTION]: { url: m.url, public_key: m.public_key.trim() } });
  await api.storage.local.remove(STATUS);
  if (typeof before === 'string') await release(originOf(before));
  await schedule();
  return { saved: true };
}

export async function removeSubscription() {
  const before = (await api.storage.local.get(SUBSCRIPTION))[SUBSCRIPTION]?.url;
  await api.storage.local.remove([SUBSCRIPTION, STATUS]);
  if (typeof before === 'string') await release(originOf(before));
  await schedule();
  return { removed: true };
}

export async function checkNow() {
  return { status: await check() };
}
