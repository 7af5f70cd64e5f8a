// Network gate for the browser tests: records every request of a browser session (web pages, the
// extension's pages and its service worker) that goes anywhere but the extension itself or a
// loopback test server, so that `close()` can fail the test that let the extension phone out.
// The extension may only reach the network for a dataset update the user enabled; tests of that
// pass `allowRequest` for the update host.

// Schemes that never leave the browser.
const INSIDE = new Set(['chrome-extension:', 'moz-extension:', 'data:', 'blob:', 'about:', 'chrome:', 'devtools:']);
// Test servers (scripts/serve.mjs) listen on 127.0.0.1.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isInside(url) {
  let u;
  try { u = new URL(url); } catch { return false; }
  return INSIDE.has(u.protocol) || LOOPBACK.has(u.hostname);
}

// Chromium flag that resolves no host name except loopback, so a request the gate reports has
// not reached any other machine either (the gate sees it at "requestWillBeSent", before DNS).
export const RESOLVE_LOOPBACK_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

// Playwright reports service-worker requests on the context (Chromium), next to page requests.
export function watchNetwork(context, { allowRequest = () => false } = {}) {
  const outside = [];
  const onRequest = (request) => {
    const url = request.url();
    if (isInside(url) || allowRequest(url)) return;
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
