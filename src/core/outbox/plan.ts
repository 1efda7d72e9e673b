/**
 * What the cockpit owes the other systems for one incident, read off its
 * timeline: each entry (raised, acknowledged, a status update, escalated,
 * resolved...) becomes the messages the configured channels take, each with
 * a key made of the incident, the entry's index and the message kind. The
 * timeline only grows, so planning again after a restart, or twice, gives
 * the same keys and the outbox drops what it already holds.
 *
 * Echoes are not sent back: what PagerDuty told the cockpit (an entry by
 * "<name> (PagerDuty)") does not go to PagerDuty again, and an incident
 * Alertmanager raised is not pushed to Alertmanager.
 */
import { raisedFrom } from '../incidents/apply.js';
import type { Incident, TimelineEntry } from '../incidents/model.js';
import type { Severity } from '../playbook/schema.js';
import { ALERTMANAGER_SOURCE, COCKPIT_ALERT_SOURCE } from '../external/alertmanager.js';
import type { Channel, OutgoingMessage } from './model.js';

/** Epoch ms from which each configured channel is owed messages; absent channels are off. */
export type PlanChannels = Partial<Record<Channel, number>>;

export const PAGERDUTY_ECHO_SUFFIX = ' (PagerDuty)';
/** Severities the public status page is for (the team's procedures: SEV1 and SEV2). */
const ON_STATUS_PAGE: readonly Severity[] = ['SEV1', 'SEV2'];

/** Events API v2 severities (critical, error, warning, info). */
const PD_SEVERITY: Record<Severity, string> = { SEV1: 'critical', SEV2: 'error', SEV3: 'warning', SEV4: 'info' };

/** The outbox key of the message `kind` planned for timeline entry `index`. */
export const planKey = (channel: Channel, incidentId: string, index: number, kind: string): string => `${channel}:${incidentId}:${index}:${kind}`;
/** Key of the page that opened the PagerDuty incident (the incident's first timeline entry). */
export const pagerDutyTriggerKey = (incidentId: string): string => planKey('pagerduty', incidentId, 0, 'pagerduty.trigger');

export const pagerDutyDedupKey = (incident: Pick<Incident, 'id' | 'startedAt'>): string => `oncall-cockpit:${incident.id}:${incident.startedAt}`;

export interface PagerDutyPayload {
  /** `link`, `merge` and `reassign` come from the engineer's picks, not from the timeline (src/host/integrations). */
  action: 'trigger' | 'acknowledge' | 'resolve' | 'note' | 'escalate' | 'link' | 'merge' | 'reassign';
  dedupKey: string;
  /** `link`: the PagerDuty incident picked for this cockpit incident; `merge`: the one the cockpit's own page goes into. */
  pagerDutyId?: string;
  /** `reassign`: the PagerDuty user it goes to. */
  assignee?: { id: string; name: string };
  summary?: string;
  severity?: string;
  details?: Record<string, string>;
  note?: string;
  level?: number;
}

export interface StatuspagePayload {
  /** The page incident's name, status and what the update says. */
  name: string;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  body: string;
  /** major_outage / partial_outage / operational, for the scenario's component (mapped by the transport). */
  componentStatus: 'major_outage' | 'partial_outage' | 'degraded_performance' | 'operational';
  scenario: string | null;
}

const severityAt = (incident: Incident, at: number): Severity =>
  [...incident.severityHistory].reverse().find((p) => p.from <= at)?.severity ?? incident.severity;

const pageStatus = (incident: Incident, at: number): StatuspagePayload['status'] =>
  incident.mitigated && incident.mitigated.at <= at ? 'monitoring' : incident.engaged && incident.engaged.at <= at ? 'identified' : 'investigating';

export function planMessages(incident: Incident, channels: PlanChannels): OutgoingMessage[] {
  // A drill must never page anyone, post anywhere or touch the public page.
  if (incident.drill) return [];
  const out: OutgoingMessage[] = [];
  const dedupKey = pagerDutyDedupKey(incident);
  const fromAlertmanager = incident.timeline[0]?.text.endsWith(raisedFrom(ALERTMANAGER_SOURCE)) ?? false;
  let onStatusPage = false;

  incident.timeline.forEach((e: TimelineEntry, index) => {
    const add = (channel: Channel, kind: string, summary: string, payload: unknown) => {
      const since = channels[channel];
      if (since === undefined || e.at < since) return;
      out.push({ channel, kind, key: planKey(channel, incident.id, index, kind), incidentId: incident.id, summary, payload });
    };
    const fromPagerDuty = e.by?.endsWith(PAGERDUTY_ECHO_SUFFIX) ?? false;
    const pd = (payload: Omit<PagerDutyPayload, 'dedupKey'>, summary: string) => {
      if (!fromPagerDuty) add('pagerduty', `pagerduty.${payload.action}`, summary, { ...payload, dedupKey });
    };
    const slack = (text: string) => add('slack', 'slack.post', text, { to: 'incident', text: `${incident.id} ${text}` });
    const sev = severityAt(incident, e.at);
    const who = e.by ? ` by ${e.by}` : '';
    const page = (status: StatuspagePayload['status'], body: string) => {
      const payload: StatuspagePayload = {
        name: incident.title, status, body, scenario: incident.scenario,
        componentStatus: status === 'resolved' ? 'operational' : sev === 'SEV1' ? 'major_outage' : 'partial_outage',
      };
      add('statuspage', `statuspage.${status === 'resolved' ? 'resolve' : 'update'}`, `${status}: ${body}`, payload);
    };

    switch (e.kind) {
      case 'raised':
      case 'opened': {
        if (index !== 0) break;
        const summary = `${sev} ${incident.title}`;
        pd({ action: 'trigger', summary, severity: PD_SEVERITY[sev], details: { incident: incident.id, detail: incident.detail } }, `page: ${summary}`);
        slack(`${sev} opened: ${incident.title}.${incident.detail ? ` ${incident.detail}` : ''}`);
        if (!fromAlertmanager) {
          add('alertmanager', 'alertmanager.post', `alert: ${summary}`, {
            alerts: [{
              labels: {
                alertname: incident.scenario ?? 'CockpitIncident', severity: sev.toLowerCase(), incident: incident.id,
                [COCKPIT_ALERT_SOURCE.label]: COCKPIT_ALERT_SOURCE.value,
              },
              annotations: { summary: incident.title, ...(incident.detail ? { description: incident.detail } : {}) },
              startsAt: new Date(incident.startedAt).toISOString(),
            }],
          });
        }
        break;
      }
      case 'acknowledged':
        pd({ action: 'acknowledge' }, `acknowledge${who}`);
        slack(`acknowledged${who}.`);
        break;
      case 'status_update':
        pd({ action: 'note', note: e.text }, `note: ${e.text}`);
        slack(`status update${who}: ${e.text}`);
        if (ON_STATUS_PAGE.includes(sev)) {
          onStatusPage = true;
          page(pageStatus(incident, e.at), e.text);
        }
        break;
      case 'final_update':
        pd({ action: 'note', note: e.text }, `final update: ${e.text}`);
        slack(`final update${who}: ${e.text}`);
        break;
      case 'note':
        if (e.by !== null) pd({ action: 'note', note: e.text }, `note: ${e.text}`);
        break;
      case 'escalated': {
        const level = /Level (\d)/.exec(e.text)?.[1];
        pd({ action: 'escalate', level: Number(level ?? 2) }, `escalate to Level ${level ?? 2}`);
        slack(`${e.text.replace(/\.$/, '')}${who}.`);
        break;
      }
      case 'severity_changed':
      case 'mitigated':
        slack(`${e.text}${who ? ` (${e.by})` : ''}`);
        break;
      case 'resolved':
        pd({ action: 'resolve' }, `resolve${who}`);
        slack(`resolved${who}: ${incident.resolutionNote ?? e.text}`);
        if (onStatusPage) page('resolved', incident.resolutionNote ?? e.text);
        if (!fromAlertmanager) {
          add('alertmanager', 'alertmanager.resolve', 'alert resolved', {
            alerts: [{
              labels: {
                alertname: incident.scenario ?? 'CockpitIncident', severity: severityAt(incident, incident.startedAt).toLowerCase(), incident: incident.id,
                [COCKPIT_ALERT_SOURCE.label]: COCKPIT_ALERT_SOURCE.value,
              },
              startsAt: new Date(incident.startedAt).toISOString(),
              endsAt: new Date(e.at).toISOString(),
            }],
          });
        }
        break;
    }
  });
  return out;
}
