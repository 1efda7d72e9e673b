import { describe, expect, it } from 'vitest';
import { decodeTerminalDataFrame, encodeTerminalDataFrame, TERMINAL_DATA_FRAME, utf8ByteLength } from './output-frame.js';

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('terminal output frames', () => {
  it('carries the session id and the output as UTF-8, in the documented layout', () => {
    const frame = encodeTerminalDataFrame('s-1', 'ok €😀\r\n');
    expect([...frame.subarray(0, 6)]).toEqual([TERMINAL_DATA_FRAME, 0, 3, 0x73, 0x2d, 0x31]);
    expect(utf8(frame.subarray(6))).toBe('ok €😀\r\n');
    const decoded = decodeTerminalDataFrame(frame);
    expect(decoded?.sessionId).toBe('s-1');
    expect(utf8(decoded!.data)).toBe('ok €😀\r\n');
    expect(decoded!.data.byteLength).toBe(utf8ByteLength('ok €😀\r\n'));
  });

  it('sized by the output\'s UTF-8 length, the frame is exactly header and output, the same bytes', () => {
    const text = 'ok €😀\r\n';
    const exact = encodeTerminalDataFrame('s-1', text, utf8ByteLength(text));
    expect(exact.buffer.byteLength).toBe(6 + utf8ByteLength(text));
    expect([...exact]).toEqual([...encodeTerminalDataFrame('s-1', text)]);
    expect(() => encodeTerminalDataFrame('s-1', text, utf8ByteLength(text) - 1)).toThrow(/more than the 11 UTF-8 bytes/);
  });

  it('round-trips empty output and a long session id', () => {
    const id = 'x'.repeat(300);
    const decoded = decodeTerminalDataFrame(encodeTerminalDataFrame(id, ''));
    expect(decoded?.sessionId).toBe(id);
    expect(decoded?.data.byteLength).toBe(0);
  });

  it('rejects frames of another type, too short, or whose id runs past the end', () => {
    expect(decodeTerminalDataFrame(new Uint8Array([]))).toBeNull();
    expect(decodeTerminalDataFrame(new Uint8Array([2, 0, 1, 0x61]))).toBeNull();
    expect(decodeTerminalDataFrame(new Uint8Array([1, 0]))).toBeNull();
    expect(decodeTerminalDataFrame(new Uint8Array([1, 0, 0, 0x61]))).toBeNull();
    expect(decodeTerminalDataFrame(new Uint8Array([1, 0, 5, 0x61, 0x62]))).toBeNull();
  });

  it('counts UTF-8 bytes as TextEncoder writes them, lone surrogates as U+FFFD', () => {
    for (const text of ['', 'plain ascii', 'é', '€', '😀', 'a😀b€c\u00e9', '\ud800', 'x\udc00y', '\ud83d']) {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });
});
