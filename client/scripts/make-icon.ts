// Draws images/icon.png (128×128): a container on a blue tile with a green health dot. Plain
// pixel math and zlib, so the icon is reproducible without image tools: `npx tsx client/scripts/make-icon.ts`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const SIZE = 128;
type RGBA = [number, number, number, number];
const TILE: RGBA = [30, 58, 95, 255];
const BOX: RGBA = [236, 241, 247, 255];
const SLAT: RGBA = [30, 58, 95, 255];
const HEALTH: RGBA = [46, 160, 67, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

function insideRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function pixel(x: number, y: number): RGBA {
  const px = x + 0.5;
  const py = y + 0.5;
  if ((px - 98) ** 2 + (py - 98) ** 2 <= 20 ** 2) {
    // A check mark inside the health dot.
    const onCheck = (Math.abs(py - 98 - (px - 90)) < 3 && px > 88 && px < 96) || (Math.abs(py - 104 + (px - 96) * 1.2) < 3 && px >= 95 && px < 108);
    return onCheck ? BOX : HEALTH;
  }
  if ((px - 98) ** 2 + (py - 98) ** 2 <= 24 ** 2) return TILE;
  if (insideRoundedRect(px, py, 24, 36, 100, 92, 6)) {
    const slat = px > 32 && px < 92 && py > 44 && py < 84 && Math.floor((px - 32) / 10) % 2 === 1;
    return slat ? SLAT : BOX;
  }
  if (insideRoundedRect(px, py, 4, 4, 124, 124, 20)) return TILE;
  return CLEAR;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const rows: Buffer[] = [];
for (let y = 0; y < SIZE; y++) {
  rows.push(Buffer.from([0, ...Array.from({ length: SIZE }, (_, x) => pixel(x, y)).flat()]));
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.resolve(__dirname, '../../images/icon.png');
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
