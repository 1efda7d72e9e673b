/**
 * A first draft of a status update, as the procedures ask for one: the
 * time, what is affected and what is not, what was done, and when the next
 * update comes. Plain words, no speculation; the engineer edits it before
 * it is posted.
 */
import type { Incident } from '../../../src/core/incidents/model.js';
import type { Playbook } from '../../../src/core/playbook/schema.js';

const hhmm = (at: number) => `${new Date(at).toISOString().slice(11, 16)}Z`;

/** Entries of these kinds are what the team did, as opposed to what the rules saw. */
const DONE_KINDS = new Set(['acknowledged', 'engaged', 'escalated', 'mitigated', 'step', 'done', 'note', 'severity_changed']);
/** Actions listed in a draft: the latest few, enough for a reader to follow. */
const ACTIONS_IN_DRAFT = 5;

export function statusUpdateDraft(incident: Incident, playbook: Playbook | null, now: number): string {
  const cadence = playbook?.severities[incident.severity].statusUpdateMinutes ?? null;
  const affected = incident.subjects.length > 0 ? `${incident.title} (${incident.subjects.join(', ')})` : incident.title;
  const done = incident.timeline.filter((e) => DONE_KINDS.has(e.kind)).slice(-ACTIONS_IN_DRAFT);
  const lines = [
    `Status update ${hhmm(now)}, ${incident.id} ${incident.severity}: ${incident.title}`,
    `Affected: ${affected}. ${incident.detail}`.trim(),
    'Not affected: ',
    done.length > 0 ? `Done so far: ${done.map((e) => `${hhmm(e.at)} ${e.text.replace(/\.+$/, '')}`).join('; ')}.` : 'Done so far: ',
    cadence === null ? 'Next update: when resolved.' : `Next update by ${hhmm(now + cadence * 60_000)}.`,
  ];
  return lines.join('\n');
}

/**
 * Where the caret goes when a draft opens: the end of its first line left
 * blank for the engineer ("Not affected: "), else the end of the text.
 */
export function draftCaret(text: string): number {
  const blank = /^[A-Z][a-z ]+: $/m.exec(text);
  return blank ? blank.index + blank[0].length : text.length;
}
