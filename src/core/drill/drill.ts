/**
 * Drills as data, and the drill report as a pure function of the drill's
 * timeline against its clocks. Times are milliseconds since the epoch,
 * given by the caller; nothing here reads a clock or stages anything.
 */
import { spanWords } from '../alerts/wording.js';

/** One request to /sim/v1/scenario, in the simulator's own body shape. */
export interface DrillControl {
  name: string;
  [field: string]: unknown;
}

export interface DrillStep {
  /** Seconds after the drill starts. */
  at_s: number;
  /** What to switch on; null switches every scenario off (the system recovers). */
  control: DrillControl | null;
}

export type DrillResponse = 'acknowledged' | 'desk_told' | 'status_update' | 'killswitch_verified' | 'resolved';

/**
 * A response the engineer is expected to make. Its clock is the playbook's,
 * for the severity the drill's incidents reach (drillLimits): acknowledge
 * within the severity's ackMinutes, tell the desk within notifyDeskMinutes,
 * the first status update within statusUpdateMinutes; the kill switch and
 * the resolve report the time taken only.
 */
export interface DrillExpectation {
  kind: DrillResponse;
}

export interface Drill {
  id: string;
  label: string;
  /** A single scenario, or a scripted sequence of them. */
  kind: 'scenario' | 'scripted';
  steps: readonly DrillStep[];
  expect: readonly DrillExpectation[];
}

/** Seconds allowed per response from the drill's start; null where only the time taken is reported. */
export type DrillLimits = Record<DrillResponse, number | null>;

/** What drillLimits reads of a playbook severity (src/core/playbook/schema.ts SeverityPolicy). */
export interface SeverityClocks {
  ackMinutes: number | 'next_business_day';
  notifyDeskMinutes: number | null;
  statusUpdateMinutes: number | null;
}

/** The clocks of the severity the drill reached, in seconds; a next-business-day clock is no drill clock. */
export function drillLimits(severity: SeverityClocks): DrillLimits {
  const minutes = (m: number | 'next_business_day' | null) => (typeof m === 'number' ? m * 60 : null);
  return {
    acknowledged: minutes(severity.ackMinutes),
    desk_told: minutes(severity.notifyDeskMinutes),
    status_update: minutes(severity.statusUpdateMinutes),
    killswitch_verified: null,
    resolved: null,
  };
}

export const DRILLS: readonly Drill[] = [
  {
    id: 'exchange-down', label: 'Exchange down', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'exchange_disconnect', exchange: 'binance' } }],
    expect: [{ kind: 'acknowledged' }, { kind: 'desk_told' }, { kind: 'status_update' }],
  },
  {
    id: 'high-latency', label: 'Latency degraded', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'high_latency', order_p99_ms: 25 } }],
    expect: [{ kind: 'acknowledged' }],
  },
  {
    id: 'loss-limit', label: 'Loss limit run to 100%', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'loss_limit_approach', target_pct: 100, over_s: 120 } }],
    expect: [{ kind: 'acknowledged' }, { kind: 'desk_told' }, { kind: 'killswitch_verified' }],
  },
  {
    id: 'crash-and-recover', label: 'Crash and recover', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'crash' } }, { at_s: 90, control: null }],
    expect: [{ kind: 'acknowledged' }, { kind: 'desk_told' }, { kind: 'resolved' }],
  },
  {
    id: 'disk-low', label: 'Disk nearly full', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'disk_low', disk_pct: 96 } }],
    expect: [{ kind: 'acknowledged' }],
  },
  {
    id: 'slow-killswitch', label: 'Slow kill switch endpoint', kind: 'scenario',
    steps: [{ at_s: 0, control: { name: 'slow', target: 'killswitch', delay_ms: 3_000 } }],
    expect: [{ kind: 'killswitch_verified' }],
  },
  {
    id: 'exchange-then-loss', label: 'Exchange down, then the loss limit approaching', kind: 'scripted',
    steps: [
      { at_s: 0, control: { name: 'exchange_disconnect', exchange: 'binance' } },
      { at_s: 10, control: { name: 'loss_limit_approach', target_pct: 85, over_s: 5 } },
    ],
    expect: [{ kind: 'acknowledged' }, { kind: 'desk_told' }, { kind: 'status_update' }],
  },
  {
    id: 'two-exchanges-then-loss', label: 'Exchange down, then a second, then the loss limit approaching', kind: 'scripted',
    steps: [
      { at_s: 0, control: { name: 'exchange_disconnect', exchange: 'binance' } },
      { at_s: 120, control: { name: 'exchange_disconnect', exchange: 'okx' } },
      { at_s: 300, control: { name: 'loss_limit_approach', target_pct: 90, over_s: 60 } },
    ],
    expect: [{ kind: 'acknowledged' }, { kind: 'desk_told' }, { kind: 'status_update' }],
  },
];

export interface DrillEvent {
  kind: DrillExpectation['kind'];
  at: number;
  /** For killswitch_verified: how long the kill switch took to be confirmed, in ms. */
  took_ms?: number;
}

export interface ReportLine {
  kind: DrillExpectation['kind'];
  met: boolean;
  text: string;
}

const LABEL: Record<DrillExpectation['kind'], string> = {
  acknowledged: 'acknowledged',
  desk_told: 'desk told',
  status_update: 'status update',
  killswitch_verified: 'kill switch verified',
  resolved: 'resolved',
};

/** "3:10". */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One line per expectation, from the first matching event at or after the
 * drill's start, against `limits` (drillLimits of the severity reached).
 * Durations are worded as everywhere else in the cockpit (spanWords).
 */
export function drillReport(drill: Drill, startedAt: number, events: readonly DrillEvent[], limits: DrillLimits): ReportLine[] {
  return drill.expect.map((want) => {
    const limit = limits[want.kind];
    const done = events.filter((e) => e.kind === want.kind && e.at >= startedAt).sort((a, b) => a.at - b.at)[0];
    const label = LABEL[want.kind];
    if (!done) return { kind: want.kind, met: false, text: `missed: ${label}` };
    const elapsed = (done.at - startedAt) / 1000;
    if (want.kind === 'killswitch_verified' && done.took_ms !== undefined) {
      return { kind: want.kind, met: true, text: `${label} in ${(done.took_ms / 1000).toFixed(1)} s` };
    }
    const took = spanWords(done.at - startedAt);
    if (limit === null) return { kind: want.kind, met: true, text: `${label} in ${took}` };
    const met = elapsed <= limit;
    const text = want.kind === 'desk_told'
      ? `${label} at ${clock(elapsed)} of ${clock(limit)}`
      : met ? `${label} in ${took} of ${spanWords(limit * 1000)}` : `${label} in ${took}, past its ${spanWords(limit * 1000)}`;
    return { kind: want.kind, met, text };
  });
}
