// Site access this extension asked for and no longer needs is given back: an origin stays granted
// while a site added with "Check this site too" or an update subscription still uses it. Each
// feature that holds origins says so with `neededBy`; `release` asks them all before removing.
import '../api.js';

const api = globalThis.BackstoryApi;
const holders = []; // async () => [origin] per feature

export const originOf = (url) => { try { return new URL(url).origin; } catch { return null; } };

export function neededBy(listOrigins) { holders.push(listOrigins); }

/** Removes the host permission of `origin` unless a feature still uses it; true if removed. A
 *  permission the manifest grants cannot be removed, and is not (the browser refuses; ignored). */
export async function release(origin) {
  if (!origin) return false;
  for (const list of holders) if ((await list()).includes(origin)) return false;
  return api.permissions.remove({ origins: [`${origin}/*`] }).catch(() => false);
}
