// Draws the extension icon (images/icon.png, 128x128 RGBA) without any image
// library: shapes are rasterised with 4x4 supersampling and written as a PNG
// with node's zlib. Run: node scripts/make-icon.mjs [out.png]
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(root, 'images', 'icon.png');
const SIZE = 128;
const SS = 4; // samples per axis

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Signed-distance-free inside tests, each returns true when (x, y) is inside. */
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r0, r1) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= r1 * r1 && d >= r0 * r0;
};
/** A thick segment from (ax, ay) to (bx, by). */
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};

// Background: a rounded tile with a vertical gradient.
const top = hex('#1f4e79');
const bottom = hex('#0f2740');
const background = roundedRect(4, 4, 124, 124, 22);

// Log lines: a severity dot and a text bar.
const lines = [
  { y: 30, dot: '#4caf50', len: 58 },
  { y: 48, dot: '#42a5f5', len: 74 },
  { y: 66, dot: '#ffb300', len: 44 },
  { y: 84, dot: '#ef5350', len: 34 },
  { y: 102, dot: '#42a5f5', len: 52 },
];
const shapes = [];
for (const line of lines) {
  shapes.push({ inside: circle(24, line.y, 5), color: hex(line.dot) });
  shapes.push({ inside: roundedRect(36, line.y - 4, 36 + line.len, line.y + 4, 4), color: hex('#dce6f0') });
}
// A magnifying glass over the lower right: the analysis.
shapes.push({ inside: circle(90, 86, 17), color: hex('#16395a'), alpha: 0.85 });
shapes.push({ inside: ring(90, 86, 14, 20), color: hex('#ffffff') });
shapes.push({ inside: segment(104, 100, 117, 113, 8), color: hex('#ffffff') });

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        if (!background(x, y)) continue;
        const t = y / SIZE;
        let c = top.map((v, i) => v + (bottom[i] - v) * t);
        for (const shape of shapes) {
          if (shape.inside(x, y)) {
            const alpha = shape.alpha ?? 1;
            c = c.map((v, i) => v + (shape.color[i] - v) * alpha);
          }
        }
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const o = (py * SIZE + px) * 4;
    if (a > 0) {
      pixels[o] = Math.round(r / a);
      pixels[o + 1] = Math.round(g / a);
      pixels[o + 2] = Math.round(b / a);
    }
    pixels[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

// PNG encoding: signature, IHDR, IDAT (filter byte 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`icon: wrote ${path.relative(root, out)} (${png.length} bytes)`);
