/**
 * What the engineer is shown and told: the incident list as the UI reads
 * it, the alerts worth a desktop notification, and the exported report's
 * file name. Plain functions of the state; the service decides when.
 */
import type { IncidentAlert, IncidentsView } from '../../contract/incidents.js';
import { DUE_LABELS, isOpen, triageOrder, type Deadline, type Incident, type IncidentsState } from '../../core/incidents/index.js';
import { severityRank } from '../../core/playbook/index.js';
import { localDateKey } from '../../core/shift/zoned-time.js';

/** Resolved incidents stay in the list this long (24 h): the shift's recent history and the handoff. */
export const RECENT_RESOLVED_MS = 24 * 60 * 60 * 1000;

export function incidentsView(state: IncidentsState, now: number, operator: string, auditProblem: string | null): IncidentsView {
  const shown = state.incidents.filter((i) => isOpen(i) || (i.resolved !== null && now - i.resolved.at <= RECENT_RESOLVED_MS));
  return { incidents: shown.sort((a, b) => b.startedAt - a.startedAt || numberOf(b) - numberOf(a)), operator, auditProblem };
}

const numberOf = (i: Incident) => Number(i.id.replace(/^INC-/, '')) || 0;

/**
 * What the alert rules changed that the engineer must hear about at once:
 * incidents that appeared, became more severe, or whose condition cleared.
 */
export function alertsBetween(before: IncidentsState, after: IncidentsState, at: number): IncidentAlert[] {
  const previous = new Map(before.incidents.map((i) => [i.id, i]));
  const alerts: IncidentAlert[] = [];
  for (const incident of after.incidents) {
    const old = previous.get(incident.id);
    // A drill's incident says so in every notice it makes.
    const alert = (kind: IncidentAlert['kind'], title: string): IncidentAlert => ({
      kind, incidentId: incident.id, severity: incident.severity, title: drillTitle(incident.drill, title), body: incident.detail, item: null, at,
    });
    if (!old) {
      alerts.push(alert('new', `${incident.severity} ${incident.id}: ${incident.title}`));
      alerts.push(...flagAlerts(incident, {}, alert));
      continue;
    }
    if (severityRank(incident.severity) < severityRank(old.severity)) {
      alerts.push(alert('severity_raised', `${incident.id} raised ${old.severity} → ${incident.severity}: ${incident.title}`));
    }
    if (incident.conditionClearedAt !== null && old.conditionClearedAt === null) {
      alerts.push(alert('condition_cleared', `${incident.id} condition cleared: ${incident.title}`));
    }
    alerts.push(...flagAlerts(incident, old.flags, alert));
  }
  // Notices raised together go out in triage order, the most severe incident's first.
  const rank = new Map(triageOrder(after.incidents).map((i, n) => [i.id, n]));
  return alerts.sort((a, b) => (rank.get(a.incidentId) ?? rank.size) - (rank.get(b.incidentId) ?? rank.size));
}

/** Flags the alert rules set, and the clock each makes due at once: heard at once, like a new incident. */
const RULE_FLAGS = ['prepare_kill', 'financial_impact'] as const;
const FLAG_ITEM = { prepare_kill: 'prepare_kill', financial_impact: 'escalate_l3' } as const;

/** The rule flags set since `before`, each heard with the clock it makes due. */
function flagAlerts(incident: Incident, before: Incident['flags'], alert: (kind: IncidentAlert['kind'], title: string) => IncidentAlert): IncidentAlert[] {
  const out: IncidentAlert[] = [];
  for (const flag of RULE_FLAGS) {
    const mark = incident.flags[flag];
    if (!mark || before[flag]) continue;
    const item = incident.due.find((d) => d.kind === FLAG_ITEM[flag]);
    out.push({ ...alert('flagged', `${incident.severity} ${incident.id}: ${item?.label ?? flag}`), body: mark.detail, item: item?.kind ?? null });
  }
  return out;
}

/** "DRILL SEV1 INC-3: …" for a drill's incident; the title as it is for any other. */
export const drillTitle = (drill: boolean | undefined, title: string) => (drill ? `DRILL ${title}` : title);

export function breachAlert(deadline: Deadline, at: number, drill?: boolean): IncidentAlert {
  return {
    kind: 'breach',
    incidentId: deadline.incidentId,
    severity: deadline.severity,
    title: drillTitle(drill, `${deadline.severity} ${deadline.incidentId} overdue: ${DUE_LABELS[deadline.kind]}`),
    body: `${deadline.title}. Was due ${new Date(deadline.dueAt).toISOString().slice(11, 19)}Z.`,
    item: deadline.kind,
    at,
  };
}

/** Identifies one passing of one clock: a status update due again later is a new breach. */
export const breachKey = (d: Pick<Deadline, 'incidentId' | 'kind' | 'dueAt'>) => `${d.incidentId}|${d.kind}|${d.dueAt}`;

/** "INC-3-exchange-disconnected-2026-11-24.md": id, what it is about, the local day it started. */
export function reportFilename(incident: Incident, timeZone: string): string {
  const what = slug(incident.scenario ?? incident.title) || 'incident';
  return `${incident.drill ? 'DRILL-' : ''}${incident.id}-${what}-${localDateKey(incident.startedAt, timeZone)}.md`;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
