import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/contract/hft.js';
import { handoffCountdown, quickStatusText, reminderDue, shiftWindowText } from './shift-words.js';

const END = Date.UTC(2026, 10, 27, 17, 0);
const view = { role: 'primary' as const, startsAt: END - 7 * 86_400_000, endsAt: END, handoffReminderAt: END - 30 * 60_000, timeZone: 'UTC' };

describe('shift words', () => {
  it('shows the reminder from 30 minutes before the end until the end', () => {
    expect(reminderDue(view, END - 31 * 60_000)).toBe(false);
    expect(reminderDue(view, END - 30 * 60_000)).toBe(true);
    expect(reminderDue(view, END - 1)).toBe(true);
    expect(reminderDue(view, END)).toBe(false);
  });

  it('counts down in whole minutes, rounded up', () => {
    expect(handoffCountdown(view, END - 24 * 60_000 - 5_000)).toBe('Handoff in 25 min (17:00)');
    expect(handoffCountdown(view, END - 1_000)).toBe('Handoff in 1 min (17:00)');
  });

  it('names the seat and the window in the rotation time zone', () => {
    expect(shiftWindowText(view)).toBe('Primary on call · 2026-11-20 17:00 → 2026-11-27 17:00 (UTC)');
    expect(shiftWindowText({ ...view, role: 'secondary', timeZone: 'Europe/London' })).toMatch(/^Secondary on call · /);
  });

  it('sums up the status in one line', () => {
    const status = {
      timestamp: '2026-11-27T12:00:00Z',
      trading_enabled: true,
      killswitch: { active: false, reason: null, activated_at: null, source: null },
      exchanges: [
        { name: 'binance', connected: true, latency_ms: 3, last_message_at: '2026-11-27T12:00:00Z', rate_limit_used_pct: 1 },
        { name: 'kraken', connected: false, latency_ms: 3, last_message_at: '2026-11-27T12:00:00Z', rate_limit_used_pct: 1 },
      ],
      latency: { order_p50_ms: 1, order_p99_ms: 4.84, market_data_p99_ms: 1 },
      resources: { cpu_pct: 35.2, memory_pct: 61.2, disk_pct: 72.5 },
    } satisfies Status;
    expect(quickStatusText(status)).toBe('trading enabled · 1/2 exchanges connected · order p99 4.8 ms · CPU 35%, memory 61%, disk 73%');
    expect(quickStatusText(null)).toBe('No status answer yet');
  });
});
