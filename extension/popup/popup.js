// Popup: a search box over the dataset (via the background's `search` message) and the on/off switch.
// Every dataset string reaches the DOM through textContent or setAttribute.
'use strict';
const api = globalThis.BackstoryApi;
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
const KIND_LABEL = { brand: 'brand', company: 'company', alias: 'also known as', symbol: 'stock symbol' };

let seq = 0; // answers may arrive out of order; only the newest query's answer is shown
async function runSearch() {
  const query = $('q').value.trim();
  const mine = ++seq;
  $('details').hidden = true;
  if (!query) { $('results').replaceChildren(); $('status').textContent = ''; return; }
  const res = await api.runtime.sendMessage({ type: 'search', query, limit: 10 });
  if (mine !== seq) return;
  if (!res?.ok) { $('status').textContent = `Search failed: ${res?.error ?? 'no answer'}`; return; }
  const items = res.results.map((r) => {
    const li = el('li');
    const b = el('button');
    b.type = 'button';
    b.append(el('span', 'company', r.company_name));
    if (r.label !== r.company_name) b.append(el('span', 'via', ` — ${KIND_LABEL[r.kind] ?? r.kind}: ${r.label}`));
    b.addEventListener('click', () => showCompany(r.company));
    li.append(b);
    return li;
  });
  $('results').replaceChildren(...items);
  $('status').textContent = items.length ? `${items.length} result${items.length > 1 ? 's' : ''}` : 'No match in this dataset';
}

async function showCompany(id) {
  const res = await api.runtime.sendMessage({ type: 'company', id });
  const c = res?.ok ? res.company : null;
  const box = $('details');
  if (!c) { box.hidden = true; return; }
  const parts = [el('h2', null, c.name)];
  if (c.summary) parts.push(el('p', null, c.summary));
  if (c.brands?.length) parts.push(el('p', 'muted', `Brands: ${c.brands.map((b) => b.name).join(', ')}`));
  if (c.symbols?.length) parts.push(el('p', 'muted', `Symbols: ${c.symbols.join(', ')}`));
  let url = null;
  try { url = new URL(c.profile_url).protocol === 'https:' ? new URL(c.profile_url).href : null; } catch { /* no link */ }
  if (url) {
    const a = el('a', null, 'Read the profile');
    a.setAttribute('href', url);
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
    parts.push(a);
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

async function showInfo() {
  const res = await api.runtime.sendMessage({ type: 'info' });
  if (!res?.ok) { $('dataset').textContent = `Dataset not loaded: ${res?.error ?? 'no answer'}`; return; }
  const i = res.info;
  $('dataset').textContent = `Dataset: ${i.title} ${i.version} (as of ${i.as_of}) — ${i.counts.companies} companies, ${i.counts.brands} brands`;
}

async function setupToggle() {
  const box = $('enabled');
  box.checked = (await api.storage.local.get('enabled')).enabled !== false;
  box.addEventListener('change', () => api.storage.local.set({ enabled: box.checked }));
}

$('q').addEventListener('input', runSearch);
$('search-form').addEventListener('submit', (e) => { e.preventDefault(); runSearch(); });
showInfo();
setupToggle();
