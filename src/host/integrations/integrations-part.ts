/**
 * The integrations of the running cockpit: the outbox with one transport per
 * service, the planner that turns incident timelines into messages, and the
 * sources that read the other systems back (Alertmanager's alerts; PagerDuty
 * comes in pagerduty-sync.ts). Each integration is off until its settings
 * and token are there; `configs()` is asked on every use, so a settings
 * change applies at once.
 */
import { fromAlertmanager } from '../../core/external/alertmanager.js';
import type { Channel } from '../../core/outbox/model.js';
import { planMessages, type PlanChannels } from '../../core/outbox/plan.js';
import type { AuditLog } from '../../services/audit-log.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';
import type { IncidentsService } from '../../services/incidents/index.js';
import { alertmanagerTransport, createAlertmanagerSource, type AlertmanagerConfig, type AlertmanagerSource } from '../../services/integrations/alertmanager.js';
import type { HttpClient } from '../../services/integrations/http.js';
import { slackTransport, type SlackConfig } from '../../services/integrations/slack.js';
import { openOutbox, type ChannelTransport, type Outbox } from '../../services/outbox/outbox.js';

/** How often Alertmanager is read, ms: an alert there opens an incident here within one read. */
export const ALERTMANAGER_READ_MS = 5_000;

export interface IntegrationConfigs {
  slack: SlackConfig | null;
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
  /** Extra transports (PagerDuty, status page) composed elsewhere. */
  transports?: Partial<Record<Channel, ChannelTransport>>;
  alertmanagerReadMs?: number;
  log: (line: string) => void;
  /** Called when anything shown in the header or an incident's deliveries changed. */
  changed?: () => void;
}

export interface IntegrationsPart {
  outbox: Outbox;
  alertmanager: AlertmanagerSource;
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
      slack: slackTransport(() => o.configs().slack, o.http, o.clock),
      alertmanager: alertmanagerTransport(() => o.configs().alertmanager, o.http, o.clock),
      ...o.transports,
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

  const unsubscribeIncidents = o.incidents.subscribe((notice) => {
    if (notice.name === 'incidents.changed') void plan();
  });
  const unsubscribeOutbox = outbox.subscribe(() => o.changed?.());
  await plan();
  alertmanager.start();

  return {
    outbox,
    alertmanager,
    plan,
    async close() {
      unsubscribeIncidents();
      unsubscribeOutbox();
      await alertmanager.stop();
      await planning;
      await outbox.close();
    },
  };
}
