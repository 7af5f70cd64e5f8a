// What extensions in this field do today, as page scripts the benchmark injects into the same page
// (shared/notes/field.md): each finds brand names in the page's text and nothing more (no badges),
// so each is a lower bound of its extension's cost. Each function runs in the page's main world,
// builds its matcher from `names` (what a content script does on every page load) and returns
// {ms, found}. The floor is the bare TreeWalker walk every approach needs.
import { readFileSync } from 'node:fs';

export function floor() {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0, chars = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) { nodes += 1; chars += n.data.length; }
  return { ms: performance.now() - t0, nodes, chars };
}

// (a) One case-insensitive alternation with \b, run over every text node (Boykot Penguen's way).
export function alternation(names) {
  const t0 = performance.now();
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\b(?:${names.map(esc).join('|')})\\b`, 'gi');
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let found = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const p = n.parentNode?.nodeName;
    if (p === 'SCRIPT' || p === 'STYLE' || p === 'NOSCRIPT') continue;
    re.lastIndex = 0;
    while (re.exec(n.data)) found += 1;
  }
  return { ms: performance.now() - t0, found };
}

// (b) One RegExp per brand, tested against every text node (ClearLabel's way).
export function perBrand(names) {
  const t0 = performance.now();
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const res = names.map((s) => new RegExp(`\\b${esc(s)}\\b`, 'i'));
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let found = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const p = n.parentNode?.nodeName;
    if (p === 'SCRIPT' || p === 'STYLE' || p === 'NOSCRIPT') continue;
    const text = n.data;
    if (text.trim().length < 2) continue;
    for (const re of res) if (re.test(text)) found += 1;
  }
  return { ms: performance.now() - t0, found };
}

// (c) document.body.innerText once, then includes() per brand ("Boycott brands supporting war").
export function innerTextIncludes(names) {
  const t0 = performance.now();
  const lower = names.map((s) => s.toLowerCase());
  const text = document.body.innerText.toLowerCase();
  let found = 0;
  for (const s of lower) if (text.includes(s)) found += 1;
  return { ms: performance.now() - t0, found };
}

export const PEERS = { alternation, perBrand, innerTextIncludes };

// Every name a dataset matches on as plain text: company and brand names and their aliases.
// Stock symbols are left out (the peers have no ticker rule).
export function namesOf(datasetPath) {
  const d = JSON.parse(readFileSync(datasetPath, 'utf8'));
  const out = new Set();
  for (const x of [...(d.companies ?? []), ...(d.brands ?? [])]) {
    out.add(x.name);
    for (const a of x.aliases ?? []) out.add(typeof a === 'string' ? a : a.text);
  }
  return [...out].filter((s) => typeof s === 'string' && s.trim().length > 1);
}
