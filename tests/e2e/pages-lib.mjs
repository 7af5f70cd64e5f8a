// Shared by the pages-*.test.mjs files: axe-core (npm, pinned) on an extension page in light and
// dark colour schemes, and a small dataset with a parent, a subsidiary and a jointly owned brand.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// page.evaluate goes through DevTools, so the extension page's CSP (script-src 'self') does not
// block injecting axe; the page itself never loads it.
export async function axeViolations(page, scheme) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(AXE);
  const out = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.nodes[0]?.failureSummary ?? ''})`);
  });
  return out;
}

// Both schemes, one list: "[dark] color-contrast: ..." entries.
export async function axeBothSchemes(page) {
  const all = [];
  for (const scheme of ['light', 'dark']) for (const v of await axeViolations(page, scheme)) all.push(`[${scheme}] ${v}`);
  await page.emulateMedia({ colorScheme: null });
  return all;
}

// A valid format-v1 dataset that the default one cannot stand in for: a parent with a subsidiary,
// a brand owned 60/40 by two companies, a right-to-left company name.
export const COOP_DATASET = {
  format: 'backstory-dataset', format_version: 1, id: 'test-coop', title: 'Test co-op list',
  publisher: { name: 'Test co-op', url: 'https://example.org/' }, version: 7, license: 'CC0-1.0', as_of: '2026-01-01',
  profile_origins: ['https://example.org'],
  categories: [{ id: 'weapons', label: 'Weapons', description: 'Makes weapons or parts of them.', color: '#b91c1c' }],
  companies: [
    {
      id: 'acme', name: 'Acme Holdings', legal_name: 'Acme Holdings plc', symbols: ['LSE:ACME'], headquarters: 'London, United Kingdom',
      categories: ['weapons'], summary: 'Parent of Acme Foods; its arms unit makes artillery shells.',
      profile: [{ title: 'Artillery', text: 'Acme Defence makes 155 mm shells.' }], profile_url: 'https://example.org/acme',
      sources: [{ title: 'Annual report 2025', url: 'https://example.org/acme/ar-2025', as_of: '2025-12-31' }], as_of: '2026-01-01',
    },
    {
      id: 'acme-foods', name: 'Acme Foods', legal_name: 'Acme Foods Ltd', parent: 'acme', categories: [],
      summary: 'Snack maker owned by Acme Holdings.', sources: [{ title: 'Company site', url: 'https://example.org/foods' }], as_of: '2026-01-01',
    },
    {
      id: 'globex', name: 'Globex Partners', legal_name: 'Globex Partners SA', categories: [],
      summary: 'Investment firm.', sources: [{ title: 'Register', url: 'https://example.org/globex' }], as_of: '2026-01-01',
    },
    {
      id: 'nahar', name: 'שמש נהר', legal_name: 'Shemesh Nahar Ltd', categories: ['weapons'],
      summary: 'חברה לדוגמה.', sources: [{ title: 'Register', url: 'https://example.org/nahar' }], as_of: '2026-01-01',
    },
  ],
  brands: [
    { id: 'crunchos', name: 'Crunchos', owners: [{ company: 'acme-foods' }] },
    { id: 'zestora', name: 'Zestora', owners: [{ company: 'acme', share: 60 }, { company: 'globex', share: 40 }] },
  ],
};

// Sends a message from an extension page, as the page's own scripts do.
export const send = (page, message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
