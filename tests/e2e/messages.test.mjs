// The background's message handling, end to end in Chromium: every type of the one MESSAGES table
// (extension/background.js) has cases here; foreign senders (another extension, a web page),
// wrong senders (a content script asking for an extension-page message and the reverse),
// malformed and oversized messages are all refused, and no input leaves a message unanswered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { DIST, contentWorld, launch } from '../../scripts/lib/browser.mjs';

// One well-formed message per type, and refusals it must meet: `bad` (wrong shape) and `big`
// (over a size cap). Adding a type to MESSAGES without a line here fails the first test.
const CASES = {
  scan: { ok: { text: 'Ring Video Doorbell' }, bad: [{ text: 42 }, { text: null }], big: [{ text: 'x'.repeat((1 << 20) + 1) }] },
  search: { ok: { query: 'ring', limit: 5 }, bad: [{ query: 5 }, { query: 'ring', limit: 0 }, { query: 'ring', limit: 1.5 }], big: [{ query: 'x'.repeat(201) }, { query: 'ring', limit: 51 }] },
  company: { ok: { id: 'amazon' }, bad: [{ id: 1 }, {}], big: [{ id: 'x'.repeat(201) }] },
  info: { ok: {}, bad: [], big: [] },
  dataset: { ok: {}, bad: [], big: [] },
  loadDataset: { ok: { json: '{}', name: 'x.json' }, bad: [{ json: 1 }, { json: '{}', name: 7 }], big: [{ json: ' '.repeat(5 * 1024 * 1024 + 1) }] },
  resetDataset: { ok: {}, bad: [], big: [] },
  profile: { ok: { id: 'amazon' }, bad: [{ id: null }], big: [{ id: 'x'.repeat(201) }] },
  site: { ok: {}, bad: [], big: [] },
  brand: { ok: { name: 'Zappos' }, bad: [{ name: '' }, { name: ['Zappos'] }], big: [{ name: 'x'.repeat(121) }] },
  report: {
    ok: { companies: [], capped: 0 },
    bad: [{ companies: 'amazon', capped: 0 }, { companies: [null], capped: 0 }, { companies: [], capped: -1 }],
    big: [{ companies: Array.from({ length: 1001 }, () => ({ id: 'amazon', matches: [] })), capped: 0 }],
  },
  cardInfo: { ok: { company: 'amazon', brand: null }, bad: [{ company: 5 }, { company: 'amazon', brand: 3 }], big: [{ company: 'x'.repeat(201) }] },
  openProfile: { ok: { id: 'amazon' }, bad: [{ id: 7 }], big: [{ id: 'x'.repeat(201) }] },
  addSite: { ok: { origin: 'https://example.com' }, bad: [{ origin: 'javascript:alert(1)' }, { origin: 'https://example.com/path' }], big: [{ origin: `https://${'a'.repeat(300)}.com` }] },
  removeSite: { ok: { origin: 'https://example.com' }, bad: [{ origin: 42 }], big: [{ origin: `https://${'a'.repeat(300)}.com` }] },
  siteStatus: { ok: { origin: 'https://example.com' }, bad: [{ origin: 'file:///etc/passwd' }], big: [{ origin: `https://${'a'.repeat(300)}.com` }] },
  updateStatus: { ok: {}, bad: [], big: [] },
  setSubscription: {
    ok: { url: 'https://example.com/dataset.json', public_key: 'RWQ' },
    bad: [{ url: 1, public_key: 'RWQ' }, { url: 'https://example.com/', public_key: null }],
    big: [{ url: `https://example.com/${'x'.repeat(2000)}`, public_key: 'RWQ' }, { url: 'https://example.com/', public_key: 'K'.repeat(1001) }],
  },
  removeSubscription: { ok: {}, bad: [], big: [] },
  checkNow: { ok: {}, bad: [], big: [] },
};

// The table as the background declares it: type -> allowed sender class.
async function declaredTypes() {
  const bg = await readFile(join(DIST, 'extension/background.js'), 'utf8');
  const start = bg.indexOf('const MESSAGES = {');
  const table = bg.slice(start, bg.indexOf('\n};', start));
  const types = {};
  for (const chunk of table.split(/\n(?= {2}\w+: \{)/).slice(1)) {
    const [, type] = chunk.match(/^ {2}(\w+): \{/);
    types[type] = chunk.match(/from: '(\w+)'/)?.[1];
  }
  return types;
}

// A second, unrelated extension with a fixed id (from the public key in its manifest), whose page
// tries to message Backstory directly.
async function foreignExtension() {
  const dir = await mkdtemp(join(tmpdir(), 'backstory-foreign-'));
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
  await writeFile(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Foreign', version: '1', key: der.toString('base64') }));
  await writeFile(join(dir, 'page.html'), '<!doctype html><title>foreign</title>');
  return { dir, id };
}

let server, browser, foreign, popup, contentCall, types;
before(async () => {
  types = await declaredTypes();
  foreign = await foreignExtension();
  server = await serve();
  browser = await launch({ ext: `${DIST},${foreign.dir}` });
  popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);

  // The content script's isolated world on the demo shop, reached through CDP.
  const page = await browser.context.newPage();
  await page.goto(server.url);
  const world = await contentWorld(page, browser.extensionId);
  contentCall = (messages) => world.evaluate(
    `Promise.all(${JSON.stringify(messages)}.map((m) => BackstoryApi.runtime.sendMessage(m).catch((e) => ({ threw: String(e.message ?? e) }))))`);
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (foreign) await rm(foreign.dir, { recursive: true, force: true });
});

const popupCall = (messages) => popup.evaluate((ms) => Promise.all(ms.map((m) => globalThis.BackstoryApi.runtime.sendMessage(m)
  .catch((e) => ({ threw: String(e.message ?? e) })))), messages);
const withType = (type, body) => ({ type, ...body });

test('every message type in the background table has cases here, and each names its sender', () => {
  assert.deepEqual(Object.keys(types).sort(), Object.keys(CASES).sort());
  for (const [type, from] of Object.entries(types)) assert.ok(['content', 'page', 'extension'].includes(from), `${type}: from ${from}`);
});

test('well-formed messages from the right sender are answered (the refusals below are not blanket)', async () => {
  const [scan] = await contentCall([withType('scan', CASES.scan.ok)]);
  assert.equal(scan.ok, true, JSON.stringify(scan));
  assert.deepEqual(scan.hits.slice(0, 2), [0, 19]);
  const [search, popupScan] = await popupCall([withType('search', CASES.search.ok), withType('scan', CASES.scan.ok)]);
  assert.equal(search.ok, true, JSON.stringify(search));
  assert.ok(search.results.length > 0);
  assert.equal(popupScan.ok, true, 'scan is allowed from extension pages too');
});

test('the content script (inside a possibly hostile page) is refused every extension-page message', async () => {
  const sent = Object.keys(types).filter((t) => types[t] === 'extension');
  assert.ok(sent.length >= 4, `${sent}`);
  const answers = await contentCall(sent.map((t) => withType(t, CASES[t].ok)));
  sent.forEach((t, i) => assert.deepEqual(answers[i], { ok: false, error: 'sender not allowed' }, t));
});

test('extension pages are refused the messages only a web page\'s content script may send', async () => {
  const sent = Object.keys(types).filter((t) => types[t] === 'page');
  const answers = await popupCall(sent.map((t) => withType(t, CASES[t].ok)));
  sent.forEach((t, i) => assert.deepEqual(answers[i], { ok: false, error: 'sender not allowed' }, t));
});

test('malformed messages are refused with the reason', async () => {
  const cases = [
    [null, 'message must be an object'], ['scan', 'message must be an object'], [[], 'message must be an object'],
    [42, 'message must be an object'], [{}, 'unknown message type'], [{ type: 'nope' }, 'unknown message type'],
    [{ type: ['scan'] }, 'unknown message type'], [{ type: ['scan'], text: 'Ring' }, 'unknown message type'],
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((t) => [{ type: t }, 'unknown message type']),
  ];
  for (const [t, c] of Object.entries(CASES)) {
    cases.push([{ type: t, ...c.ok, evil: 1 }, 'unexpected field evil']);
    for (const b of c.bad) cases.push([withType(t, b), `bad ${t} message`]);
  }
  const answers = await contentCall(cases.map(([m]) => m));
  cases.forEach(([m, error], i) => assert.deepEqual(answers[i], { ok: false, error }, JSON.stringify(m)));
});

test('oversized messages are refused before any work', async () => {
  const cases = Object.entries(CASES).flatMap(([t, c]) => c.big.map((b) => withType(t, b)));
  // From the popup: it may send every type, so only the size can be the reason for a refusal.
  const answers = await popupCall(cases);
  cases.forEach((m, i) => assert.deepEqual(answers[i], { ok: false, error: `bad ${m.type} message` }, `${m.type} ${JSON.stringify(m).length} chars`));
});

test('odd values in every field never leave a message unanswered', async () => {
  const odd = [null, true, 0, -1, 1.5, 1e21, '', ' ', '\u0000', '\ud800', 'x'.repeat(10000), [], [null], [{}], {}, { length: 1e9 }, { toString: 'x' }];
  const cases = [];
  for (const [t, c] of Object.entries(CASES)) for (const k of Object.keys(c.ok)) for (const v of odd) cases.push({ ...withType(t, c.ok), [k]: v });
  const answers = await contentCall(cases);
  cases.forEach((m, i) => assert.equal(typeof answers[i]?.ok, 'boolean', `${JSON.stringify(m).slice(0, 80)} -> ${JSON.stringify(answers[i])}`));
});

test('another extension cannot message Backstory', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${foreign.id}/page.html`);
  const answers = await page.evaluate(async (id) => Promise.all([{ type: 'scan', text: 'Ring Video Doorbell' }, { type: 'search', query: 'ring' }]
    .map((m) => chrome.runtime.sendMessage(id, m).then((r) => ({ answered: r }), (e) => ({ threw: String(e.message ?? e) })))), browser.extensionId);
  for (const a of answers) assert.ok(a.threw || a.answered?.ok === false, JSON.stringify(a));
  await page.close();
});

test('a web page cannot message Backstory', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  const answer = await page.evaluate(async (id) => {
    if (typeof globalThis.chrome?.runtime?.sendMessage !== 'function') return { unavailable: true };
    try { return { answered: await chrome.runtime.sendMessage(id, { type: 'scan', text: 'Ring' }) }; } catch (e) { return { threw: String(e.message ?? e) }; }
  }, browser.extensionId);
  assert.ok(answer.unavailable || answer.threw || answer.answered?.ok === false, JSON.stringify(answer));
  await page.close();
});
