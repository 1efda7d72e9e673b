import { describe, expect, it } from 'vitest';
import { takeNextWrite, type TerminalOutput } from './output-queue.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('takeNextWrite', () => {
  it('is null when nothing waits', () => {
    expect(takeNextWrite([])).toBeNull();
  });

  it('joins waiting bytes into one write, keeping a character split between chunks whole', () => {
    const euro = bytes('€');
    const waiting: TerminalOutput[] = [bytes('a'), euro.subarray(0, 1), euro.subarray(1), bytes('b')];
    const next = takeNextWrite(waiting);
    expect(next).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(next as Uint8Array)).toBe('a€b');
    expect(waiting).toEqual([]);
  });

  it('takes only the leading run of one kind, so text and bytes stay in order', () => {
    const waiting: TerminalOutput[] = ['replay ', 'more ', bytes('live'), 'text'];
    expect(takeNextWrite(waiting)).toBe('replay more ');
    expect(new TextDecoder().decode(takeNextWrite(waiting) as Uint8Array)).toBe('live');
    expect(takeNextWrite(waiting)).toBe('text');
    expect(takeNextWrite(waiting)).toBeNull();
  });

  it('joins no more than the most one write may hold, but always takes the first chunk whole', () => {
    const waiting: TerminalOutput[] = [bytes('aaaa'), bytes('bb'), bytes('c'), bytes('dddddd')];
    expect(new TextDecoder().decode(takeNextWrite(waiting, 6) as Uint8Array)).toBe('aaaabb');
    expect(new TextDecoder().decode(takeNextWrite(waiting, 6) as Uint8Array)).toBe('c');
    expect(new TextDecoder().decode(takeNextWrite(waiting, 3) as Uint8Array)).toBe('dddddd');
    const text: TerminalOutput[] = ['ab', 'cd', 'e'];
    expect(takeNextWrite(text, 4)).toBe('abcd');
    expect(takeNextWrite(text, 4)).toBe('e');
  });
});
