// Draws the toolbar icons (lines of text ending in a badge, on a green rounded square) as PNGs.
// The icons are committed; run `node scripts/make-icons.mjs` only to change them. No image tools needed:
// shapes are signed-distance functions, 4x4 supersampled, written with a minimal PNG encoder.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Coordinates in a unit square [0,1]^2. Returns [r,g,b,a] for one sample.
const roundedBox = (x, y, c, half, r) => { const qx = Math.abs(x - c) - half + r, qy = Math.abs(y - c) - half + r; return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r; };
function sample(x, y) {
  if (roundedBox(x, y, 0.5, 0.47, 0.18) > 0) return [0, 0, 0, 0];
  // Three lines of "page text"; the middle one ends in an amber badge, as the extension draws them.
  const line = (cy, x0, x1) => Math.max(Math.abs(y - cy) - 0.055, Math.max(x0 - x, x - x1)) < 0;
  const badge = Math.hypot(x - 0.74, y - 0.5) - 0.13;
  if (badge < 0) return badge > -0.035 ? [255, 255, 255, 255] : [245, 158, 11, 255];
  if (line(0.27, 0.16, 0.84) || line(0.5, 0.16, 0.56) || line(0.73, 0.16, 0.7)) return [255, 255, 255, 255];
  return [15, 118, 110, 255];
}
function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const acc = [0, 0, 0, 0];
    for (let j = 0; j < S; j++) for (let i = 0; i < S; i++) {
      const [r, g, b, a] = sample((x + (i + 0.5) / S) / size, (y + (j + 0.5) / S) / size);
      acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a;
    }
    const o = (y * size + x) * 4;
    const a = acc[3] / (S * S);
    for (let k = 0; k < 3; k++) px[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
    px[o + 3] = Math.round(a);
  }
  return png(size, px);
}

const dir = new URL('../extension/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`icon-${size}.png`, dir), draw(size));
console.log('wrote extension/icons/icon-{16,32,48,128}.png');
