/**
 * Drills as data, and the drill report as a pure function of the drill's
 * timeline against its clocks. Times are milliseconds since the epoch,
 * given by the caller; nothing here reads a clock or stages anything.
 */

/** One request to /sim/v1/scenario, in the simulator's own body shape. */
export interface DrillControl {
  name: string;
  [field: string]: unknown;
}

export interface DrillStep {
  /** Seconds after the drill starts. */
  at_s: number;
  control: DrillControl;
}

/** A response the engineer is expected to make, and the clock it runs against. */
export interface DrillExpectation {
  kind: 'acknowledged' | 'desk_told' | 'status_update' | 'killswitch_verified' | 'resolved';
  /** Seconds allowed from the drill's first step; null when only the time taken is reported. */
  limit_s: number | null;
}

export interface Drill {
  id: string;
  label: string;
  steps: readonly DrillStep[];
  expect: readonly DrillExpectation[];
}

export const DRILLS: readonly Drill[] = [
  {
    id: 'exchange-down', label: 'Exchange down',
    steps: [{ at_s: 0, control: { name: 'exchange_disconnect', exchange: 'binance' } }],
    expect: [{ kind: 'acknowledged', limit_s: 300 }, { kind: 'desk_told', limit_s: 300 }, { kind: 'status_update', limit_s: 900 }],
  },
  {
    id: 'high-latency', label: 'Latency degraded',
    steps: [{ at_s: 0, control: { name: 'high_latency', order_p99_ms: 25 } }],
    expect: [{ kind: 'acknowledged', limit_s: 900 }],
  },
  {
    id: 'loss-limit', label: 'Loss limit run to 100%',
    steps: [{ at_s: 0, control: { name: 'loss_limit_approach', target_pct: 100, over_s: 120 } }],
    expect: [{ kind: 'acknowledged', limit_s: 300 }, { kind: 'desk_told', limit_s: 300 }, { kind: 'killswitch_verified', limit_s: null }],
  },
  {
    id: 'crash-and-recover', label: 'Crash and recover',
    steps: [{ at_s: 0, control: { name: 'crash' } }],
    expect: [{ kind: 'acknowledged', limit_s: 300 }, { kind: 'desk_told', limit_s: 300 }, { kind: 'resolved', limit_s: null }],
  },
  {
    id: 'disk-low', label: 'Disk nearly full',
    steps: [{ at_s: 0, control: { name: 'disk_low', disk_pct: 96 } }],
    expect: [{ kind: 'acknowledged', limit_s: 900 }],
  },
  {
    id: 'slow-killswitch', label: 'Slow kill switch endpoint',
    steps: [{ at_s: 0, control: { name: 'slow', target: 'killswitch', delay_ms: 3_000 } }],
    expect: [{ kind: 'killswitch_verified', limit_s: null }],
  },
  {
    id: 'two-exchanges-then-loss', label: 'Exchange down, then a second, then the loss limit approaching',
    steps: [
      { at_s: 0, control: { name: 'exchange_disconnect', exchange: 'binance' } },
      { at_s: 120, control: { name: 'exchange_disconnect', exchange: 'okx' } },
      { at_s: 300, control: { name: 'loss_limit_approach', target_pct: 90, over_s: 60 } },
    ],
    expect: [{ kind: 'acknowledged', limit_s: 300 }, { kind: 'desk_told', limit_s: 300 }, { kind: 'status_update', limit_s: 900 }],
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

/** "48 s", "5 min", "2 min 30 s". */
export function spoken(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r === 0 ? `${m} min` : `${m} min ${r} s`;
}

/** "3:10". */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One line per expectation, from the first matching event at or after the drill's start. */
export function drillReport(drill: Drill, startedAt: number, events: readonly DrillEvent[]): ReportLine[] {
  return drill.expect.map((want) => {
    const done = events.filter((e) => e.kind === want.kind && e.at >= startedAt).sort((a, b) => a.at - b.at)[0];
    const label = LABEL[want.kind];
    if (!done) return { kind: want.kind, met: false, text: `missed: ${label}` };
    const elapsed = (done.at - startedAt) / 1000;
    if (want.kind === 'killswitch_verified' && done.took_ms !== undefined) {
      return { kind: want.kind, met: true, text: `${label} in ${(done.took_ms / 1000).toFixed(1)} s` };
    }
    if (want.limit_s === null) return { kind: want.kind, met: true, text: `${label} in ${spoken(elapsed)}` };
    const met = elapsed <= want.limit_s;
    const text = want.kind === 'desk_told'
      ? `${label} at ${clock(elapsed)} of ${clock(want.limit_s)}`
      : `${label} in ${spoken(elapsed)} of ${spoken(want.limit_s)}`;
    return { kind: want.kind, met, text };
  });
}
