#!/usr/bin/env node
/**
 * Renders OnAir Studio's icons from code (one design, every size) and writes the
 * files electron-builder and the tray use: NxN.png (Linux), icon.ico (Windows),
 * icon.icns (macOS), tray-*.png and trayTemplate*.png. No native dependencies:
 * the picture is drawn with signed distances and 4x4 supersampling, PNGs are
 * written with node:zlib, and the ICO and ICNS containers are assembled here
 * (both are a small header and a table around PNG or bitmap data).
 *
 *   npm run icons      (the generated files are committed; rerun after a design change)
 *
 * The design: a rounded dark tile with a red "on air" dot and two pairs of
 * broadcast arcs. Tray variants drop the tile: white arcs (idle), red dot (live),
 * black glyph (macOS template image, tinted by the OS).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size (Apple's names; ic11-ic14 are the @2x retina slots). */
export const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];
const SUPERSAMPLE = 4;

// ---- drawing ----

const TILE = [0x1b, 0x23, 0x40];
const TILE_BOTTOM = [0x0d, 0x12, 0x22];
const RED = [0xff, 0x3b, 0x3b];
const WHITE = [0xf2, 0xf4, 0xfa];
const BLACK = [0, 0, 0];

/** Signed distance to a rounded square centred at 0 with half-size h and corner radius r (coordinates in -1..1). */
function roundedSquare(x, y, h, r) {
  const qx = Math.abs(x) - h + r;
  const qy = Math.abs(y) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to an arc of radius `radius` centred at 0, spanning ±`half` radians around the x axis on both sides. */
function arcs(x, y, radius, half) {
  const angle = Math.atan2(y, Math.abs(x));
  if (Math.abs(angle) <= half) return Math.abs(Math.hypot(x, y) - radius);
  const end = [Math.cos(half) * radius, Math.sin(half) * radius * Math.sign(angle)];
  return Math.hypot(Math.abs(x) - end[0], y - end[1]);
}

/** The colour (rgb + coverage) of one sample point in -1..1 space, for a variant. */
function sample(x, y, variant) {
  const glyph = variant === 'app' ? { dot: RED, arcs: WHITE } : variant === 'tray-live' ? { dot: RED, arcs: WHITE } : variant === 'tray-template' ? { dot: BLACK, arcs: BLACK } : { dot: WHITE, arcs: WHITE };
  const scale = variant === 'app' ? 1 : 1.25; // tray glyphs fill their small square
  const gx = x * scale;
  const gy = y * scale;
  const dot = Math.hypot(gx, gy) <= 0.17;
  const stroke = variant === 'app' ? 0.065 : 0.09;
  const wave = arcs(gx, gy, 0.38, 0.75) <= stroke || arcs(gx, gy, 0.6, 0.7) <= stroke;
  if (dot) return [...glyph.dot, 1];
  if (wave) return [...glyph.arcs, 1];
  if (variant === 'app' && roundedSquare(x, y, 0.9, 0.22) <= 0) {
    const t = (y + 0.9) / 1.8;
    return [...TILE.map((c, i) => c + (TILE_BOTTOM[i] - c) * t), 1];
  }
  return [0, 0, 0, 0];
}

/** RGBA pixels (premultiplied while averaging, straight alpha out). */
export function renderIcon(size, variant = 'app') {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const x = ((px + (sx + 0.5) / n) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / n) / size) * 2 - 1;
          const [cr, cg, cb, ca] = sample(x, y, variant);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = (py * size + px) * 4;
      rgba[o + 3] = Math.round((a / (n * n)) * 255);
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
    }
  }
  return rgba;
}

// ---- PNG ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- ICO ----

/** A 32-bit BGRA DIB as stored in an ICO (bottom-up rows, height doubled for the AND mask, which follows). */
function icoBitmap(size, rgba) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8);
  info.writeUInt16LE(1, 12); // planes
  info.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = (y * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  // The AND mask is ignored for 32-bit images with alpha, but must be present: all zeros, rows padded to 4 bytes.
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([info, pixels, mask]);
}

/**
 * An ICO holding every size: bitmaps below 256 px (what older Windows shell code
 * and NSIS read best), PNG at 256 px (the format Windows Vista+ expects there).
 */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const datas = images.map(({ size, rgba }) => (size >= 256 ? encodePng(size, size, rgba) : icoBitmap(size, rgba)));
  const entries = Buffer.alloc(16 * images.length);
  let offset = 6 + entries.length;
  images.forEach(({ size }, i) => {
    const e = i * 16;
    entries[e] = size >= 256 ? 0 : size; // 0 means 256
    entries[e + 1] = size >= 256 ? 0 : size;
    entries.writeUInt16LE(1, e + 4); // planes
    entries.writeUInt16LE(32, e + 6); // bits per pixel
    entries.writeUInt32LE(datas[i].length, e + 8);
    entries.writeUInt32LE(offset, e + 12);
    offset += datas[i].length;
  });
  return Buffer.concat([header, entries, ...datas]);
}

// ---- ICNS ----

/** 'icns', total length, then (type, length incl. its 8-byte header, data) per element; big-endian. */
export function encodeIcns(elements) {
  const parts = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

// ---- the files ----

export function generateIcons(outDir) {
  mkdirSync(outDir, { recursive: true });
  const pngs = new Map();
  for (const size of APP_ICON_SIZES) {
    const rgba = renderIcon(size, 'app');
    pngs.set(size, { rgba, png: encodePng(size, size, rgba) });
    writeFileSync(path.join(outDir, `${size}x${size}.png`), pngs.get(size).png);
  }
  writeFileSync(path.join(outDir, 'icon.png'), pngs.get(512).png);
  writeFileSync(path.join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, rgba: pngs.get(size).rgba }))));
  writeFileSync(path.join(outDir, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size).png }))));
  // Tray: 16 px (and 32 px for @2x screens; Electron picks "@2x" files up by name).
  for (const [name, variant] of [['tray-idle', 'tray-idle'], ['tray-live', 'tray-live'], ['trayTemplate', 'tray-template']]) {
    writeFileSync(path.join(outDir, `${name}.png`), encodePng(16, 16, renderIcon(16, variant)));
    writeFileSync(path.join(outDir, `${name}@2x.png`), encodePng(32, 32, renderIcon(32, variant)));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.dirname(fileURLToPath(import.meta.url));
  generateIcons(outDir);
  console.log(`icons written to ${outDir}`);
}
