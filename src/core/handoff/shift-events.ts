/**
 * What happened in a shift beyond the incidents' own timelines, one line
 * each for the handoff note: killswitch presses and strategy stops (from
 * the audit log's outcome records), escalations (from the incidents), the
 * pre-shift check's result. The incoming engineer reads these first: a
 * halt or a stopped strategy is what they inherit.
 *
 * Pure: the records and the window are parameters.
 */
import { z } from 'zod';
import { summarise } from '../checks/summary.js';
import type { AccessReport } from '../checks/model.js';
import { MARK_TEXT } from '../alerts/evaluate.js';
import type { Incident } from '../incidents/model.js';
import { oneLine } from './incident-facts.js';

export const ShiftEventKind = z.enum(['killswitch', 'strategy_stop', 'escalation', 'preshift']);
export type ShiftEventKind = z.infer<typeof ShiftEventKind>;

export const ShiftEvent = z.object({
  at: z.number(),
  kind: ShiftEventKind,
  text: z.string().max(4_000),
});
export type ShiftEvent = z.infer<typeof ShiftEvent>;

/** The parts of an audit record the note reads. */
export interface AuditFact {
  type: string;
  at: number;
  actor: string | null;
  data: unknown;
}

/** Audit record types the note reads. */
export const KILLSWITCH_OUTCOME_RECORD = 'killswitch.outcome';
export const STOP_OUTCOME_RECORD = 'strategies.stop.outcome';

// Read loosely: an outcome written by an older version still says what it can.
const KillswitchData = z.object({ verified: z.boolean(), reason: z.string(), strategiesStopped: z.number().optional() });
const StopData = z.object({ verified: z.boolean(), reason: z.string(), ids: z.array(z.string()), notStopped: z.array(z.string()).optional() });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const by = (actor: string | null) => (actor ? ` by ${actor}` : '');

/** One event per killswitch or strategy stop outcome recorded in [from, to]. */
export function eventsFromAudit(records: readonly AuditFact[], from: number, to: number): ShiftEvent[] {
  const events: ShiftEvent[] = [];
  for (const r of records) {
    if (r.at < from || r.at > to) continue;
    if (r.type === KILLSWITCH_OUTCOME_RECORD) {
      const d = KillswitchData.safeParse(r.data);
      if (!d.success) continue;
      const result = d.data.verified
        ? `trading halted, verified${d.data.strategiesStopped === undefined ? '' : `, ${plural(d.data.strategiesStopped, 'strategy', 'strategies')} stopped`}`
        : 'NOT VERIFIED: trading may still have been running';
      events.push({ at: r.at, kind: 'killswitch', text: `Killswitch pressed${by(r.actor)}: ${oneLine(d.data.reason)}; ${result}` });
    } else if (r.type === STOP_OUTCOME_RECORD) {
      const d = StopData.safeParse(r.data);
      if (!d.success) continue;
      const notStopped = d.data.notStopped ?? [];
      const result = d.data.verified ? 'verified' : `NOT VERIFIED${notStopped.length > 0 ? ` (${notStopped.join(', ')} not shown stopped)` : ''}`;
      events.push({ at: r.at, kind: 'strategy_stop', text: `Strategies stopped${by(r.actor)}: ${d.data.ids.join(', ')} (${oneLine(d.data.reason)}); ${result}` });
    }
  }
  return events;
}

/** One event per escalation made in [from, to], from the incidents' calls. */
export function escalationEvents(incidents: readonly Incident[], from: number, to: number): ShiftEvent[] {
  return incidents.flatMap((incident) =>
    incident.escalations
      .filter((call) => call.at >= from && call.at <= to)
      .map((call) => {
        const whom = call.name ? ` (${call.name}${call.phone ? `, ${call.phone}` : ''})` : '';
        return { at: call.at, kind: 'escalation' as const, text: `${incident.id} escalated to Level ${call.level}${whom} by ${call.by}: ${oneLine(incident.title)}` };
      }),
  );
}

/** One event per automatic killswitch firing the alert rules saw in [from, to] (the system's own, at the loss limit). */
export function autoKillswitchEvents(incidents: readonly Incident[], from: number, to: number): ShiftEvent[] {
  return incidents.flatMap((incident) =>
    incident.timeline
      .filter((e) => e.kind === 'event' && e.by === null && e.at >= from && e.at <= to && e.text.startsWith(MARK_TEXT.killswitch_fired))
      .map((e) => ({ at: e.at, kind: 'killswitch' as const, text: `Killswitch fired by the trading system itself at the loss limit (${incident.id})` })),
  );
}

/**
 * The pre-shift check's result for the shift, or null when none was run for
 * it (a report started earlier than `windowMs` before the shift speaks for
 * an older shift).
 */
export function preShiftEvent(report: AccessReport | null, shiftStartedAt: number, windowMs: number, timeZone: string): ShiftEvent | null {
  if (report === null || report.startedAt < shiftStartedAt - windowMs) return null;
  const summary = summarise(report, timeZone);
  const failed = report.checks.filter((c) => c.state === 'failed' || c.state === 'skipped').map((c) => c.label);
  const text = summary.verifiedAt === null
    ? `Pre-shift check by ${report.engineer} still running (${summary.ok + summary.failed}/${summary.total} done)`
    : `Pre-shift check by ${report.engineer}: ${summary.ok}/${summary.total} ok${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}${summary.open > 0 ? `; ${summary.open} not ticked` : ''}${summary.notConfigured > 0 ? `; ${summary.notConfigured} not configured` : ''}`;
  return { at: summary.verifiedAt ?? report.startedAt, kind: 'preshift', text };
}

/** Every event, oldest first; equal times keep the order given. */
export function sortShiftEvents(events: readonly ShiftEvent[]): ShiftEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
}
