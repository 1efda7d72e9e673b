/**
 * The tray icon, drawn in code (no image file to ship): a 16x16 disc in the
 * colour of the most urgent open severity, grey when nothing is open. The
 * text beside it names the severity, so colour is never the only signal.
 * Raw BGRA pixels, as Electron's `nativeImage.createFromBitmap` takes them.
 */
import type { Severity } from '../src/core/playbook/index.js';

/** Icon edge, px: the tray size on Windows and most Linux panels at 1x. */
export const TRAY_ICON_SIZE = 16;

/** [red, green, blue] per level. */
export const TRAY_COLOURS: Record<Severity | 'none', [number, number, number]> = {
  SEV1: [0xd3, 0x2f, 0x2f],
  SEV2: [0xf5, 0x7c, 0x00],
  SEV3: [0xfb, 0xc0, 0x2d],
  SEV4: [0x19, 0x76, 0xd2],
  none: [0x9e, 0x9e, 0x9e],
};

export function trayIconBitmap(level: Severity | null): Buffer {
  const [r, g, b] = TRAY_COLOURS[level ?? 'none'];
  const size = TRAY_ICON_SIZE;
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size / 2 - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // One pixel of soft edge so the disc does not look jagged.
      const coverage = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(x - centre, y - centre)));
      const at = (y * size + x) * 4;
      pixels[at] = b;
      pixels[at + 1] = g;
      pixels[at + 2] = r;
      pixels[at + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}
