import { describe, expect, it } from 'vitest';
import { clockTime, failureText, formatDuration, formatMs, formatPct, formatPrice, formatSignedUsd, formatUsd, skewText } from './format.js';

describe('formatting', () => {
  it('shows money with an explicit sign for P&L', () => {
    expect(formatUsd(83_875)).toBe('$83,875.00');
    expect(formatUsd(2_450_000)).toBe('$2,450,000');
    expect(formatSignedUsd(-1520.4)).toBe('-$1,520.40');
    expect(formatSignedUsd(124.38)).toBe('+$124.38');
    expect(formatSignedUsd(0)).toBe('$0.00');
  });

  it('keeps precision for prices below a dollar', () => {
    expect(formatPrice(67_100)).toBe('67,100.00');
    expect(formatPrice(0.0012346)).toBe('0.001235');
  });

  it('shows durations in the unit that reads at a glance', () => {
    expect(formatDuration(800)).toBe('0.8 s');
    expect(formatDuration(14_200)).toBe('14 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(7_500_000)).toBe('2 h 05 min');
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
    expect(formatDuration(-5)).toBe('0.0 s');
  });

  it('shows percentages and latencies', () => {
    expect(formatPct(82.456)).toBe('82.5%');
    expect(formatMs(3.24)).toBe('3.2 ms');
    expect(formatMs(48.7)).toBe('49 ms');
  });

  it('shows wall-clock times in a given zone', () => {
    const t = Date.UTC(2026, 10, 24, 18, 2, 11);
    expect(clockTime(t, 0)).toBe('18:02:11');
    expect(clockTime(t, 60)).toBe('19:02:11');
  });

  it('names the failure kind before its message, once', () => {
    expect(failureText({ kind: 'invalid', message: 'positions[3].quantity expected number', at: 0 })).toBe(
      'invalid response: positions[3].quantity expected number',
    );
    expect(failureText({ kind: 'invalid', message: 'invalid response: x', at: 0 })).toBe('invalid response: x');
    expect(failureText({ kind: 'timeout', message: 'no answer within 2000 ms', at: 0 })).toBe('timeout: no answer within 2000 ms');
  });

  it('says which way the server clock is off', () => {
    expect(skewText(2300)).toBe('server clock 2.3 s ahead');
    expect(skewText(-61_000)).toBe('server clock 61 s behind');
  });
});
