/**
 * Where the handoff note's shift events come from: the killswitch and
 * strategy stop outcomes on the audit log, and the last pre-shift access
 * report (when it was run for this shift).
 */
import type { AccessReport } from '../../core/checks/model.js';
import { PRE_SHIFT_WINDOW_MS } from '../../core/checks/summary.js';
import { eventsFromAudit, KILLSWITCH_OUTCOME_RECORD, preShiftEvent, STOP_OUTCOME_RECORD, type ShiftEvent } from '../../core/handoff/shift-events.js';
import type { AuditLog } from '../../services/audit-log.js';

export interface ShiftEventSources {
  audit: Pick<AuditLog, 'read'>;
  accessReport(): Promise<AccessReport | null>;
  timeZone(): string;
  /** When drills ran (to is Infinity while one runs): presses and stops then were the drill's, not the shift's. */
  drillSpans?: () => Promise<readonly { from: number; to: number }[]>;
}

export function shiftEventsFrom(sources: ShiftEventSources): (shiftStartedAt: number, now: number) => Promise<ShiftEvent[]> {
  return async (shiftStartedAt, now) => {
    const [outcomes, report, spans] = await Promise.all([
      sources.audit.read({ type: [KILLSWITCH_OUTCOME_RECORD, STOP_OUTCOME_RECORD] }),
      sources.accessReport(),
      sources.drillSpans?.() ?? [],
    ]);
    const inDrill = (at: number) => spans.some((s) => at >= s.from && at <= s.to);
    const preShift = preShiftEvent(report, shiftStartedAt, PRE_SHIFT_WINDOW_MS, sources.timeZone());
    const real = outcomes.filter((r) => !inDrill(r.at));
    return [...eventsFromAudit(real, shiftStartedAt, now), ...(preShift ? [preShift] : [])];
  };
}
