// The real-page test bed in Chromium: the saved corpus pages served at their real host names
// (corpus-server.mjs), Chromium with the built extension resolving those names to the server and
// nothing else, accepting its throwaway certificate (this test browser only), and the network gate
// watching the whole session. Sites the extension does not check by default are added the way a
// shopper's "Check this site too" adds them, so every page is checked.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST } from './browser.mjs';
import { corpusPages } from './corpus.mjs';
import { serveCorpus } from './corpus-server.mjs';
import { isPageAsset, resolveMappedOnly, watchNetwork } from './network-gate.mjs';

// A copy of the built extension with host access to every test-bed host granted at install, as a
// shopper's click on the permission prompt would grant it (a headless browser cannot click one).
async function extensionFor(hosts, ext) {
  const dir = await mkdtemp(join(tmpdir(), 'backstory-testbed-ext-'));
  await cp(ext, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(await readFile(file, 'utf8'));
  m.host_permissions = [...new Set([...(m.host_permissions ?? []), ...hosts.map((h) => `https://${h}/*`)])];
  await writeFile(file, JSON.stringify(m, null, 2));
  return dir;
}

// pages: from corpusPages() (all by default). Returns {context, worker, extensionId, pages (each
// with url and curated: whether the extension checks the site by default), network, close()}.
// close() throws when the gate saw a request leave the test servers.
export async function openTestBed({ pages = corpusPages(), ext = DIST, headless = true } = {}) {
  // The service worker's requests reach the gate only with this switch (Playwright).
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const server = await serveCorpus(pages);
  const extDir = await extensionFor(server.hosts, ext);
  const profile = await mkdtemp(join(tmpdir(), 'backstory-testbed-profile-'));
  let context;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    await server.close();
    await rm(profile, { recursive: true, force: true });
    await rm(extDir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless,
      viewport: { width: 1280, height: 800 },
      args: [
        `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`,
        '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
        resolveMappedOnly(server.hosts, server.port),
        '--ignore-certificate-errors', // the test bed's own certificate; this test browser only
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
    const network = watchNetwork(context, { insideHosts: new Set(server.hosts), allowRequest: (url, request) => Boolean(request) && isPageAsset(request, { named: server.named }) });
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 60000 });
    const extensionId = new URL(worker.url()).host;
    const own = await context.newPage();
    await own.goto(`chrome-extension://${extensionId}/extension/check/check.html`);
    const send = (m) => own.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
    const curated = new Map();
    for (const host of server.hosts) {
      const origin = `https://${host}`;
      const status = await send({ type: 'siteStatus', origin });
      curated.set(host, Boolean(status.curated));
      if (!status.curated) {
        const res = await send({ type: 'addSite', origin });
        if (!res?.added) throw new Error(`could not add ${origin}: ${JSON.stringify(res)}`);
      }
    }
    await own.close();
    return {
      context, worker, extensionId, network, server,
      pages: pages.map((p) => ({ ...p, url: server.urlOf(p), curated: curated.get(p.host) })),
      close: async () => { await cleanup(); network.check(); },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
