/**
 * Plain facts about an incident that both the handoff note and the
 * escalation call script state: how long it has been open, where it stands,
 * what is still due, which runbook steps are left, and what people did.
 */
import type { DueItem, Incident, TimelineEntry } from '../incidents/model.js';
import type { Playbook, RunbookStep } from '../playbook/schema.js';

const PHASE_WORDS: Record<Incident['phase'], string> = {
  triggered: 'not yet acknowledged',
  acknowledged: 'acknowledged, not yet engaged',
  engaged: 'being worked on',
  mitigated: 'mitigated, watching before resolving',
  resolved: 'resolved',
};

export const phaseWords = (incident: Incident): string => PHASE_WORDS[incident.phase];

/** "45 min", "2 h 5 min". */
export function durationWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** The last status update a person posted, if any. */
export function latestStatusUpdate(incident: Incident): TimelineEntry | null {
  for (let i = incident.timeline.length - 1; i >= 0; i--) {
    const e = incident.timeline[i]!;
    if (e.kind === 'status_update' && e.by !== null) return e;
  }
  return null;
}

/** Clocks not yet done, soonest first. */
export const pendingDue = (incident: Incident): DueItem[] =>
  incident.due.filter((d) => d.done === null).sort((a, b) => a.dueAt - b.dueAt);

/** Runbook steps of the incident's scenario not yet ticked, in runbook order. */
export function stepsLeft(incident: Incident, playbook: Playbook): RunbookStep[] {
  if (!incident.scenario) return [];
  return playbook.scenarios[incident.scenario].runbook.filter((s) => !incident.stepsDone[s.id]);
}

/** Kinds of timeline entry that record something a person did about the problem. */
const DONE_BY_PEOPLE = new Set<TimelineEntry['kind']>(['engaged', 'status_update', 'escalated', 'mitigated', 'step', 'note', 'severity_changed', 'done']);

/** What people did, oldest first: the "what was tried" of an escalation. */
export const actionsTaken = (incident: Incident): TimelineEntry[] =>
  incident.timeline.filter((e) => e.by !== null && DONE_BY_PEOPLE.has(e.kind));

/** One line of text, for a list item: the timeline and free text may hold newlines. */
export const oneLine = (text: string): string => text.replace(/\s*\r?\n\s*/g, ' ').trim();
