import { describe, expect, it } from 'vitest';
import { completeLength, Utf8Splitter } from './utf8-splitter.js';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('Utf8Splitter', () => {
  it('keeps every character whole whatever the cut point', () => {
    const text = 'a é € 😀 z — ñ 日本語 🏳️‍🌈 end';
    const bytes = encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const splitter = new Utf8Splitter();
      const out = decode(splitter.push(bytes.subarray(0, cut))) + decode(splitter.push(bytes.subarray(cut)));
      expect(out).toBe(text);
      expect(splitter.pending).toBe(0);
    }
  });

  it('survives one byte at a time', () => {
    const text = '€😀é'.repeat(50);
    const splitter = new Utf8Splitter();
    let out = '';
    for (const byte of encode(text)) out += decode(splitter.push(Uint8Array.of(byte)));
    expect(out).toBe(text);
    expect(out).not.toContain('\uFFFD');
  });

  it('holds back only an unfinished sequence', () => {
    const euro = encode('€'); // e2 82 ac
    expect(completeLength(Uint8Array.of(0x61, euro[0]!, euro[1]!))).toBe(1);
    expect(completeLength(euro)).toBe(3);
    expect(completeLength(Uint8Array.of(0x61, 0x62))).toBe(2);
  });

  it('lets invalid bytes through instead of holding them forever', () => {
    const splitter = new Utf8Splitter();
    expect(splitter.push(Uint8Array.of(0x61, 0xff)).length).toBe(2);
    expect(splitter.push(Uint8Array.of(0x80, 0x80, 0x80, 0x80)).length).toBe(4);
  });

  it('flush hands back a truncated tail at end of stream', () => {
    const splitter = new Utf8Splitter();
    splitter.push(Uint8Array.of(0x61, 0xf0, 0x9f));
    expect([...splitter.flush()]).toEqual([0xf0, 0x9f]);
    expect(splitter.pending).toBe(0);
  });
});
