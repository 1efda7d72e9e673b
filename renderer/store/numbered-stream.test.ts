import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/contract/index.js';
import { numberedStream, type Receipt } from './numbered-stream.js';

/** A toy stream: the base is a number, each delta must be base + 1. */
function harness(answers: Result<number>[]) {
  const timers: { fn: () => void; ms: number }[] = [];
  const seen: string[] = [];
  let asked = 0;
  const stream = numberedStream<number, number, number, object>({
    fromBase: (base) => base,
    receive: (state, delta): Receipt<number, object> => (delta <= state ? { kind: 'old' } : delta === state + 1 ? { kind: 'apply', state: delta } : { kind: 'resync', reason: 'gap' }),
    fetchBase: async () => {
      asked++;
      return answers.shift() ?? { ok: false, error: { code: 'unavailable', message: 'down' } };
    },
    tookBase: (base) => seen.push(`base ${base}`),
    applied: ({ state }) => seen.push(`delta ${state}`),
    canRetry: () => true,
    now: () => 0,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
    retryMs: 1_000,
    maxWaiting: 2,
  });
  return { stream, seen, timers, asked: () => asked };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('numberedStream', () => {
  it('keeps the newest deltas until its base, then applies those that follow it', () => {
    const h = harness([]);
    for (const d of [4, 5, 6]) h.stream.receive(d);
    h.stream.take(4);
    expect(h.seen).toEqual(['base 4', 'delta 5', 'delta 6']);
  });

  it('asks for a fresh base at a gap, and again after a failed ask', async () => {
    const h = harness([{ ok: false, error: { code: 'unavailable', message: 'down' } }, { ok: true, value: 9 }]);
    h.stream.take(1);
    h.stream.receive(3);
    await flush();
    expect(h.asked()).toBe(1);
    expect(h.timers.map((t) => t.ms)).toEqual([1_000]);
    h.timers.shift()!.fn();
    await flush();
    expect(h.asked()).toBe(2);
    h.stream.receive(10);
    expect(h.seen).toEqual(['base 1', 'base 9', 'delta 10']);
  });

  it('forgets its base on reset: deltas wait for the next one', () => {
    const h = harness([]);
    h.stream.take(1);
    h.stream.reset();
    h.stream.receive(2);
    expect(h.seen).toEqual(['base 1']);
    h.stream.take(1);
    expect(h.seen).toEqual(['base 1', 'base 1', 'delta 2']);
  });
});
