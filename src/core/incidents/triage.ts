/**
 * Triage order: what the engineer works on first, and so what every view
 * leads with (the queue, the urgent strip, the page title, the tray, the
 * order notices are sent in). The procedures say to triage by severity,
 * SEV1 first; within a severity the soonest pending deadline comes first
 * (an overdue clock is the soonest of all), then the older incident.
 *
 * An overdue clock on a SEV4 therefore never outranks an open SEV1: it is
 * still listed, after every more severe incident's clocks.
 *
 * `nextDeadlines` (clocks.ts) stays soonest-first: that is what the
 * scheduler arms its timer for. This file orders for people.
 */
import { severityRank } from '../playbook/schema.js';
import { nextDeadlines, type Deadline } from './clocks.js';
import { DueKind, type Incident, type IncidentsState } from './model.js';

/** The soonest pending clock of an open incident, epoch ms; null when none is pending. */
export function soonestPendingDue(incident: Pick<Incident, 'due' | 'phase'>): number | null {
  if (incident.phase === 'resolved') return null;
  let soonest: number | null = null;
  for (const item of incident.due) {
    if (item.done) continue;
    if (soonest === null || item.dueAt < soonest) soonest = item.dueAt;
  }
  return soonest;
}

type Triageable = Pick<Incident, 'id' | 'severity' | 'startedAt' | 'due' | 'phase'>;

/** Negative when `a` is worked on before `b`: severity, then soonest pending deadline, then age (older first), then id. */
export function compareTriage(a: Triageable, b: Triageable): number {
  const bySeverity = severityRank(a.severity) - severityRank(b.severity);
  if (bySeverity !== 0) return bySeverity;
  const dueA = soonestPendingDue(a);
  const dueB = soonestPendingDue(b);
  // An incident with a clock running comes before one with nothing pending.
  if (dueA !== dueB) {
    if (dueA === null) return 1;
    if (dueB === null) return -1;
    return dueA - dueB;
  }
  return a.startedAt - b.startedAt || a.id.localeCompare(b.id, 'en', { numeric: true });
}

/** The open incidents in triage order. */
export function triageOrder<I extends Triageable>(incidents: readonly I[]): I[] {
  return incidents.filter((i) => i.phase !== 'resolved').sort(compareTriage);
}

const kindOrder = (k: DueKind) => DueKind.options.indexOf(k);

/**
 * Pending clocks of every open incident for people to read: grouped by
 * incident in triage order, each incident's clocks soonest first. The first
 * one is the clock of the incident to work on now.
 */
export function triageDeadlines(state: Pick<IncidentsState, 'incidents'>, now: number): Deadline[] {
  const rank = new Map(triageOrder(state.incidents).map((i, n) => [i.id, n]));
  return nextDeadlines({ incidents: [...state.incidents], nextNumber: 1 }, now).sort(
    (a, b) => (rank.get(a.incidentId) ?? 0) - (rank.get(b.incidentId) ?? 0) || a.dueAt - b.dueAt || kindOrder(a.kind) - kindOrder(b.kind),
  );
}
