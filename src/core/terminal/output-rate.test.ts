import { describe, expect, it } from 'vitest';
import { FLOOD_BYTES, FLOOD_SPAN_MS, OutputRate } from './output-rate.js';

describe('OutputRate', () => {
  it('is a flood once FLOOD_BYTES were parsed within FLOOD_SPAN_MS, and no longer once they are older', () => {
    const rate = new OutputRate();
    rate.record(FLOOD_BYTES / 2, 0);
    expect(rate.flooding(10)).toBe(false);
    rate.record(FLOOD_BYTES / 2, FLOOD_SPAN_MS - 1);
    expect(rate.flooding(FLOOD_SPAN_MS - 1)).toBe(true);
    // The first half is out of the span now.
    expect(rate.flooding(FLOOD_SPAN_MS)).toBe(false);
  });

  it('never counts typing and prompts as a flood', () => {
    const rate = new OutputRate();
    for (let t = 0; t < 10_000; t += 100) rate.record(200, t);
    expect(rate.flooding(10_000)).toBe(false);
  });
});
