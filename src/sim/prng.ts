/**
 * A small seeded pseudo-random generator, so two runs with one seed agree
 * draw for draw. mulberry32 (Tommy Ettinger, public domain): 32-bit state,
 * period 2^32, fast, and good enough for a simulated market.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Approximately standard normal (mean 0, variance 1). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    // Sum of four uniforms, centred and scaled to unit variance (Irwin-Hall,
    // variance 4/12): far cheaper than Box-Muller for thousands of walks per
    // tick, and its tails stop at ±3.46, which keeps a simulated market tame.
    normal: () => (next() + next() + next() + next() - 2) * Math.sqrt(3),
    int: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** Derives an independent seed for a named sub-stream, so adding draws to one part of the model does not shift another. */
export function subSeed(seed: number, stream: string): number {
  // FNV-1a over the stream name, mixed with the seed.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
