// Network gate for the browser tests: records every request of a browser session (web pages, the
// extension's pages and its service worker) that goes anywhere but the extension itself or a
// loopback test server, so that `close()` can fail the test that let the extension phone out.
// The extension may only reach the network for a dataset update the user enabled; tests of that
// pass `allowRequest` for the update host.

// Schemes that never leave the browser.
const INSIDE = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:']);
// Test servers (scripts/serve.mjs) listen on 127.0.0.1.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const hostname = (url) => { try { return new URL(url).hostname; } catch { return ''; } };

export function isInside(url) {
  let u;
  try { u = new URL(url); } catch { return false; }
  return INSIDE.has(u.protocol) || LOOPBACK.has(u.hostname);
}

// Chromium flag that resolves no host name except loopback, so a request the gate reports has
// not reached any other machine either (the gate sees it at "requestWillBeSent", before DNS).
export const RESOLVE_LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

// The same, for the real-page test bed (scripts/lib/corpus-server.mjs): its host names resolve to
// its server on 127.0.0.1:port, and still nothing else but loopback resolves. Chromium applies the
// first MAP rule that matches, after the EXCLUDE rules.
export function resolveMappedOnly(hosts, port) {
  return `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}, `).join('')}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`;
}

// What a saved page loads by itself from the hosts it names (its images, style sheets, fonts, frames,
// and what its <link rel=preload|prefetch|icon> tags name, which Chromium reports as "other"): the
// test bed answers its own hosts with 404 and the rest cannot resolve, so these never leave the
// machine, and they are the page's, not the extension's. Requests a script makes (fetch, XHR, web
// sockets, beacons) are never this: the test bed blocks page scripts, so only the extension can
// make them, and the gate must see those. named(url, pageUrl): whether the page's source names the
// address, which an "other" request must be (a beacon is "other" too).
const PAGE_ASSETS = new Set(['image', 'stylesheet', 'font', 'media', 'texttrack', 'manifest', 'script']);
export function isPageAsset(request, { named = () => false } = {}) {
  if (request.serviceWorker()) return false;
  let frame;
  try { frame = request.frame(); } catch { return false; }
  if (/^(chrome|moz)-extension:/.test(frame.url())) return false;
  const type = request.resourceType();
  if (type === 'document') return Boolean(frame.parentFrame()); // an iframe of the page
  if (type === 'other') {
    let top = frame;
    while (top.parentFrame()) top = top.parentFrame();
    return named(request.url(), top.url());
  }
  return PAGE_ASSETS.has(type);
}

// Playwright reports service-worker requests on the context (Chromium), next to page requests.
// insideHosts: host names that count as inside (the test bed's, which resolve to loopback only).
// allowRequest(url, request): true lets one more request through (update hosts, page assets).
export function watchNetwork(context, { allowRequest = () => false, insideHosts = new Set() } = {}) {
  const outside = [];
  const onRequest = (request) => {
    const url = request.url();
    if (isInside(url) || insideHosts.has(hostname(url)) || allowRequest(url, request)) return;
    let from = request.serviceWorker()?.url();
    if (!from) { try { from = request.frame().url(); } catch { from = 'unknown'; } }
    outside.push({ url, from });
  };
  context.on('request', onRequest);
  return {
    outside,
    // Throws with every outside request seen so far.
    check() {
      if (!outside.length) return;
      const list = outside.map((r) => `  ${r.url} (from ${r.from})`).join('\n');
      throw new Error(`network gate: ${outside.length} request(s) left the machine's test servers:\n${list}`);
    },
  };
}
