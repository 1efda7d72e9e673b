import { describe, expect, it } from 'vitest';
import { crashRandom } from './harness/kill-round.js';

describe('crash suites’ random source', () => {
  it('replays the draws of a seed given in CRASH_SEED', () => {
    const a = crashRandom('t', { CRASH_SEED: '42' });
    const b = crashRandom('t', { CRASH_SEED: '42' });
    expect(a.seed).toBe(42);
    const draws = (r: typeof a.random) => Array.from({ length: 8 }, () => r.int(1000));
    expect(draws(a.random)).toEqual(draws(b.random));
  });

  it('differs from another seed, and refuses a seed that is not an integer', () => {
    const draws = (seed: string) => Array.from({ length: 8 }, ((r) => () => r.int(1e6))(crashRandom('t', { CRASH_SEED: seed }).random));
    expect(draws('1')).not.toEqual(draws('2'));
    expect(() => crashRandom('t', { CRASH_SEED: 'x' })).toThrow(/CRASH_SEED/);
  });

  it('picks and prints a seed when none is given', () => {
    const { seed } = crashRandom('t', {});
    expect(Number.isInteger(seed) && seed >= 0).toBe(true);
  });
});
