/**
 * Makes every icon the desktop packages need from one drawing,
 * build/icon.svg, into build/icons/ (not committed; `npm run dist` runs this
 * first):
 *
 *   png/<n>x<n>.png  Linux (AppImage and deb take the folder), n = 16 … 1024
 *   icon.ico         Windows (nsis and the executable): 16 … 256, PNG-compressed entries
 *   icon.icns        macOS (the app bundle and the dmg): 16 … 1024, with the @2x variants
 *
 * Rendered by resvg compiled to WebAssembly (@resvg/resvg-wasm), so it runs
 * the same on every platform the release workflow builds on, with no native
 * tool to install. `npx tsx scripts/make-icons.ts [svg] [outDir]`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

export const ICON_SVG = fileURLToPath(new URL('../build/icon.svg', import.meta.url));
export const ICONS_DIR = fileURLToPath(new URL('../build/icons/', import.meta.url));

/** Every size drawn, px; the ICO keeps those up to 256 (its format's largest). */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ICO_MAX = 256;

/**
 * ICNS element types holding PNG data, by the pixel size they take
 * (Apple's `ic07`… and the retina `ic11`…; https://en.wikipedia.org/wiki/Apple_Icon_Image_format).
 */
export const ICNS_TYPES: Record<number, string[]> = {
  16: ['icp4'],
  32: ['icp5', 'ic11'],
  64: ['icp6', 'ic12'],
  128: ['ic07'],
  256: ['ic08', 'ic13'],
  512: ['ic09', 'ic14'],
  1024: ['ic10'],
};

export interface SizedPng {
  size: number;
  png: Buffer;
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** An ICO file of PNG entries (Windows Vista and later read them). */
export function icoFile(images: readonly SizedPng[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    if (size > ICO_MAX) throw new Error(`an ICO entry is at most ${ICO_MAX} px, got ${size}`);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === ICO_MAX ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size === ICO_MAX ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** An ICNS file: 'icns', the total length, then one (type, length, PNG) element per slot. */
export function icnsFile(images: readonly SizedPng[]): Buffer {
  const elements: Buffer[] = [];
  for (const { size, png } of images) {
    for (const type of ICNS_TYPES[size] ?? []) {
      const head = Buffer.alloc(8);
      head.write(type, 0, 'latin1');
      head.writeUInt32BE(8 + png.length, 4);
      elements.push(head, png);
    }
  }
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

let wasmReady: Promise<void> | null = null;

export async function renderPng(svg: string, size: number): Promise<Buffer> {
  wasmReady ??= readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  await wasmReady;
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
  const png = Buffer.from(image.asPng());
  image.free();
  return png;
}

/** Renders every size and writes the three sets; returns the paths written. */
export async function makeIcons(svgPath = ICON_SVG, outDir = ICONS_DIR): Promise<string[]> {
  const svg = await readFile(svgPath, 'utf8');
  const images: SizedPng[] = [];
  for (const size of ICON_SIZES) images.push({ size, png: await renderPng(svg, size) });
  await mkdir(join(outDir, 'png'), { recursive: true });
  const written: [string, Buffer][] = [
    ...images.map(({ size, png }): [string, Buffer] => [join(outDir, 'png', `${size}x${size}.png`), png]),
    [join(outDir, 'icon.ico'), icoFile(images.filter((i) => i.size <= ICO_MAX))],
    [join(outDir, 'icon.icns'), icnsFile(images)],
  ];
  for (const [path, bytes] of written) await writeFile(path, bytes);
  return written.map(([path]) => path);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [svg, out] = process.argv.slice(2);
  const paths = await makeIcons(svg ?? ICON_SVG, out ?? ICONS_DIR);
  console.log(`wrote ${paths.length} icon files to ${out ?? ICONS_DIR}`);
}
