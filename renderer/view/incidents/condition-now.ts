/**
 * What holds now for an incident raised by an alert rule, in the words the
 * rule itself uses on the same data ("95.0% of the $50,000 daily loss limit
 * used (P&L -$47,512)", "2 of 12 exchanges disconnected: binance, okx"), or
 * when the condition cleared. The figures from when it opened stay on the
 * timeline; the detail reads this instead of its opening text.
 */
import type { Incident } from '../../../src/contract/incidents.js';
import type { EndpointViews } from '../../../src/contract/live.js';
import {
  observeDisk, observeExchanges, observeLatency, observeLossLimit, observeSystem, toAlertSnapshot, type Observation,
} from '../../../src/core/alerts/index.js';
import type { Playbook, ScenarioId } from '../../../src/core/playbook/schema.js';
import type { LiveEndpoints } from '../../store/live-merge.js';
import type { HostProblem } from '../panel-freshness.js';

export interface ConditionNow {
  /** 'holds': the condition is present now; 'cleared': the rule saw it clear; 'unseen': no fresh data to judge. */
  state: 'holds' | 'cleared' | 'unseen';
  text: string;
}

const observe: Record<ScenarioId, (snap: ReturnType<typeof toAlertSnapshot>, pb: Playbook, now: number) => Observation> = {
  exchange_disconnected: observeExchanges,
  // The run length lives in the host's alert state; the reading itself is enough here.
  high_latency: (snap, pb, now) => observeLatency(snap, pb, null, now),
  loss_limit: observeLossLimit,
  system_down: observeSystem,
  disk_low: observeDisk,
};

const complete = (e: LiveEndpoints): e is EndpointViews =>
  e.health !== undefined && e.status !== undefined && e.risk !== undefined && e.positions !== undefined && e.strategies !== undefined;

/**
 * The incident's condition now; null for an incident opened by hand (no
 * rule watches it) or before the live view has data. `clock` writes a time
 * in the engineer's local time; `pollMs` is the live view's poll interval.
 */
export function conditionNow(
  incident: Pick<Incident, 'scenario' | 'conditionClearedAt'>,
  endpoints: LiveEndpoints,
  playbook: Playbook | null,
  now: number,
  clock: (at: number) => string,
  pollMs: number | null,
): ConditionNow | null {
  if (incident.scenario === null || playbook === null || pollMs === null || !complete(endpoints)) return null;
  const seen = observe[incident.scenario](toAlertSnapshot(endpoints, pollMs), playbook, now);
  if (!seen.visible) return { state: 'unseen', text: 'No fresh data to judge the condition now.' };
  if (seen.active) return { state: 'holds', text: seen.detail };
  if (incident.conditionClearedAt === null) return { state: 'holds', text: `Not seen on the last reading, not cleared yet: ${seen.detail}` };
  return { state: 'cleared', text: `Cleared at ${clock(incident.conditionClearedAt)}: ${seen.detail}` };
}

/**
 * The label before the condition: "Now" only while the host is heard; with the
 * link down or the host silent nobody refreshes the figures, so it is the last known.
 */
export function conditionLabel(problem: HostProblem): string {
  if (problem === 'link-down') return 'Last known, host link down: ';
  if (problem === 'host-silent') return 'Last known, no word from the host: ';
  return 'Now: ';
}
