/**
 * Alertmanager as a second alert source, as pure decisions: which of the
 * playbook's scenarios an alert is (by its labels), and what that means for
 * the incident list. The rule the cockpit keeps everywhere holds here too:
 * one condition, one incident.
 *
 * - An alert that names a scenario (alertname like "ExchangeDisconnected",
 *   "HighOrderLatency", "DiskSpaceLow"...) has the scenario's condition key,
 *   the same key the cockpit's own rules use: if either already has an
 *   incident open, the other adds one note to it, never a second incident.
 * - Any other alert is "external": its key is its Alertmanager fingerprint
 *   (a hash of its labels), one incident per distinct alert.
 * - The cockpit's own alerts, pushed to Alertmanager so the team's routing
 *   sees them, carry `source="oncall-cockpit"` and are not read back.
 * - Severity from the `severity` label (critical/page → SEV1, high/error →
 *   SEV2, warning → SEV3, info/low → SEV4, or SEV1..SEV4 as such); SEV3
 *   when absent.
 * - When an alert is gone from Alertmanager, an incident it raised (and the
 *   cockpit's own rules do not hold) is marked cleared, ready to resolve.
 */
import { openIncidentFor, type Incident, type IncidentsState } from '../incidents/model.js';
import { raisedFrom, type IncidentEvent } from '../incidents/apply.js';
import { moreUrgent, type ScenarioId, type Severity } from '../playbook/schema.js';

export const ALERTMANAGER_SOURCE = 'Alertmanager';
/** The label every alert the cockpit pushes carries, so it is not read back as someone else's. */
export const COCKPIT_ALERT_SOURCE = { label: 'source', value: 'oncall-cockpit' } as const;

/** The parts of `GET /api/v2/alerts` (gettableAlerts) the cockpit reads. */
export interface AlertmanagerAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
}

export interface ExternalAlert {
  fingerprint: string;
  conditionKey: string;
  scenario: ScenarioId | null;
  severity: Severity;
  title: string;
  detail: string;
  subjects: string[];
}

/** alertname (lower case, letters and digits only) patterns, most specific first. */
const SCENARIO_PATTERNS: [RegExp, ScenarioId][] = [
  [/exchange.*(disconnect|down|unreachable|lost)/, 'exchange_disconnected'],
  [/latency|slow(order|fill)/, 'high_latency'],
  [/loss(limit)?|drawdown|pnl/, 'loss_limit'],
  [/disk|filesystem|volume|inode/, 'disk_low'],
  [/instancedown|(system|service|process|engine).*(down|crash|notresponding|unreachable)|absent/, 'system_down'],
];

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'SEV1', page: 'SEV1', sev1: 'SEV1', p1: 'SEV1',
  high: 'SEV2', error: 'SEV2', major: 'SEV2', sev2: 'SEV2', p2: 'SEV2',
  warning: 'SEV3', warn: 'SEV3', medium: 'SEV3', sev3: 'SEV3', p3: 'SEV3',
  info: 'SEV4', low: 'SEV4', none: 'SEV4', sev4: 'SEV4', p4: 'SEV4',
};

export function scenarioOf(alertname: string): ScenarioId | null {
  const name = alertname.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SCENARIO_PATTERNS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/** The alert as the incident list sees it; null for the cockpit's own alerts. */
export function fromAlertmanager(alert: AlertmanagerAlert): ExternalAlert | null {
  const { labels } = alert;
  if (labels[COCKPIT_ALERT_SOURCE.label] === COCKPIT_ALERT_SOURCE.value) return null;
  const alertname = labels.alertname ?? 'unnamed alert';
  const scenario = scenarioOf(alertname);
  const severity = SEVERITY_WORDS[(labels.severity ?? '').toLowerCase()] ?? 'SEV3';
  const subject = labels.exchange ?? labels.instance ?? labels.job;
  const annotations = alert.annotations ?? {};
  const detail = (annotations.summary ?? annotations.description ?? '').trim();
  return {
    fingerprint: alert.fingerprint,
    conditionKey: scenario ?? `alertmanager:${alert.fingerprint}`,
    scenario,
    severity,
    title: subject ? `${alertname}: ${subject}` : alertname,
    detail,
    subjects: scenario === 'exchange_disconnected' && labels.exchange ? [labels.exchange] : subject ? [subject] : [],
  };
}

const alsoText = (a: ExternalAlert, source: string) => `${source} also reports: ${a.title}${a.detail ? `. ${a.detail}` : ''}`;

/**
 * The incident events one successful read of the other source calls for.
 * `heldByRules` are the condition keys the cockpit's own rules hold open:
 * those incidents are cleared by the rules, not by the other source.
 */
export function externalAlertEvents(
  state: IncidentsState,
  alerts: readonly ExternalAlert[],
  heldByRules: readonly string[],
  source = ALERTMANAGER_SOURCE,
): IncidentEvent[] {
  const raisedHere = (i: Incident) => {
    const first = i.timeline[0];
    return first?.kind === 'raised' && first.by === null && first.text.endsWith(raisedFrom(source));
  };
  const events: IncidentEvent[] = [];
  const byKey = new Map<string, ExternalAlert[]>();
  for (const a of alerts) byKey.set(a.conditionKey, [...(byKey.get(a.conditionKey) ?? []), a]);

  for (const [conditionKey, group] of byKey) {
    const open = openIncidentFor(state, conditionKey);
    if (!open) {
      const first = group[0]!;
      const severity = group.map((a) => a.severity).reduce(moreUrgent);
      const subjects = [...new Set(group.flatMap((a) => a.subjects))].sort();
      const title = group.length > 1 ? `${first.title.split(':')[0]}: ${subjects.join(', ')}` : first.title;
      events.push({ type: 'external_raise', source, conditionKey, scenario: first.scenario, severity, title, detail: first.detail, subjects });
      continue;
    }
    // What this source raised already says so. Elsewhere it is told once per alert: the note's
    // text is how the incident remembers it, across restarts too.
    if (raisedHere(open)) continue;
    for (const a of group) {
      const text = alsoText(a, source);
      if (!open.timeline.some((e) => e.text === text)) events.push({ type: 'note', incidentId: open.id, by: null, text });
    }
  }

  for (const incident of state.incidents) {
    if (incident.phase === 'resolved' || !incident.conditionKey || incident.conditionClearedAt !== null) continue;
    if (byKey.has(incident.conditionKey) || heldByRules.includes(incident.conditionKey)) continue;
    if (!raisedHere(incident)) continue;
    events.push({ type: 'external_cleared', incidentId: incident.id, source });
  }
  return events;
}
