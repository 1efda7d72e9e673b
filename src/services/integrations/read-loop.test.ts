import { describe, expect, it } from 'vitest';
import type { Timers } from '../hft/timers.js';
import { createReadLoop } from './read-loop.js';

/** A read whose answer the test gives, in order. */
function heldReads() {
  const started: { done(): void }[] = [];
  const read = () =>
    new Promise<boolean>((resolve) => {
      started.push({ done: () => resolve(true) });
    });
  return { read, started };
}

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => {} };
const clock = { now: () => 1_000, monotonic: () => 1_000 };
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a read loop asked to read now', () => {
  it('reads at once when nothing is in flight', async () => {
    const reads = heldReads();
    const loop = createReadLoop({ clock, timers: noTimers, intervalMs: 60_000, capMs: 60_000, read: reads.read });
    const asked = loop.readNow();
    expect(reads.started).toHaveLength(1);
    reads.started[0]!.done();
    await asked;
    expect(loop.status().lastReadAt).toBe(1_000);
  });

  it('while a read is in flight, reads once more after it, one read for every caller meanwhile', async () => {
    const reads = heldReads();
    const loop = createReadLoop({ clock, timers: noTimers, intervalMs: 60_000, capMs: 60_000, read: reads.read });
    loop.start();
    expect(reads.started).toHaveLength(1);
    let answered = 0;
    const first = loop.readNow().then(() => answered++);
    const second = loop.readNow().then(() => answered++);
    reads.started[0]!.done();
    await settle();
    // The read that began before the callers asked does not answer them.
    expect(answered).toBe(0);
    expect(reads.started).toHaveLength(2);
    reads.started[1]!.done();
    await Promise.all([first, second]);
    expect(answered).toBe(2);
    expect(reads.started).toHaveLength(2);
    await loop.stop();
  });
});
