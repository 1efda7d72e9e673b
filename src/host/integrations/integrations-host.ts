/**
 * The `integrations.*` calls and the header's integration states: settings
 * in `<dataDir>/integrations.json` (no tokens), tokens in the SecretStore
 * under `integrations.<channel>.token` (Electron: safeStorage; browser host:
 * memory, or COCKPIT_PAGERDUTY_TOKEN / COCKPIT_SLACK_TOKEN /
 * COCKPIT_STATUSPAGE_TOKEN from the environment), base URLs from the flags
 * (--pagerduty-url, --slack-url, --statuspage-url, --alertmanager-url) or
 * the services' public endpoints. Each integration is off until configured.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Channel } from '../../core/outbox/model.js';
import { CHANNEL_LABELS, CHANNELS } from '../../core/outbox/model.js';
import {
  IntegrationSettings,
  type Delivery,
  type IntegrationConfigureRequest,
  type IntegrationsView,
  type IntegrationState,
  type PagerDutyOpenIncident,
} from '../../contract/integrations.js';
import type { AuditLog } from '../../services/audit-log.js';
import type { SecretStore } from '../../services/checks/secret-store.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';
import type { IncidentsService } from '../../services/incidents/index.js';
import type { HttpClient } from '../../services/integrations/http.js';
import { listOpenPagerDutyIncidents, PAGERDUTY_EVENTS_URL, PAGERDUTY_REST_URL, pagerDutyIncidentRef, pagerDutyMergedRef } from '../../services/integrations/pagerduty.js';
import { pagerDutyDedupKey, pagerDutyTriggerKey } from '../../core/outbox/plan.js';
import { SLACK_DEFAULT_URL } from '../../services/integrations/slack.js';
import { STATUSPAGE_DEFAULT_URL } from '../../services/integrations/statuspage.js';
import { JsonFile } from '../checks/json-file.js';
import type { IntegrationSecrets } from '../cli-args.js';
import { CallFailure } from '../dispatch.js';
import { createIntegrationsPart, type IntegrationConfigs, type IntegrationsPart } from './integrations-part.js';

export const INTEGRATIONS_FILE = 'integrations.json';
const tokenKey = (channel: Channel) => `integrations.${channel}.token`;
/** PagerDuty's Events API integration key: a secret too (it pages the service), kept beside the REST key. */
const ROUTING_KEY = 'integrations.pagerduty.routingKey';
const NEEDS_TOKEN: readonly Channel[] = ['pagerduty', 'slack', 'statuspage'];
const EMPTY: IntegrationSettings = { pagerduty: null, slack: null, statuspage: null, alertmanager: null, enabledAt: {} };

/**
 * From when each channel is owed messages: set up, with its token where it
 * needs one. Alertmanager is always read once set up, but takes the
 * cockpit's own alerts only when the engineer asked for that.
 */
export function owedSince(s: IntegrationSettings, hasToken: (channel: Channel) => boolean): IntegrationConfigs['since'] {
  const since: IntegrationConfigs['since'] = {};
  for (const c of CHANNELS) {
    if (!s[c] || (NEEDS_TOKEN.includes(c) && !hasToken(c)) || s.enabledAt[c] === undefined) continue;
    if (c === 'alertmanager' && !s.alertmanager?.postOwnAlerts) continue;
    since[c] = s.enabledAt[c];
  }
  return since;
}

/** Base URLs the flags override; a PagerDuty override serves both its REST and Events APIs. */
export type IntegrationUrls = Partial<Record<Channel, string>>;

export interface IntegrationsHostOptions {
  dataDir: string;
  audit: AuditLog;
  incidents: IncidentsService;
  clock: Clock;
  timers: Timers;
  http: HttpClient;
  secretStore: SecretStore;
  urls?: IntegrationUrls;
  /** Tokens handed in from the environment, stored in the secret store at start. */
  tokens?: IntegrationSecrets;
  emit: (view: IntegrationsView) => void;
  log: (line: string) => void;
  /** The handoff note as it reads now, and clockless (the same note when only the clock moved), for `integrations.postHandoff`. */
  handoffNote?: () => Promise<{ text: string; clockless: string }>;
}

export interface IntegrationsHost {
  handlers: {
    'integrations.view': () => IntegrationsView;
    'integrations.configure': (request: IntegrationConfigureRequest) => Promise<IntegrationsView>;
    'integrations.deliveries': (request: { incidentId: string }) => Delivery[];
    'integrations.postHandoff': () => Promise<{ queued: boolean; to: string }>;
    'integrations.pagerdutyOpen': () => Promise<PagerDutyOpenIncident[]>;
    'integrations.pagerdutyLinked': (request: { incidentId: string }) => { pagerDutyId: string | null };
    'integrations.pagerdutyLink': (request: { incidentId: string; pagerDutyId: string }) => Promise<{ pagerDutyId: string }>;
    'integrations.pagerdutyReassign': (request: { incidentId: string; to: 'primary' | 'secondary' }) => Promise<{ assignee: string }>;
  };
  part: IntegrationsPart;
  view(): IntegrationsView;
  close(): Promise<void>;
}

export async function createIntegrationsHost(o: IntegrationsHostOptions): Promise<IntegrationsHost> {
  const file = new JsonFile(join(o.dataDir, INTEGRATIONS_FILE), IntegrationSettings, o.clock.now);
  let settings = (await file.read().catch(() => null)) ?? EMPTY;
  const tokens = new Map<Channel, string>();
  for (const channel of NEEDS_TOKEN) {
    const given = channel === 'alertmanager' ? undefined : o.tokens?.[channel];
    if (given) await o.secretStore.set(tokenKey(channel), given);
    const token = given ?? (await o.secretStore.get(tokenKey(channel)));
    if (token) tokens.set(channel, token);
  }
  if (o.tokens?.pagerdutyRoutingKey) await o.secretStore.set(ROUTING_KEY, o.tokens.pagerdutyRoutingKey);
  let routingKey = o.tokens?.pagerdutyRoutingKey ?? (await o.secretStore.get(ROUTING_KEY)) ?? null;
  /** Every secret the channel needs is there. */
  const hasSecrets = (c: Channel) => tokens.has(c) && (c !== 'pagerduty' || routingKey !== null);
  const url = (channel: Channel, fallback: string) => o.urls?.[channel] ?? fallback;

  const configs = (): IntegrationConfigs => {
    const s = settings;
    const pd = tokens.get('pagerduty');
    const slack = tokens.get('slack');
    const page = tokens.get('statuspage');
    const since = owedSince(s, hasSecrets);
    return {
      pagerduty: s.pagerduty && pd && routingKey
        ? { ...s.pagerduty, token: pd, routingKey, restUrl: url('pagerduty', PAGERDUTY_REST_URL), eventsUrl: url('pagerduty', PAGERDUTY_EVENTS_URL) }
        : null,
      slack: s.slack && slack ? { ...s.slack, token: slack, baseUrl: url('slack', SLACK_DEFAULT_URL) } : null,
      statuspage: s.statuspage && page ? { ...s.statuspage, token: page, baseUrl: url('statuspage', STATUSPAGE_DEFAULT_URL) } : null,
      alertmanager: s.alertmanager ? { baseUrl: url('alertmanager', s.alertmanager.url) } : null,
      since,
    };
  };

  let part: IntegrationsPart | null = null;
  const view = (): IntegrationsView => {
    const outbox = part?.outbox.status() ?? [];
    const c = configs();
    const states = CHANNELS.map((channel): IntegrationState => {
      const sending = outbox.find((s) => s.channel === channel);
      const reading = channel === 'alertmanager' ? part?.alertmanager.status() : channel === 'pagerduty' ? part?.pagerduty.status() : undefined;
      const failingSince = [sending?.failingSince, reading?.failingSince].filter((t): t is number => typeof t === 'number');
      return {
        channel,
        label: CHANNEL_LABELS[channel],
        configured: c[channel] !== null,
        needsToken: settings[channel] !== null && NEEDS_TOKEN.includes(channel) && !hasSecrets(channel),
        queued: sending?.queued ?? 0,
        failingSince: failingSince.length ? Math.min(...failingSince) : null,
        reason: sending?.reason ?? reading?.reason ?? null,
        lastOkAt: Math.max(sending?.lastSentAt ?? 0, reading?.lastReadAt ?? 0) || null,
        failedForGood: sending?.failedForGood ?? 0,
      };
    });
    return { states, settings, onCall: part?.pagerduty.status().onCall ?? null };
  };

  part = await createIntegrationsPart({
    audit: o.audit, incidents: o.incidents, clock: o.clock, timers: o.timers, http: o.http, configs, log: o.log,
    changed: () => {
      try {
        o.emit(view());
      } catch {
        // Nobody may be listening yet (start-up); the next change or call brings the view.
      }
    },
  });

  /** What the engineer decides about PagerDuty from the cockpit: which incident there is this one, and who holds it. */
  function pagerDutyPicks() {
    const pagerDuty = () => {
      const c = configs().pagerduty;
      if (!c) throw new CallFailure('unavailable', 'PagerDuty is not set up: set it up in Settings, Integrations');
      return c;
    };
    const openIncident = (incidentId: string) => {
      const incident = o.incidents.state().incidents.find((i) => i.id === incidentId);
      if (!incident) throw new CallFailure('not_found', `no incident ${incidentId}`);
      if (incident.phase === 'resolved') throw new CallFailure('conflict', `${incidentId} is resolved`);
      return incident;
    };
    const record = async (incidentId: string, text: string) => {
      await o.incidents.act({ incidentId, action: { type: 'note', text } }).catch((e: Error) => o.log(`integrations: could not note "${text}" on ${incidentId}: ${e.message}`));
    };
    return {
      async 'integrations.pagerdutyOpen'() {
        try {
          return await listOpenPagerDutyIncidents(o.http, o.clock, pagerDuty());
        } catch (e) {
          if (e instanceof CallFailure) throw e;
          throw new CallFailure('unavailable', (e as Error).message);
        }
      },
      'integrations.pagerdutyLinked': ({ incidentId }: { incidentId: string }) => ({ pagerDutyId: part!.outbox.ref(pagerDutyIncidentRef(incidentId)) ?? null }),
      async 'integrations.pagerdutyLink'({ incidentId, pagerDutyId }: { incidentId: string; pagerDutyId: string }) {
        pagerDuty();
        const incident = openIncident(incidentId);
        // A new key per pick: linking to another incident later is a new decision, recorded as such.
        const at = o.clock.now();
        const mergedBefore = part!.outbox.ref(pagerDutyMergedRef(incidentId));
        const dedupKey = pagerDutyDedupKey(incident);
        await part!.outbox.enqueue([
          {
            channel: 'pagerduty', kind: 'pagerduty.link', key: `pagerduty:${incidentId}:link:${pagerDutyId}:${at}`, incidentId,
            summary: `link to PagerDuty incident ${pagerDutyId}`, payload: { action: 'link', dedupKey, pagerDutyId },
          },
          // The cockpit's own page, if it sent one, goes into the pick: one incident paging, not two.
          ...(part!.outbox.has(pagerDutyTriggerKey(incidentId))
            ? [{
                channel: 'pagerduty' as const, kind: 'pagerduty.merge', key: `pagerduty:${incidentId}:merge:${pagerDutyId}:${at}`, incidentId,
                summary: `merge the cockpit's page into PagerDuty incident ${pagerDutyId}`, payload: { action: 'merge' as const, dedupKey, pagerDutyId },
              }]
            : []),
        ]);
        await part!.outbox.idle();
        const merged = part!.outbox.ref(pagerDutyMergedRef(incidentId));
        await record(incidentId, `Linked to PagerDuty incident ${pagerDutyId}.${merged && merged !== mergedBefore ? ` The cockpit's own page there (${merged}) was merged into it.` : ''}`);
        return { pagerDutyId };
      },
      async 'integrations.pagerdutyReassign'({ incidentId, to }: { incidentId: string; to: 'primary' | 'secondary' }) {
        pagerDuty();
        const incident = openIncident(incidentId);
        const onCall = part!.pagerduty.status().onCall;
        const id = to === 'primary' ? onCall?.primaryId : onCall?.secondaryId;
        const name = to === 'primary' ? onCall?.primary : onCall?.secondary;
        if (!id || !name) throw new CallFailure('unavailable', `PagerDuty has named no ${to} on call yet (set the escalation policy in Settings)`);
        await part!.outbox.enqueue([{
          channel: 'pagerduty', kind: 'pagerduty.reassign', key: `pagerduty:${incidentId}:reassign:${id}:${o.clock.now()}`, incidentId,
          summary: `reassign to ${name} (${to})`, payload: { action: 'reassign', dedupKey: pagerDutyDedupKey(incident), assignee: { id, name } },
        }]);
        await record(incidentId, `Reassigned in PagerDuty to ${name} (${to} on call).`);
        return { assignee: name };
      },
    };
  }

  return {
    part,
    view,
    handlers: {
      'integrations.view': view,
      async 'integrations.configure'(request) {
        const { channel } = request;
        if (channel === 'slack' && request.settings?.mode === 'webhook') {
          // The webhook URL is the secret and the address: an unreadable one would end up whole in an error message.
          if (request.token && !/^https?:\/\//.test(request.token)) throw new CallFailure('invalid_request', 'The Slack webhook URL must be an http(s) URL, such as https://hooks.slack.com/services/…');
          if (!request.token && settings.slack?.mode !== 'webhook') throw new CallFailure('invalid_request', 'Give the Slack webhook URL: the stored secret is a bot token');
        }
        if ('token' in request && request.token) {
          await o.secretStore.set(tokenKey(channel), request.token);
          tokens.set(channel, request.token);
        }
        if (request.channel === 'pagerduty' && request.routingKey) {
          await o.secretStore.set(ROUTING_KEY, request.routingKey);
          routingKey = request.routingKey;
        }
        const turnedOn = request.settings !== null && settings[channel] === null;
        const enabledAt = { ...settings.enabledAt };
        if (request.settings === null) delete enabledAt[channel];
        else if (turnedOn || enabledAt[channel] === undefined) enabledAt[channel] = o.clock.now();
        settings = IntegrationSettings.parse({ ...settings, [channel]: request.settings, enabledAt });
        await file.write(settings);
        if (request.settings === null) {
          await o.secretStore.delete(tokenKey(channel));
          tokens.delete(channel);
          if (channel === 'pagerduty') {
            await o.secretStore.delete(ROUTING_KEY);
            routingKey = null;
          }
        }
        await part!.plan();
        part!.outbox.kick(channel);
        if (channel === 'alertmanager') void part!.alertmanager.readNow();
        if (channel === 'pagerduty') void part!.pagerduty.readNow();
        const v = view();
        o.emit(v);
        return v;
      },
      async 'integrations.postHandoff'() {
        const slack = configs().slack;
        if (!slack) throw new CallFailure('unavailable', 'Slack is not set up: set it up in Settings, Integrations');
        if (!o.handoffNote) throw new CallFailure('unavailable', 'This cockpit has no handoff note to post');
        const { text, clockless } = await o.handoffNote();
        // The same note twice is one message: a second press, or a retry of the call, posts nothing more, though the clock moved on between them.
        const key = `slack:handoff:${createHash('sha256').update(clockless).digest('hex').slice(0, 32)}`;
        const added = await part!.outbox.enqueue([{ channel: 'slack', kind: 'slack.post', key, incidentId: null, summary: 'handoff note', payload: { to: 'routine', text } }]);
        return { queued: added.length > 0, to: slack.mode === 'webhook' ? "the webhook's channel" : slack.routineChannel };
      },
      ...pagerDutyPicks(),
      'integrations.deliveries': ({ incidentId }) =>
        part!.outbox.deliveries(incidentId).map((m) => ({
          id: m.id, channel: m.channel, summary: m.summary, status: m.status, attempts: m.attempts,
          lastError: m.lastError, queuedAt: m.queuedAt, sentAt: m.sentAt, nextAt: m.nextAt,
        })),
    },
    close: () => part!.close(),
  };
}
