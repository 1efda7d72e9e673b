/**
 * The shift in words, judged against the page's own wall clock (the host's
 * view says what was due when it was made; the banner must appear on time
 * even if no event arrives).
 */
import type { ShiftView } from '../../src/contract/checks.js';
import type { Status } from '../../src/contract/hft.js';
import { formatLocalDateTime, formatLocalTime } from '../../src/core/shift/zoned-time.js';

export function reminderDue(view: Pick<ShiftView, 'handoffReminderAt' | 'endsAt'>, now: number): boolean {
  return now >= view.handoffReminderAt && now < view.endsAt;
}

/** "Handoff in 24 min (17:00)": whole minutes, rounded up so "0 min" never shows before the end. */
export function handoffCountdown(view: Pick<ShiftView, 'endsAt' | 'timeZone'>, now: number): string {
  const minutes = Math.max(0, Math.ceil((view.endsAt - now) / 60_000));
  return `Handoff in ${minutes} min (${formatLocalTime(view.endsAt, view.timeZone)})`;
}

export function shiftWindowText(view: Pick<ShiftView, 'role' | 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const role = view.role === 'primary' ? 'Primary' : 'Secondary';
  return `${role} on call · ${formatLocalDateTime(view.startsAt, view.timeZone)} → ${formatLocalDateTime(view.endsAt, view.timeZone)} (${view.timeZone})`;
}

/** The midday quick status: one line from the last status answer. */
export function quickStatusText(status: Status | null): string {
  if (!status) return 'No status answer yet';
  const connected = status.exchanges.filter((e) => e.connected).length;
  const { cpu_pct, memory_pct, disk_pct } = status.resources;
  return [
    status.killswitch.active ? 'KILLSWITCH ACTIVE' : status.trading_enabled ? 'trading enabled' : 'TRADING DISABLED',
    `${connected}/${status.exchanges.length} exchanges connected`,
    `order p99 ${status.latency.order_p99_ms.toFixed(1)} ms`,
    `CPU ${Math.round(cpu_pct)}%, memory ${Math.round(memory_pct)}%, disk ${Math.round(disk_pct)}%`,
  ].join(' · ');
}
