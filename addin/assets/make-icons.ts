/**
 * Draws the add-in icons (16, 32, 80 px PNG): four squares in a 2×2 grid — 巩固 green, 提升 blue,
 * 盘活 amber, 重建 red — on a transparent background. Run: `npx tsx addin/assets/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const COLORS: [number, number, number][] = [
  [26, 127, 55],
  [9, 105, 218],
  [191, 135, 0],
  [207, 34, 46],
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function icon(size: number): Buffer {
  const pad = Math.max(1, Math.round(size / 16));
  const gap = Math.max(1, Math.round(size / 16));
  const cell = (size - 2 * pad - gap) / 2;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const gx = x - pad;
      const gy = y - pad;
      const col = gx < cell ? 0 : gx >= cell + gap ? 1 : -1;
      const row = gy < cell ? 0 : gy >= cell + gap ? 1 : -1;
      const inside = gx >= 0 && gy >= 0 && gx < 2 * cell + gap && gy < 2 * cell + gap && col >= 0 && row >= 0;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (!inside) continue;
      const [r, g, b] = COLORS[row * 2 + col] as [number, number, number];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of [16, 32, 64, 80]) {
    writeFileSync(new URL(`./icon-${size}.png`, import.meta.url), icon(size));
  }
}
