/**
 * Snapshots and a poll driver for the alert rule tests: a healthy system by
 * default, with the one thing a test is about changed. Test code only.
 */
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import type { Playbook } from '../playbook/schema.js';
import { evaluateAlerts, initialAlertState, type AlertSignal, type AlertState } from './evaluate.js';
import { CHECK_DUE_INTERVALS, type AlertSnapshot, type RiskFacts, type StatusFacts } from './snapshot.js';

export const T0 = Date.parse('2026-11-24T18:00:00Z');
export const S = 1000;
export const MIN = 60 * S;
/** The poll interval the failed-check snapshots assume, ms. */
export const POLL_MS = 1000;

export const EXCHANGES = ['binance', 'coinbase', 'kraken', 'okx'];

/** The default playbook with every hold at zero and one failed check enough: the thresholds alone. */
export const NO_HOLD: Playbook = {
  ...DEFAULT_PLAYBOOK,
  scenarios: Object.fromEntries(
    Object.entries(DEFAULT_PLAYBOOK.scenarios).map(([id, sc]) => [id, { ...sc, holdSeconds: 0 }]),
  ) as Playbook['scenarios'],
};
NO_HOLD.scenarios.system_down = { ...NO_HOLD.scenarios.system_down, detection: { ...NO_HOLD.scenarios.system_down.detection, failedHealthChecks: 1 } };

export function status(over: Partial<StatusFacts> & { down?: string[] } = {}): StatusFacts {
  const { down = [], ...rest } = over;
  return {
    exchanges: EXCHANGES.map((name) => ({ name, connected: !down.includes(name) })),
    orderP99Ms: 4.8,
    diskPct: 72.5,
    killswitchActive: false,
    killswitchSource: null,
    ...rest,
  };
}

export function risk(pct: number, over: Partial<RiskFacts> = {}): RiskFacts {
  return { lossLimitUsedPct: pct, dailyPnlUsd: -pct * 500, dailyLossLimitUsd: 50_000, killswitchActive: false, ...over };
}

export const HEALTHY: AlertSnapshot['health'] = { failedChecks: 0, answering: true, lastFailure: null, lastFailureAt: null, downUntil: null };

export function snap(over: Partial<AlertSnapshot> = {}): AlertSnapshot {
  return { health: HEALTHY, apiDead: false, status: status(), risk: risk(10), ...over };
}

/** The poll after the `n`-th failed health check in a row, the last of them at `at`: the data views are dead. */
export function failedChecks(n: number, at: number, reason = 'network: connection reset'): AlertSnapshot {
  return snap({
    health: { failedChecks: n, answering: false, lastFailure: reason, lastFailureAt: at, downUntil: at + CHECK_DUE_INTERVALS * POLL_MS },
    status: null,
    risk: null,
  });
}

/** Feeds snapshots at the given times, returning every signal and the last state. */
export function run(steps: [number, AlertSnapshot][], start: AlertState = initialAlertState(), playbook: Playbook = DEFAULT_PLAYBOOK) {
  let state = start;
  const signals: AlertSignal[] = [];
  for (const [t, s] of steps) {
    const out = evaluateAlerts(state, s, t, playbook);
    state = out.state;
    signals.push(...out.signals);
  }
  return { state, signals };
}

/** One poll a second from `from` to `to` (inclusive), each showing `shot`. */
export function everySecond(from: number, to: number, shot: (t: number) => AlertSnapshot): [number, AlertSnapshot][] {
  const steps: [number, AlertSnapshot][] = [];
  for (let t = from; t <= to; t += S) steps.push([t, shot(t)]);
  return steps;
}

export const kinds = (signals: AlertSignal[]) =>
  signals.map((s) => `${s.kind}:${s.conditionKey}:${s.severity}${s.mark ? `:${s.mark}` : ''}`);
