/**
 * The integrations of the running cockpit: the outbox with one transport per
 * service, the planner that turns incident timelines into messages, and the
 * sources that read the other systems back (Alertmanager's alerts; PagerDuty
 * comes in pagerduty-sync.ts). Each integration is off until its settings
 * and token are there; `configs()` is asked on every use, so a settings
 * change applies at once.
 */
import { fromAlertmanager } from '../../core/external/alertmanager.js';
import { PAGERDUTY_ECHO_SUFFIX, pagerDutyDedupKey, pagerDutyTriggerKey, planMessages, type PlanChannels } from '../../core/outbox/plan.js';
import type { AuditLog } from '../../services/audit-log.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';
import type { IncidentsService } from '../../services/incidents/index.js';
import { alertmanagerTransport, createAlertmanagerSource, type AlertmanagerConfig, type AlertmanagerSource } from '../../services/integrations/alertmanager.js';
import type { HttpClient } from '../../services/integrations/http.js';
import { pagerDutyIncidentRef, pagerDutyTransport, type PagerDutyConfig } from '../../services/integrations/pagerduty.js';
import { createPagerDutySync, type PagerDutyChange, type PagerDutySync } from '../../services/integrations/pagerduty-sync.js';
import { slackTransport, type SlackConfig } from '../../services/integrations/slack.js';
import { statuspageTransport, type StatuspageConfig } from '../../services/integrations/statuspage.js';
import { openOutbox, type Outbox } from '../../services/outbox/outbox.js';

/** How often Alertmanager is read, ms: an alert there opens an incident here within one read. */
export const ALERTMANAGER_READ_MS = 5_000;

export interface IntegrationConfigs {
  pagerduty: PagerDutyConfig | null;
  slack: SlackConfig | null;
  statuspage: StatuspageConfig | null;
  alertmanager: AlertmanagerConfig | null;
  /** From when each configured channel is owed messages (epoch ms). */
  since: PlanChannels;
}

export interface IntegrationsPartOptions {
  audit: AuditLog;
  incidents: IncidentsService;
  clock: Clock;
  timers: Timers;
  http: HttpClient;
  configs: () => IntegrationConfigs;
  alertmanagerReadMs?: number;
  pagerDutyPollMs?: number;
  log: (line: string) => void;
  /** Called when anything shown in the header or an incident's deliveries changed. */
  changed?: () => void;
}

export interface IntegrationsPart {
  outbox: Outbox;
  alertmanager: AlertmanagerSource;
  pagerduty: PagerDutySync;
  /** Plans every incident's messages now and resolves once they are recorded. */
  plan(): Promise<void>;
  close(): Promise<void>;
}

export async function createIntegrationsPart(o: IntegrationsPartOptions): Promise<IntegrationsPart> {
  const outbox = await openOutbox({
    audit: o.audit,
    clock: o.clock,
    timers: o.timers,
    transports: {
      pagerduty: pagerDutyTransport(() => o.configs().pagerduty, o.http, o.clock),
      slack: slackTransport(() => o.configs().slack, o.http, o.clock),
      statuspage: statuspageTransport(() => o.configs().statuspage, o.http, o.clock),
      alertmanager: alertmanagerTransport(() => o.configs().alertmanager, o.http, o.clock),
    },
    log: o.log,
  });

  // One planning pass at a time; changes during one make exactly one more.
  let planning: Promise<void> | null = null;
  let again = false;
  const plan = (): Promise<void> => {
    if (planning) {
      again = true;
      return planning;
    }
    planning = (async () => {
      do {
        again = false;
        const { since } = o.configs();
        const messages = o.incidents.state().incidents.flatMap((i) => planMessages(i, since));
        await outbox.enqueue(messages).catch((e: Error) => o.log(`integrations: could not record outgoing messages: ${e.message}`));
      } while (again);
    })().finally(() => {
      planning = null;
    });
    return planning;
  };

  const alertmanager = createAlertmanagerSource({
    config: () => o.configs().alertmanager,
    http: o.http,
    clock: o.clock,
    timers: o.timers,
    intervalMs: o.alertmanagerReadMs ?? ALERTMANAGER_READ_MS,
    onAlerts: (alerts) => o.incidents.observeExternal(alerts.map(fromAlertmanager).filter((a) => a !== null)),
    ...(o.changed ? { onStatus: o.changed } : {}),
  });

  // What was done in PagerDuty (acknowledged on a phone, resolved there) becomes the cockpit's, by that person.
  const fromPagerDuty = async (changes: PagerDutyChange[]) => {
    for (const change of changes) {
      const incident = o.incidents.state().incidents.find((i) => i.id === change.incidentId);
      if (!incident || incident.phase === 'resolved') continue;
      const by = `${change.by}${PAGERDUTY_ECHO_SUFFIX}`;
      const action = change.status === 'resolved' ? ({ type: 'resolve', note: 'Resolved in PagerDuty.' } as const) : incident.acknowledged ? null : ({ type: 'acknowledge' } as const);
      if (!action) continue;
      await o.incidents.act({ incidentId: incident.id, action }, by).catch((e: Error) => o.log(`integrations: could not apply PagerDuty's ${change.status} to ${incident.id}: ${e.message}`));
    }
  };
  const pagerduty = createPagerDutySync({
    config: () => o.configs().pagerduty,
    http: o.http,
    clock: o.clock,
    timers: o.timers,
    ...(o.pagerDutyPollMs ? { intervalMs: o.pagerDutyPollMs } : {}),
    linked: () =>
      o.incidents.state().incidents
        .filter((i) => i.phase !== 'resolved' && (outbox.has(pagerDutyTriggerKey(i.id)) || outbox.ref(pagerDutyIncidentRef(i.id)) !== undefined))
        .map((i) => ({ incidentId: i.id, dedupKey: pagerDutyDedupKey(i), pagerDutyId: outbox.ref(pagerDutyIncidentRef(i.id)) })),
    apply: fromPagerDuty,
    ...(o.changed ? { onStatus: o.changed } : {}),
  });

  const unsubscribeIncidents = o.incidents.subscribe((notice) => {
    if (notice.name === 'incidents.changed') void plan();
  });
  const unsubscribeOutbox = outbox.subscribe(() => o.changed?.());
  await plan();
  alertmanager.start();
  pagerduty.start();

  return {
    outbox,
    alertmanager,
    pagerduty,
    plan,
    async close() {
      unsubscribeIncidents();
      unsubscribeOutbox();
      await alertmanager.stop();
      await pagerduty.stop();
      await planning;
      await outbox.close();
    },
  };
}
