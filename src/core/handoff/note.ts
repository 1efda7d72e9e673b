/**
 * The handoff note, as Markdown, from what the cockpit knows (the incidents,
 * the playbook's runbooks, the shift) and the few things only the engineer
 * knows (whom to, what to keep watching, maintenance, notes, how to reach
 * them). It follows the team's handoff template: who from, who to, date and
 * time; open incidents with status and next steps; recent activity with
 * times; ongoing monitoring; scheduled maintenance; notes; contact.
 */
import { z } from 'zod';
import { emergencyChangeClocks, type ChangeRecord } from '../change/record.js';
import type { Incident } from '../incidents/model.js';
import type { Playbook } from '../playbook/schema.js';
import { formatLocalDateTime, formatLocalTime, localDateKey } from '../shift/zoned-time.js';
import { durationWords, latestStatusUpdate, oneLine, pendingDue, phaseWords, stepsLeft } from './incident-facts.js';
import { autoKillswitchEvents, escalationEvents, sortShiftEvents, type ShiftEvent } from './shift-events.js';

const Free = z.string().max(4_000);

/** What the engineer writes; everything else comes from the cockpit. */
export const HandoffFields = z
  .object({
    to: z.string().max(200),
    monitoring: Free,
    maintenance: Free,
    notes: Free,
    reachAt: z.string().max(500),
  })
  .strict();
export type HandoffFields = z.infer<typeof HandoffFields>;

export const EMPTY_HANDOFF_FIELDS: HandoffFields = { to: '', monitoring: '', maintenance: '', notes: '', reachAt: '' };

export interface HandoffInput {
  from: string;
  fields: HandoffFields;
  /** Every incident the cockpit has: the note picks the shift's (`shiftIncidents`). */
  incidents: readonly Incident[];
  playbook: Playbook;
  /** Epoch ms the shift began: activity before it belongs to the previous handoff. */
  shiftStartedAt: number;
  now: number;
  timeZone: string;
  /** Killswitch presses, strategy stops and the pre-shift result (the host reads them from the audit log); escalations come from the incidents. */
  events?: readonly ShiftEvent[];
  /** Every change record: the note lists those that ran in the shift, run now or are planned, as scheduled maintenance. */
  changes?: readonly ChangeRecord[];
}

/** Most timeline lines under "Recent activity": a busy week is hundreds; the newest tell the story. */
export const MAX_ACTIVITY_LINES = 40;
/** Runbook steps listed as next steps per incident. */
const MAX_STEPS_LEFT = 3;

/**
 * The incidents a handoff speaks of: those open at `now`, and every one
 * opened, changed or resolved between the start of the shift and `now`,
 * however early in the week that was. An incident whose last entry is
 * before the shift belongs to the previous handoff.
 */
/**
 * How far past `now` an incident may start and still be on the note, ms: the
 * note is built at the minute, and an incident's start is the reading time of
 * the trading system's data, whose clock may run a little ahead of ours.
 */
const START_SLACK_MS = 60_000;

/** The last instant a note built at `now` speaks of. */
const seenUntil = (now: number) => now + START_SLACK_MS;

export function shiftIncidents(incidents: readonly Incident[], shiftStartedAt: number, now: number): Incident[] {
  const until = seenUntil(now);
  return incidents.filter(
    (i) => i.startedAt <= until && (i.phase !== 'resolved' || i.timeline.some((entry) => entry.at >= shiftStartedAt && entry.at <= until)),
  );
}

/**
 * How the note is written. `clockless` leaves out what only the passing of
 * time changes (when it was written, how long each incident has been open,
 * which deadlines are past, "today" in times): two notes that read the same
 * clockless say the same thing, so a second post of one is a repeat.
 */
export interface NoteWriting {
  clockless?: boolean;
}

interface Written extends HandoffInput {
  clockless: boolean;
}

export function buildHandoffNote(given: HandoffInput, writing: NoteWriting = {}): string {
  const input: Written = { ...given, incidents: shiftIncidents(given.incidents, given.shiftStartedAt, given.now), clockless: writing.clockless === true };
  const { fields, now, timeZone } = input;
  const lines: string[] = [];
  lines.push(input.clockless ? `# On-call handoff (${timeZone})` : `# On-call handoff: ${formatLocalDateTime(now, timeZone)} (${timeZone})`, '');
  lines.push(`- From: ${oneLine(input.from) || 'not given'}`);
  lines.push(`- To: ${oneLine(fields.to) || 'not given yet'}`);
  lines.push(`- Shift: since ${formatLocalDateTime(input.shiftStartedAt, timeZone)}`);
  lines.push(`- ${shiftCounts(input)}`);

  lines.push('', '## Open incidents', '');
  const open = input.incidents.filter((i) => i.phase !== 'resolved').sort((a, b) => a.severity.localeCompare(b.severity) || a.startedAt - b.startedAt);
  if (open.length === 0) lines.push('None.', '');
  for (const incident of open) lines.push(...openIncidentLines(incident, input), '');

  lines.push(...shiftEventLines(input), '');
  lines.push(...activityLines(input));
  lines.push('', '## Ongoing monitoring', '', ...freeText(fields.monitoring, 'Nothing beyond the usual alerts.'));
  const changes = changeLines(input);
  lines.push('', '## Scheduled maintenance', '', ...changes, ...(changes.length > 0 && fields.maintenance.trim() === '' ? [] : freeText(fields.maintenance, 'None.')));
  lines.push('', '## Notes', '', ...freeText(fields.notes, 'None.'));
  lines.push('', '## How to reach me', '', ...freeText(fields.reachAt, 'Not given.'));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function openIncidentLines(incident: Incident, input: Written): string[] {
  const { now, timeZone, clockless } = input;
  const lines = [`### ${incident.id} ${incident.severity}: ${oneLine(incident.title)}`, ''];
  const level = incident.escalationLevel > 1 ? `, escalated to Level ${incident.escalationLevel}` : '';
  lines.push(`- Status: ${phaseWords(incident)}${level}; open ${clockless ? '' : `${durationWords(now - incident.startedAt)} `}(since ${formatLocalDateTime(incident.startedAt, timeZone)})`);
  if (incident.subjects.length > 0) lines.push(`- Affected: ${incident.subjects.join(', ')}`);
  const update = latestStatusUpdate(incident);
  if (update) lines.push(`- Last status update (${formatLocalTime(update.at, timeZone)}): ${oneLine(update.text)}`);
  const next: string[] = pendingDue(incident).map((d) => `${d.label}: due ${formatLocalTime(d.dueAt, timeZone)}${d.dueAt < now && !clockless ? ' (OVERDUE)' : ''}`);
  next.push(...stepsLeft(incident, input.playbook).slice(0, MAX_STEPS_LEFT).map((s) => `Runbook: ${s.text}`));
  if (next.length === 0) lines.push('- Next steps: watch, then resolve when it stays clear');
  else lines.push('- Next steps:', ...next.map((n) => `  - ${n}`));
  return lines;
}

/**
 * "09:02" while every time shown is today's, local time (it is read as
 * today's), the date as well otherwise.
 */
function stamper(times: readonly number[], input: Written): (at: number) => string {
  const { now, timeZone } = input;
  const today = localDateKey(now, timeZone);
  const oneDay = !input.clockless && times.every((t) => localDateKey(t, timeZone) === today);
  return (at) => (oneDay ? formatLocalTime(at, timeZone) : formatLocalDateTime(at, timeZone));
}

function shiftEventLines(input: Written): string[] {
  const { shiftStartedAt } = input;
  const until = seenUntil(input.now);
  const events = sortShiftEvents([
    ...(input.events ?? []).filter((e) => (e.kind === 'preshift' || e.at >= shiftStartedAt) && e.at <= until),
    ...escalationEvents(input.incidents, shiftStartedAt, until),
    ...autoKillswitchEvents(input.incidents, shiftStartedAt, until),
  ]);
  const stamp = stamper(events.map((e) => e.at), input);
  const lines = ['## Shift events', ''];
  if (!events.some((e) => e.kind === 'preshift')) lines.push('- No pre-shift check was run for this shift.');
  if (!events.some((e) => e.kind !== 'preshift')) lines.push('- No killswitch press, strategy stop or escalation this shift.');
  for (const e of events) lines.push(`- ${stamp(e.at)} ${oneLine(e.text)}`);
  return lines;
}

/** Changes that ran in the shift, run now, or are planned, with an emergency change's open follow-ups. */
function changeLines(input: Written): string[] {
  const { now, timeZone } = input;
  const shown = (input.changes ?? []).filter((c) => c.window.end > input.shiftStartedAt).sort((a, b) => a.window.start - b.window.start);
  const stamp = stamper(shown.flatMap((c) => [c.window.start, c.window.end]), input);
  return shown.map((c) => {
    const when = c.window.start <= now && now < c.window.end
      ? `IN FLIGHT since ${stamp(c.window.start)}, until ${stamp(c.window.end)}`
      : c.window.end <= now ? `Ran ${stamp(c.window.start)} to ${stamp(c.window.end)}` : `Planned ${stamp(c.window.start)} to ${stamp(c.window.end)}`;
    const follow = emergencyChangeClocks(c, now).map((k) =>
      k.dueAt === null ? `${k.label.toLowerCase()}: open` : `${k.label.toLowerCase()}: due ${formatLocalDateTime(k.dueAt, timeZone)}${k.breached && !input.clockless ? ' (OVERDUE)' : ''}`);
    const ticket = c.ticket.trim() === '' ? 'no ticket yet' : oneLine(c.ticket);
    return `- ${when}: ${ticket}, ${c.kind} change, ${c.risk} risk: ${oneLine(c.summary)}${follow.length > 0 ? `; ${follow.join('; ')}` : ''}`;
  });
}

function activityLines(input: Written): string[] {
  const until = seenUntil(input.now);
  const all = input.incidents
    .flatMap((incident) => incident.timeline.map((entry) => ({ incident, entry })))
    .filter(({ entry }) => entry.at >= input.shiftStartedAt && entry.at <= until)
    .sort((a, b) => a.entry.at - b.entry.at);
  const shown = all.slice(-MAX_ACTIVITY_LINES);
  const lines = ['## Recent activity', ''];
  if (all.length === 0) lines.push('No incident activity this shift.');
  if (all.length > shown.length) lines.push(`(${all.length - shown.length} earlier entries left out; the incident reports have them all.)`, '');
  const stamp = stamper(shown.map(({ entry }) => entry.at), input);
  for (const { incident, entry } of shown) {
    const at = stamp(entry.at);
    lines.push(`- ${at} ${incident.id} (${oneLine(incident.title)}): ${oneLine(entry.text)}${entry.by ? ` (${entry.by})` : ''}`);
  }
  return lines;
}

/**
 * The shift in numbers, for the weekly review of incident trends: how many
 * started, how many of those were opened by hand (the rules did not see
 * them), how many were resolved as false positives (the rules were wrong).
 */
export function shiftCounts(input: Pick<HandoffInput, 'incidents' | 'shiftStartedAt' | 'now'>): string {
  const shift = input.incidents.filter((i) => i.startedAt >= input.shiftStartedAt && i.startedAt <= seenUntil(input.now));
  const byHand = shift.filter((i) => i.openedBy !== null).length;
  const falsePositives = shift.filter((i) => i.falsePositive).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `This shift: ${plural(shift.length, 'incident', 'incidents')}, ${byHand} opened by hand, ${plural(falsePositives, 'false positive', 'false positives')}.`;
}

/** The engineer's text: their own bullets kept, other lines made into bullets. */
function freeText(text: string, none: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0) return [none];
  return lines.map((l) => (/^([-*]|\d+\.)\s/.test(l) ? l : `- ${l}`));
}
