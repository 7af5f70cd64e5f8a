// The Organizer Studio's page: reads the organizer's files and form, hands them to the Studio's
// WebAssembly (src/wasm/studio.rs, the same Rust as `backstory import`, `pack` and `sign`) and shows
// its reports. No dataset logic lives here; every dataset string reaches the page as textContent.
// A classic script, as are the wasm and its glue, because browsers refuse modules from file://.
/* global wasm_bindgen */
'use strict';

(async () => {
  const $ = (id) => document.getElementById(id);
  const fileBytes = async (file) => new Uint8Array(await file.arrayBuffer());
  const today = () => new Date().toISOString().slice(0, 10); // UTC, as `backstory import` dates it
  // The page's state between steps: the checked dataset's text, and the key to sign with.
  const state = { dataset: null, datasetId: null, secret: null, password: '', publicKey: null, urls: [] };

  const say = (id, text, bad = false) => {
    $(id).textContent = text;
    $(id).classList.toggle('bad', bad);
  };
  // The status line updates before a slow step (the key derivation takes a second or two).
  const paint = () => new Promise((resolve) => setTimeout(resolve, 0));
  const cell = (row, text) => {
    const td = row.insertCell();
    td.textContent = text == null ? '' : String(text);
  };
  const message = (e) => (e && e.message) || String(e);

  /** A download link for `bytes` (a string or Uint8Array) named `name`, in the list `listId`. */
  const offer = (listId, name, bytes, type) => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    state.urls.push(url);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.textContent = `Download ${name}`;
    const li = document.createElement('li');
    li.append(a);
    $(listId).append(li);
  };

  const base64 = self.STUDIO_WASM;
  const wasm = new Uint8Array(base64.length * 3 / 4 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0));
  const raw = atob(base64);
  for (let i = 0; i < raw.length; i++) wasm[i] = raw.charCodeAt(i);
  await wasm_bindgen({ module_or_path: wasm });
  const studio = wasm_bindgen;
  $('meta-as-of').value = today();
  // The buttons wait for the wasm: a click before it would have nothing to run.
  for (const button of document.querySelectorAll('button')) button.disabled = false;
  say('loading', 'Ready.');

  $('sheet-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('sheet-file').files[0];
    if (!file) return;
    state.dataset = null;
    const meta = {
      id: $('meta-id').value.trim(),
      title: $('meta-title').value.trim() || `Imported from ${file.name}`,
      publisher: $('meta-publisher').value.trim(),
      license: $('meta-license').value.trim(),
      as_of: $('meta-as-of').value,
      version: Number($('meta-version').value),
    };
    say('sheet-status', 'Checking…');
    const t0 = performance.now();
    let report;
    try {
      report = studio.checkSheet(file.name, await fileBytes(file), meta);
    } catch (e) {
      say('sheet-status', message(e), true);
      return;
    }
    const ms = Math.round(performance.now() - t0);
    const body = $('issues').tBodies[0];
    body.replaceChildren();
    for (const issue of report.issues) {
      const row = body.insertRow();
      row.className = issue.severity;
      cell(row, issue.line);
      cell(row, issue.column);
      cell(row, issue.severity);
      cell(row, issue.message);
    }
    $('issues').hidden = report.issues.length === 0;
    $('issues').dataset.ms = String(ms);
    const count = (severity) => report.issues.filter((i) => i.severity === severity).length;
    const counts = `${report.companies} companies, ${report.brands} brands; ${count('error')} error(s), ${count('warning')} warning(s), ${count('note')} note(s)`;
    if (report.ok) {
      state.dataset = report.dataset;
      state.datasetId = meta.id;
      say('sheet-status', `Ready to build: ${counts}.`);
    } else {
      say('sheet-status', `Fix the errors below first: ${counts}.`, true);
    }
  });

  $('preview-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!state.dataset) return say('preview-status', 'Check a spreadsheet without errors first.', true);
    const page = $('preview-page').files[0];
    const [name, text] = page ? [page.name, await page.text()] : ['pasted text', $('preview-text').value];
    let result;
    try {
      result = studio.preview(state.dataset, name, text);
    } catch (e) {
      return say('preview-status', message(e), true);
    }
    const body = $('candidates').tBodies[0];
    body.replaceChildren();
    for (const c of result.candidates) {
      const row = body.insertRow();
      cell(row, c.alias);
      cell(row, c.company);
      cell(row, c.verdict);
      cell(row, `${c.reason} (${c.rule})`);
      cell(row, c.context);
    }
    $('candidates').hidden = result.candidates.length === 0;
    const lang = result.lang || 'unknown';
    say('preview-status', `${result.candidates.length} name(s) found, ${result.standing} badged; page language ${lang}.`);
  });

  $('keygen-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = $('new-password').value;
    if (password !== $('new-password-2').value) return say('key-status', 'The two passwords differ.', true);
    say('key-status', 'Creating the key pair…');
    await paint();
    try {
      const pair = studio.generateKeys(password);
      Object.assign(state, { secret: pair.secret, password, publicKey: pair.public });
      $('key-downloads').replaceChildren();
      offer('key-downloads', 'backstory.key', pair.secret, 'text/plain');
      offer('key-downloads', 'backstory.pub', pair.public, 'text/plain');
      say('key-status', `New key pair; public key ${pair.public_base64}. Download both files now.`);
    } catch (e) {
      say('key-status', message(e), true);
    }
  });

  $('loadkey-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('secret-file').files[0];
    if (!file) return;
    const secret = await file.text();
    const password = $('secret-password').value;
    say('key-status', 'Opening the key…');
    await paint();
    try {
      const publicKey = studio.openKey(secret, password);
      Object.assign(state, { secret, password, publicKey });
      $('key-downloads').replaceChildren();
      say('key-status', `Using the key whose public key is ${publicKey}.`);
    } catch (e) {
      say('key-status', message(e), true);
    }
  });

  $('build').addEventListener('click', async () => {
    if (!state.dataset) return say('build-status', 'Check a spreadsheet without errors first.', true);
    const updateUrl = $('update-url').value.trim();
    if (updateUrl && !state.publicKey) return say('build-status', 'Updates need a signing key: create or load one (step 4).', true);
    const optional = (id) => $(id).value.trim() || undefined;
    const form = {
      name: $('name').value.trim(),
      description: optional('description'),
      names_in: $('names-in').value.split('\n').map((s) => s.trim()).filter(Boolean),
      color: $('color').value,
      sites: $('sites').value.split(',').map((s) => s.trim()).filter(Boolean),
      update_url: updateUrl || undefined,
      public_key: updateUrl ? state.publicKey : undefined,
      version: optional('version'),
      addon_id: optional('addon-id'),
    };
    const icon = $('icon').files[0];
    say('build-status', 'Building…');
    await paint();
    for (const url of state.urls.splice(0)) URL.revokeObjectURL(url);
    $('downloads').replaceChildren();
    try {
      const packed = studio.pack(state.dataset, form, icon ? icon.name : '', icon ? await fileBytes(icon) : new Uint8Array());
      const zip = packed.zip();
      const slug = packed.slug();
      const list = updateUrl ? decodeURIComponent(new URL(updateUrl).pathname.split('/').pop()) || 'dataset.json' : `${state.datasetId}.json`;
      offer('downloads', list, state.dataset, 'application/json');
      let signed = '';
      if (state.secret) {
        const signature = studio.signDataset(state.secret, state.password, new TextEncoder().encode(state.dataset));
        offer('downloads', `${list}.minisig`, signature.signature, 'text/plain');
        signed = ` List signed (${signature.comment}).`;
      }
      offer('downloads', `${slug}-chromium.zip`, zip, 'application/zip');
      offer('downloads', `${slug}-firefox.zip`, zip, 'application/zip');
      const warnings = packed.warnings();
      say('build-status', `Built.${signed}${warnings.length ? ` Warning: ${warnings.join(' ')}` : ''}`);
    } catch (e) {
      say('build-status', message(e), true);
    }
  });
})().catch((e) => {
  const status = document.getElementById('loading');
  status.textContent = `The Studio could not start: ${(e && e.message) || e}`;
  status.classList.add('bad');
});
