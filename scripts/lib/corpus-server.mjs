// The real-page test bed's server: each saved corpus page over HTTPS at its real host name and its
// own path, nothing else (every other address answers an empty 404), from 127.0.0.1. Browsers reach
// it by host mapping (Chromium --host-resolver-rules, see hostRules) or, for Firefox, through the
// HTTP proxy it also runs, which tunnels only the mapped hosts and refuses every other one.
import { createServer as createHttps } from 'node:https';
import { createServer as createHttp } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { htmlType } from './html-type.mjs';
import { selfSignedCert } from './tls.mjs';

// The saved pages' own scripts are blocked: they were saved after running (the markup is what they
// made), and run again offline, without their libraries and APIs (all 404 here), they throw, redraw
// or blank parts of the page, so the result would vary from run to run. A static page also makes a
// sharper network gate: with page scripts off, a fetch from the page can only be the extension's.
// Content scripts are not subject to the page's CSP.
const CSP = "script-src 'none'";


// pages: [{host, path, file}] (scripts/lib/corpus.mjs). proxy: also run the Firefox proxy.
// Returns {port, proxyPort, hosts, named(url, pageUrl), urlOf(page), refused (hosts the proxy refused, with counts),
// misses (requests answered 404), close()}.
export async function serveCorpus(pages, { proxy = false } = {}) {
  const hosts = [...new Set(pages.map((p) => p.host))].sort();
  const byKey = new Map(pages.map((p) => [`${p.host}${p.path}`, p.file]));
  const cache = new Map();
  let misses = 0;
  const server = createHttps(selfSignedCert(hosts), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const file = byKey.get(`${host}${new URL(req.url, 'https://x').pathname}`);
    if (!file || req.method !== 'GET') { misses += 1; res.writeHead(404, { 'content-length': 0 }).end(); return; }
    let page = cache.get(file);
    if (!page) {
      const body = readFileSync(file);
      cache.set(file, (page = { body, type: htmlType(body) }));
    }
    res.writeHead(200, { 'content-type': page.type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    res.end(page.body);
  });
  const sockets = new Set();
  const track = (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); };
  server.on('connection', track);
  await listen(server);
  const port = server.address().port;

  const refused = new Map();
  let proxyServer = null;
  if (proxy) {
    const mapped = new Set(hosts);
    const refuse = (host) => refused.set(host, (refused.get(host) ?? 0) + 1);
    // A plain-HTTP request through the proxy (http://host/...): never forwarded.
    proxyServer = createHttp((req, res) => {
      let host = '';
      try { host = new URL(req.url).hostname; } catch { /* not a proxy request */ }
      if (!mapped.has(host)) refuse(host);
      res.writeHead(404, { 'content-length': 0 }).end();
    });
    // HTTPS through the proxy: CONNECT host:443. Mapped hosts are tunnelled to the page server,
    // everything else refused, so nothing the browser asks for can leave the machine.
    proxyServer.on('connect', (req, client, head) => {
      const [host, p] = req.url.split(':');
      if (!mapped.has(host.toLowerCase()) || (p && p !== '443')) {
        refuse(host);
        client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head?.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      const drop = () => { upstream.destroy(); client.destroy(); };
      upstream.on('error', drop);
      client.on('error', drop);
    });
    proxyServer.on('connection', track);
    await listen(proxyServer);
  }

  // Whether the page at pageUrl names `url` in its source (as written there: without the scheme,
  // and with & as &amp; in attributes), for the network gate's judgment of "other" requests.
  const sources = new Map();
  const named = (url, pageUrl) => {
    let key;
    try { const u = new URL(pageUrl); key = `${u.hostname}${u.pathname}`; } catch { return false; }
    const file = byKey.get(key);
    if (!file) return false;
    let text = sources.get(file);
    if (text === undefined) sources.set(file, (text = readFileSync(file).toString('latin1')));
    const bare = url.replace(/^https?:/, '');
    return text.includes(bare) || text.includes(bare.replaceAll('&', '&amp;'));
  };

  return {
    port,
    proxyPort: proxyServer?.address().port ?? null,
    hosts,
    named,
    urlOf: (p) => `https://${p.host}${p.path}`,
    refused,
    get misses() { return misses; },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([server, proxyServer].filter(Boolean).map((s) => new Promise((done) => s.close(done))));
    },
  };
}

function listen(server) {
  return new Promise((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
}

// For the Firefox tier (tests/firefox/corpus.py): `node scripts/lib/corpus-server.mjs [--proxy]
// [--pages REGEXP]` prints one JSON line {port, proxyPort, pages: [{name, host, url}]} and serves
// until its stdin closes (the test's end), then prints the hosts the proxy refused on stderr.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { corpusPages } = await import('./corpus.mjs');
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : null; };
  const only = arg('--pages') ? new RegExp(arg('--pages')) : null;
  const pages = corpusPages().filter((p) => !only || only.test(p.name));
  const bed = await serveCorpus(pages, { proxy: process.argv.includes('--proxy') });
  process.stdout.write(`${JSON.stringify({ port: bed.port, proxyPort: bed.proxyPort, pages: pages.map((p) => ({ name: p.name, host: p.host, url: bed.urlOf(p) })) })}\n`);
  process.stdin.resume();
  process.stdin.on('end', async () => {
    if (bed.refused.size) process.stderr.write(`corpus-server: refused ${[...bed.refused].map(([h, n]) => `${h} (${n})`).join(', ')}\n`);
    await bed.close();
    process.exit(0);
  });
}
