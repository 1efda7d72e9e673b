/**
 * How numbers read on the dashboard. P&L always carries its sign (a plain
 * ASCII minus, so it survives copy-paste into chat), money is in US dollars,
 * durations in the largest unit that still reads at a glance.
 */
import type { EndpointFailure, FailureKind } from '../../src/contract/live.js';

const usd0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, minimumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** $83,875.00; amounts of $100,000 and more drop the cents. */
export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100_000 ? usd0.format(abs) : usd2.format(abs);
  return `${value < 0 ? '-' : ''}$${digits}`;
}

/** +$124.38 / -$1,520.40 / $0.00. */
export function formatSignedUsd(value: number): string {
  if (value > 0) return `+${formatUsd(value)}`;
  if (value < 0) return formatUsd(value);
  return formatUsd(0);
}

/** Prices keep more decimals below a dollar (altcoins trade at fractions of a cent). */
export function formatPrice(value: number): string {
  if (value !== 0 && Math.abs(value) < 1) return value.toPrecision(4);
  return usd2.format(value);
}

export const formatQuantity = (value: number) => plain.format(value);

export const formatPct = (value: number, digits = 1) => `${value.toFixed(digits)}%`;

export const formatMs = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** 0.8 s, 14 s, 3 min 20 s, 2 h 05 min. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.floor(s)} s`;
  const totalMin = Math.floor(s / 60);
  if (totalMin < 60) return `${totalMin} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  const h = Math.floor(totalMin / 60);
  if (h < 48) return `${h} h ${String(totalMin % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** HH:MM:SS of a wall-clock instant, at `offsetMinutes` east of UTC. */
export function clockTime(wallMs: number, offsetMinutes: number): string {
  const d = new Date(wallMs + offsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** HH:MM:SS in the engineer's own time zone. */
export const localClockTime = (wallMs: number) => clockTime(wallMs, -new Date(wallMs).getTimezoneOffset());

const FAILURE_LABEL: Record<FailureKind, string> = {
  timeout: 'timeout',
  network: 'network error',
  http: 'HTTP error',
  invalid: 'invalid response',
};

/** "invalid response: positions[3].quantity expected number". */
export function failureText(failure: EndpointFailure): string {
  const label = FAILURE_LABEL[failure.kind];
  return failure.message.toLowerCase().startsWith(label) ? failure.message : `${label}: ${failure.message}`;
}

/** "server clock 2.3 s ahead" (the server's timestamps are later than ours). */
export function skewText(skewMs: number): string {
  return `server clock ${formatDuration(Math.abs(skewMs))} ${skewMs >= 0 ? 'ahead' : 'behind'}`;
}
