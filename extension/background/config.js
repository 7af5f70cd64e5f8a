// The packed extension's config.json (written by `backstory pack`: name, accent colour, dataset id,
// update subscription), read once per service-worker life; null in a build without one.
import '../api.js';
import '../shared/brand.js';

const api = globalThis.BackstoryApi;
const PATH = 'extension/data/config.json';
export const DEFAULT_ACCENT = '#0f766e'; // Backstory's own, when no organizer colour is packed

let cached = null;
export function packConfig() {
  cached ??= fetch(api.runtime.getURL(PATH)).then((r) => r.json()).catch(() => null);
  return cached;
}

/** The organizer's `--color` for the toolbar count (issue 20: it was never read), else ours. */
export async function accentColor() {
  const c = (await packConfig())?.color;
  return typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c) ? c : DEFAULT_ACCENT;
}

/** The organizer's `--color` for the page (badges, card, notice) when it is readable with white
 *  text and on white (shared/brand.js, the rule the extension pages use); null otherwise, and in
 *  Backstory's own build, whose page colours stay as they are. */
export async function organizerAccent() {
  const c = (await packConfig())?.color;
  return globalThis.BackstoryBrand?.accentCss(c) ? c : null;
}
