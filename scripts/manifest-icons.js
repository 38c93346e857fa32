#!/usr/bin/env node
// Draws the add-in's icons (taskpane/assets/icon-<size>.png): a Liaison-blue rounded square with a white "L".
// The PNGs are committed; run this again only to change the design. No image library: a tiny PNG encoder.
const { writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const zlib = require('node:zlib');
const { Buffer } = require('node:buffer');

// 16/32/80: the desktop ribbon; 64/128: the add-in's icon; 25/32/48 at scale 1, 2 and 3 (25, 50, 75, 32, 64, 96, 48,
// 96, 144): the Outlook mobile button; 192: the unified manifest's colour icon (its outline icon is icon-outline-32).
const SIZES = [16, 25, 32, 48, 50, 64, 75, 80, 96, 128, 144, 192];
const BLUE = [15, 108, 189];

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The square's PNG; `outline` draws only the "L" in white on transparent (Teams' outline icon). */
function icon(size, outline = false) {
  const radius = size * 0.2;
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  // The "L": a vertical bar and a foot, in the middle of the square.
  const bar = (x, y) =>
    (x >= size * 0.32 && x < size * 0.48 && y >= size * 0.22 && y < size * 0.78) ||
    (x >= size * 0.32 && x < size * 0.72 && y >= size * 0.62 && y < size * 0.78);
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const [px, py] = [x + 0.5, y + 0.5];
      const rgba = outline
        ? bar(px, py)
          ? [255, 255, 255, 255]
          : [0, 0, 0, 0]
        : !inside(px, py)
          ? [0, 0, 0, 0]
          : bar(px, py)
            ? [255, 255, 255, 255]
            : [...BLUE, 255];
      Buffer.from(rgba).copy(row, 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = join(__dirname, '..', 'taskpane', 'assets');
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(join(dir, `icon-${size}.png`), icon(size));
writeFileSync(join(dir, 'icon-outline-32.png'), icon(32, true));
console.log(`Wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')}, icon-outline-32.png in taskpane/assets/`);
