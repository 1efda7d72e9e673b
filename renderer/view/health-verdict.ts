/**
 * One verdict on the trading system, from the same freshness and conditions
 * the alert rules use (toAlertSnapshot and the rules' observations): halted
 * by the killswitch, not responding, degraded with what is wrong, or normal.
 */
import type { EndpointViews } from '../../src/contract/live.js';
import { observeDisk, observeExchanges, observeLatency, observeLossLimit, observeSystem, toAlertSnapshot } from '../../src/core/alerts/index.js';
import { haltedState } from '../../src/core/killswitch/halted.js';
import type { Playbook } from '../../src/core/playbook/schema.js';
import type { LiveEndpoints } from '../store/live-merge.js';
import type { HostProblem } from './panel-freshness.js';

export type VerdictLevel = 'normal' | 'degraded' | 'down' | 'halted' | 'unknown';

export interface HealthVerdict {
  level: VerdictLevel;
  text: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The verdict now; `clock` writes a time in the engineer's local time; `pollMs` is the health check's interval. */
export function healthVerdict(endpoints: LiveEndpoints, playbook: Playbook, now: number, clock: (at: number) => string, pollMs: number): HealthVerdict {
  const { health, status, risk } = endpoints;
  if (!health || !status || !risk || !endpoints.positions || !endpoints.strategies) return { level: 'unknown', text: 'Waiting for the first answer' };
  const views = endpoints as EndpointViews;
  const halted = haltedState(status.data, risk.data);
  if (halted) {
    return { level: 'halted', text: `Halted${halted.since !== null ? ` since ${clock(halted.since)}` : ''} (${halted.byWords})` };
  }
  const snap = toAlertSnapshot(views, pollMs);
  if (observeSystem(snap, playbook, now).active || health.freshness === 'dead') {
    const lastGood = health.receivedAt;
    return { level: 'down', text: lastGood !== null ? `Not responding since ${clock(lastGood)}` : 'Not responding' };
  }
  const problems: string[] = [];
  const exchanges = observeExchanges(snap, playbook, now);
  if (exchanges.active) problems.push(`${exchanges.subjects.join(', ')} disconnected`);
  const latency = observeLatency(snap, playbook, null, now);
  if (latency.active && snap.status) problems.push(`order p99 ${round1(snap.status.orderP99Ms)} ms`);
  const loss = observeLossLimit(snap, playbook, now);
  if (loss.active && snap.risk) problems.push(`loss limit ${round1(snap.risk.lossLimitUsedPct)}% used`);
  const disk = observeDisk(snap, playbook, now);
  if (disk.active && snap.status) problems.push(`disk ${round1(snap.status.diskPct)}% used`);
  const unseen = (['status', 'risk'] as const).filter((name) => views[name].freshness !== 'fresh');
  if (unseen.length > 0) problems.push(`${unseen.join(' and ')} data not fresh`);
  if (health.data?.status === 'degraded' && problems.length === 0) problems.push('the system reports itself degraded');
  if (status.data?.trading_enabled === false) problems.push('trading disabled');
  return problems.length > 0 ? { level: 'degraded', text: `Degraded: ${problems.join('; ')}` } : { level: 'normal', text: 'Trading normal' };
}

/**
 * The verdict as the page may show it: while the host link is down or the
 * host is silent nobody refreshes the endpoints, so the verdict is the last
 * known one and says so, never "Trading normal" (or degraded) as if live.
 */
export function verdictBehindHost(verdict: HealthVerdict, problem: HostProblem): HealthVerdict {
  if (problem === null) return verdict;
  const why = problem === 'link-down' ? 'Host link down' : 'No word from the host';
  if (verdict.level === 'unknown') return { level: 'unknown', text: `${why}: no data yet` };
  return { level: 'unknown', text: `${why}, not live. Last known: ${verdict.text}` };
}
