// `make dist`: zips dist/chromium and dist/firefox into the store packages
// dist/backstory-<version>-<browser>.zip, and dist/studio (the Organizer Studio, any static host
// serves it) into dist/backstory-<version>-studio.zip. The zips are reproducible: entries sorted by path, one
// fixed timestamp (1980-01-01 00:00, the earliest a zip can say), fixed permissions (0644), no
// extra fields, deflate at level 9; so the same tree always gives the same bytes, whatever the
// files' times, owners or modes on disk, and a reviewer can rebuild and compare checksums.
// A store package runs only where a shopper browses: the content-script matches for this machine
// (TEST_MATCHES), which the tests' local pages need in dist/, are left out of its manifest.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UNIX_FILE_0644 = (0o100644 << 16) >>> 0; // external attributes: regular file, rw-r--r--
const MADE_BY_UNIX = (3 << 8) | 20;
const UTF8_NAMES = 1 << 11;

// The content-script matches only tests use (src/organizer/pack.rs TEST_MATCHES drops the same).
export const TEST_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

// The manifest text with TEST_MATCHES removed from every content script.
export function storeManifest(text) {
  const m = JSON.parse(text);
  for (const script of m.content_scripts ?? []) script.matches = script.matches.filter((p) => !TEST_MATCHES.includes(p));
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`);
}

// Every file under dir, as forward-slash relative paths sorted by their UTF-8 bytes.
export function listFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
      else throw new Error(`dist: ${p} is neither a file nor a directory`);
    }
  };
  walk('');
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

// The zip of dir's files, as one Buffer; with store, its manifest as storeManifest gives it.
export function zipDir(dir, { store = false } = {}) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const raw = readFileSync(join(dir, name));
    const data = store && name === 'manifest.json' ? storeManifest(raw.toString('utf8')) : raw;
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length; // tiny or incompressible (PNG, wasm already -Oz)
    const body = stored ? data : deflated;
    const nameBytes = Buffer.from(name, 'utf8');
    const common = [
      [20, 2], [UTF8_NAMES, 2], [stored ? 0 : 8, 2], [DOS_TIME, 2], [DOS_DATE, 2],
      [crc32(data), 4], [body.length, 4], [data.length, 4], [nameBytes.length, 2], [0, 2],
    ];
    const header = fields([[0x04034b50, 4], ...common]);
    local.push(header, nameBytes, body);
    central.push(fields([[0x02014b50, 4], [MADE_BY_UNIX, 2], ...common, [0, 2], [0, 2], [0, 2], [UNIX_FILE_0644, 4], [offset, 4]]), nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const cd = Buffer.concat(central);
  const count = central.length / 2;
  if (count > 0xffff || offset + cd.length > 0xffffffff) throw new Error('dist: too large for a zip without zip64');
  const end = fields([[0x06054b50, 4], [0, 2], [0, 2], [count, 2], [count, 2], [cd.length, 4], [offset, 4], [0, 2]]);
  return Buffer.concat([...local, cd, end]);
}

function fields(list) {
  const buf = Buffer.alloc(list.reduce((n, [, size]) => n + size, 0));
  let at = 0;
  for (const [value, size] of list) {
    if (size === 2) buf.writeUInt16LE(value, at);
    else buf.writeUInt32LE(value >>> 0, at);
    at += size;
  }
  return buf;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
  for (const browser of ['chromium', 'firefox', 'studio']) {
    const dir = join(ROOT, 'dist', browser);
    const store = browser !== 'studio'; // the Studio is a web page, not a store package
    const zip = zipDir(dir, { store });
    // Reproducible means the same bytes from a second, independent pass over the tree.
    if (!zip.equals(zipDir(dir, { store }))) throw new Error(`dist: two passes over dist/${browser} differ`);
    const out = join(ROOT, 'dist', `backstory-${version}-${browser}.zip`);
    writeFileSync(out, zip);
    const sha = createHash('sha256').update(zip).digest('hex');
    console.log(`${sha}  dist/backstory-${version}-${browser}.zip (${listFiles(dir).length} files, ${zip.length} bytes)`);
  }
}
