/**
 * Incidents on the host link, as pure functions of values: the sender sends
 * only the incidents whose state changed since its previous delta (by
 * identity: applying events keeps every untouched incident the same object),
 * each with its timeline windowed to the newest TIMELINE_WINDOW entries;
 * the receiver rebuilds the view in order, or says it must reload it.
 */
import type { IncidentsDelta, IncidentsLinkView, IncidentsView, LinkIncident, TimelinePage } from '../../contract/incidents.js';
import type { Incident } from './model.js';

/** Timeline entries sent with an incident; older ones are paged with `incidents.timeline`. */
export const TIMELINE_WINDOW = 20;

/** `incident` with only its newest `size` timeline entries and how many there are in all; itself when they all fit. */
export function windowTimeline(incident: Incident, size = TIMELINE_WINDOW): LinkIncident {
  if (incident.timeline.length <= size) return incident;
  return { ...incident, timeline: incident.timeline.slice(-size), timelineTotal: incident.timeline.length };
}

/** The `limit` entries before index `before`, clamped to what there is. */
export function timelinePage(incident: Incident, before: number, limit: number): TimelinePage {
  const total = incident.timeline.length;
  const end = Math.min(before, total);
  const from = Math.max(0, end - limit);
  return { from, entries: incident.timeline.slice(from, end), total };
}

export interface IncidentsSenderState {
  readonly seq: number;
  /** The incident objects sent, by id (whole, before windowing: compared by identity). */
  readonly sent: ReadonlyMap<string, Incident>;
}

export const initialIncidentsSender = (): IncidentsSenderState => ({ seq: 0, sent: new Map() });

export function encodeIncidents(
  state: IncidentsSenderState,
  view: IncidentsView,
  size = TIMELINE_WINDOW,
): { state: IncidentsSenderState; delta: IncidentsDelta } {
  const sent = new Map<string, Incident>();
  const changed: LinkIncident[] = [];
  for (const incident of view.incidents) {
    sent.set(incident.id, incident);
    if (state.sent.get(incident.id) !== incident) changed.push(windowTimeline(incident, size));
  }
  const removed = [...state.sent.keys()].filter((id) => !sent.has(id));
  const seq = state.seq + 1;
  return {
    state: { seq, sent },
    delta: { seq, changed, removed, order: view.incidents.map((i) => i.id), operator: view.operator, auditProblem: view.auditProblem },
  };
}

/** The view `incidents.list` answers: windowed, stamped with the last delta it includes. */
export function linkView(state: IncidentsSenderState, view: IncidentsView, size = TIMELINE_WINDOW): IncidentsLinkView {
  return { ...view, incidents: view.incidents.map((i) => windowTimeline(i, size)), seq: state.seq };
}

export interface IncidentsReceiverState {
  readonly seq: number;
  readonly view: IncidentsView;
}

export const receiveIncidentsView = (view: IncidentsLinkView): IncidentsReceiverState => ({
  seq: view.seq,
  view: { incidents: view.incidents, operator: view.operator, auditProblem: view.auditProblem },
});

export type IncidentsReceived =
  | { kind: 'apply'; state: IncidentsReceiverState }
  | { kind: 'old' }
  | { kind: 'resync'; reason: string };

/**
 * Applies the next delta. An incident the view no longer holds may be named
 * as removed (the view left it out already: recently resolved ones age out
 * of it); an order naming an incident neither held nor sent cannot be built.
 */
export function receiveIncidents(state: IncidentsReceiverState, delta: IncidentsDelta): IncidentsReceived {
  if (delta.seq <= state.seq) return { kind: 'old' };
  if (delta.seq !== state.seq + 1) return { kind: 'resync', reason: `incident update ${state.seq + 1} missing (got ${delta.seq})` };
  const byId = new Map<string, LinkIncident>();
  for (const incident of state.view.incidents) byId.set(incident.id, incident);
  for (const id of delta.removed) byId.delete(id);
  for (const incident of delta.changed) byId.set(incident.id, incident);
  const incidents: LinkIncident[] = [];
  for (const id of delta.order) {
    const incident = byId.get(id);
    if (incident === undefined) return { kind: 'resync', reason: `incident ${id} is not held` };
    incidents.push(incident);
  }
  return { kind: 'apply', state: { seq: delta.seq, view: { incidents, operator: delta.operator, auditProblem: delta.auditProblem } } };
}
