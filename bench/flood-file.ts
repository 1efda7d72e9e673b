/**
 * The 100 MB of text the terminal benchmarks pour through a terminal:
 * random bytes as base64 in lines of 76 characters, as `base64` writes them
 * (no control characters, so STX and ETX can frame it in a stream).
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOD_FILE_BYTES = 100 * 1024 * 1024;
const LINE_CHARS = 76;

/** FNV-1a (32 bit) over character codes, as the terminal bench's page computes it. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Writes the flood to `dir`/flood.txt; its checksum and length in characters (bytes: it is ASCII). */
export function writeFloodFile(dir: string): { path: string; checksum: number; chars: number } {
  const lines: string[] = [];
  let size = 0;
  const text = randomBytes(Math.ceil((FLOOD_FILE_BYTES * 3) / 4)).toString('base64');
  for (let at = 0; size < FLOOD_FILE_BYTES; at += LINE_CHARS) {
    const line = `${text.slice(at, at + LINE_CHARS)}\n`;
    lines.push(line);
    size += line.length;
  }
  const content = lines.join('');
  const path = join(dir, 'flood.txt');
  writeFileSync(path, content);
  return { path, checksum: fnv1a(content), chars: content.length };
}
