/**
 * The incident list is event-sourced on the audit log: every change is one
 * audit record carrying the core events it applied, the instant it applied
 * them at, the alert rules' memory after them and the zone the clocks were
 * computed in. Replaying the records after a snapshot (or all of them)
 * through the same core functions rebuilds exactly the state the cockpit
 * had, deadlines included.
 *
 * Record types: `incident.signals` (what one poll's alert rules signalled),
 * `incident.<action>` (an engineer's action, e.g. `incident.acknowledge`),
 * `incident.breach` (a deadline passed and was announced) and
 * `playbook.imported` (the playbook that applies from then on).
 */
import type { AlertState } from '../../core/alerts/index.js';
import { applyIncidentEvents, type IncidentEvent, type IncidentsState } from '../../core/incidents/index.js';
import { Playbook } from '../../core/playbook/index.js';
import type { AuditEntry, AuditRecord } from '../audit-log.js';
import { AlertStateSchema } from './snapshot-file.js';

export const INCIDENT_RECORD_PREFIX = 'incident.';
export const PLAYBOOK_RECORD = 'playbook.imported';

export interface IncidentRecordData {
  events: IncidentEvent[];
  /** The alert rules' memory after the events (a resolve may have made them forget a condition). */
  alerts: AlertState;
  /** IANA zone the clocks were computed in. */
  timeZone: string;
  /** For `incident.breach`: the breach key announced. */
  breach?: string;
}

export interface JournalState {
  incidents: IncidentsState;
  alerts: AlertState;
  /** Breach keys already announced. */
  announced: Set<string>;
  /** The playbook the next recorded events were applied with. */
  playbook: Playbook;
  /** The last audit record included. */
  auditSeq: number;
}

export function incidentEntry(
  type: string,
  data: IncidentRecordData,
  at: number,
  actor: string | null,
  incidentId: string | null,
): AuditEntry {
  return { type: `${INCIDENT_RECORD_PREFIX}${type}`, at, data, ...(actor ? { actor } : {}), ...(incidentId ? { incidentId } : {}) };
}

export const playbookEntry = (playbook: Playbook, at: number, actor: string): AuditEntry => ({
  type: PLAYBOOK_RECORD, at, actor, data: { playbook },
});

const isIncidentData = (data: unknown): data is IncidentRecordData =>
  typeof data === 'object' && data !== null && Array.isArray((data as IncidentRecordData).events);

/**
 * Applies the records after `base.auditSeq` in order. Records of other
 * services are skipped; one that cannot be applied is named in `problems`
 * and skipped, so one bad line never hides the rest.
 */
export function replay(base: JournalState, records: readonly AuditRecord[]): { state: JournalState; problems: string[]; applied: number } {
  const problems: string[] = [];
  let { incidents, alerts, playbook, auditSeq } = base;
  const announced = new Set(base.announced);
  let applied = 0;
  for (const record of records) {
    if (record.seq <= base.auditSeq) continue;
    auditSeq = Math.max(auditSeq, record.seq);
    if (record.type === PLAYBOOK_RECORD) {
      const parsed = Playbook.safeParse((record.data as { playbook?: unknown } | null)?.playbook);
      if (parsed.success) playbook = parsed.data;
      else problems.push(`audit record ${record.seq}: the imported playbook does not parse`);
      continue;
    }
    if (!record.type.startsWith(INCIDENT_RECORD_PREFIX)) continue;
    if (!isIncidentData(record.data)) {
      problems.push(`audit record ${record.seq} (${record.type}): no incident events in it`);
      continue;
    }
    const data = record.data;
    try {
      incidents = applyIncidentEvents(incidents, data.events, record.at, playbook, { timeZone: data.timeZone });
      alerts = AlertStateSchema.parse(data.alerts);
      if (data.breach) announced.add(data.breach);
      applied++;
    } catch (e) {
      problems.push(`audit record ${record.seq} (${record.type}): ${(e as Error).message}`);
    }
  }
  return { state: { incidents, alerts, announced, playbook, auditSeq }, problems, applied };
}
