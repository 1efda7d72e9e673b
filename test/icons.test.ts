/**
 * scripts/make-icons.ts: the ICO and ICNS it writes hold what Windows and
 * macOS read (a directory of PNG entries with their sizes and offsets; typed
 * elements whose lengths add up), each PNG is the size its slot says, and
 * the drawing actually shows (opaque in the middle, transparent corners).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-wasm';
import { readFileSync } from 'node:fs';
import { ICNS_TYPES, ICON_SIZES, ICON_SVG, icnsFile, icoFile, pngSize, renderPng } from '../scripts/make-icons.js';

const svg = readFileSync(ICON_SVG, 'utf8');

let images: { size: number; png: Buffer }[] = [];
beforeAll(async () => {
  for (const size of ICON_SIZES) images.push({ size, png: await renderPng(svg, size) });
}, 30_000);

describe('icons', () => {
  it('renders every size from the one drawing, showing it', () => {
    for (const { size, png } of images) expect(pngSize(png), `${size}`).toEqual({ width: size, height: size });
    // Pixels of the 64 px rendering: the rounded square is opaque, its corners are not.
    const pixels = new Resvg(svg, { fitTo: { mode: 'width', value: 64 } }).render().pixels;
    const alpha = (x: number, y: number) => pixels[(y * 64 + x) * 4 + 3];
    expect(alpha(32, 32)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
  });

  it('writes an ICO directory of PNG entries up to 256 px', () => {
    const small = images.filter((i) => i.size <= 256);
    const ico = icoFile(small);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, small.length]);
    small.forEach(({ size, png }, i) => {
      const entry = 6 + 16 * i;
      expect(ico.readUInt8(entry) || 256).toBe(size);
      expect(ico.readUInt16LE(entry + 6)).toBe(32);
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(ico.subarray(offset, offset + length).equals(png)).toBe(true);
    });
    expect(() => icoFile([{ size: 512, png: small[0]!.png }])).toThrow(/at most 256/);
  });

  it('writes an ICNS with every slot from 16 to 1024 px, retina ones included', () => {
    const icns = icnsFile(images);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < icns.length; ) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const length = icns.readUInt32BE(at + 4);
      found[type] = pngSize(icns.subarray(at + 8, at + length)).width;
      at += length;
    }
    const expected = Object.fromEntries(Object.entries(ICNS_TYPES).flatMap(([size, types]) => types.map((t) => [t, Number(size)])));
    expect(found).toEqual(expected);
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']));
  });

  it('refuses bytes that are not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a............'))).toThrow('not a PNG');
  });
});
