// Tiny static file server on 127.0.0.1 with a random port, for the demo shop (tests and `make run`).
// Usage: node scripts/serve.mjs [dir]  (default: tests/fixtures/demo-shop)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlType } from './lib/html-type.mjs';

const TYPES = { '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
export const DEMO_SHOP = fileURLToPath(new URL('../tests/fixtures/demo-shop/', import.meta.url));

// headers: extra response headers for every file, e.g. a strict Content-Security-Policy.
export function serve(dir = DEMO_SHOP, headers = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      // An HTML page says its own charset, as a site's server would (a GBK fixture page).
      const type = extname(file) === '.html' ? htmlType(body) : TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}/`, port, close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await serve(process.argv[2] ?? DEMO_SHOP);
  console.log(`serving on ${url}`);
}
