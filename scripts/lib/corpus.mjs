// The saved shop pages of ../shared/corpus and the host each was saved from, so the test bed can
// serve every page at its real address (https://www.amazon.com/...), where the extension's
// per-site behaviour (curated sites, the shop's own name, match patterns) is the real one.
// `make eval` gives `backstory scan` the same hosts (tests/eval/hosts.rs): change both together.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = process.env.BACKSTORY_SHARED ?? join(ROOT, '../shared');
export const CORPUS = join(SHARED, 'corpus');
const DIRS = ['fathom', 'webshop', 'intl/pages'];

// File names that do not spell their site: the WebShop mocks abbreviate Amazon.
const NAME_HOSTS = { amz: 'www.amazon.com', ebay: 'www.ebay.com' };

// Latin-1 maps every byte to one character, so a GBK or UTF-8 page reads without errors: the tags
// and addresses looked for are ASCII. (Some pages' <head> runs past 100 KB of inline scripts.)
const bytesAsText = (file) => readFileSync(file).toString('latin1');

const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined) ?? null;

// A host from an address as pages write it: absolute, protocol-relative ("//www.dhgate.com/..."),
// or without its scheme ("www.la-z-boy.com/p/..."). A path alone ("/ip/...") names no host.
export function hostFromUrl(href) {
  if (!href) return null;
  const s = href.trim().replace(/&amp;/g, '&');
  let url = s;
  if (s.startsWith('//')) url = `https:${s}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(s)) return null;
    url = `https://${s}`;
  }
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && u.hostname.includes('.') ? u.hostname.toLowerCase() : null;
  } catch { return null; }
}

// <link rel="canonical" href> first, then <meta property="og:url" content>: both name the page's own address.
export function hostFromHtml(html) {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/^canonical$/i.test(attr(tag, 'rel') ?? '')) { const h = hostFromUrl(attr(tag, 'href')); if (h) return { host: h, from: 'canonical' }; }
  }
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (/^og:url$/i.test(attr(tag, 'property') ?? attr(tag, 'name') ?? '')) { const h = hostFromUrl(attr(tag, 'content')); if (h) return { host: h, from: 'og:url' }; }
  }
  return null;
}

// "test_data__stupid.com.html" -> www.stupid.com, "training_data__gap.html" -> www.gap.com,
// "mock_parse_results_amz.html" -> www.amazon.com.
export function hostFromName(file) {
  const base = file.split('/').pop().replace(/\.html$/, '');
  const word = base.includes('__') ? base.split('__').pop() : base.split('_').pop();
  if (NAME_HOSTS[word]) return NAME_HOSTS[word];
  const name = word.toLowerCase().replace(/[^a-z0-9.-]/g, '');
  return name.includes('.') ? `www.${name.replace(/^www\./, '')}` : `www.${name}.com`;
}

// intl/SOURCES.tsv: path (relative to intl/) -> site column.
function intlSites() {
  const file = join(CORPUS, 'intl/SOURCES.tsv');
  if (!existsSync(file)) return new Map();
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const path = header.indexOf('path'), site = header.indexOf('site');
  return new Map(rows.map((r) => [`intl/${r[path]}`, r[site]]));
}

// Every saved page, sorted: [{name ("fathom/test_data__gap.html"), file (absolute), host, from
// ("canonical", "og:url", "SOURCES.tsv" or "file name"), path ("/fathom/test_data__gap.html")}].
// Empty when ../shared is absent. Several pages may share a host; their paths tell them apart.
export function corpusPages() {
  if (!existsSync(CORPUS)) return [];
  const sites = intlSites();
  const pages = [];
  for (const dir of DIRS) {
    const abs = join(CORPUS, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs, { recursive: true }).map(String).filter((x) => x.endsWith('.html')).sort()) {
      const name = `${dir}/${f}`;
      const file = join(abs, f);
      const found = hostFromHtml(bytesAsText(file))
        ?? (sites.get(name) ? { host: sites.get(name), from: 'SOURCES.tsv' } : null)
        ?? { host: hostFromName(name), from: 'file name' };
      pages.push({ name, file, ...found, path: `/${name.split('/').map(encodeURIComponent).join('/')}` });
    }
  }
  return pages;
}
