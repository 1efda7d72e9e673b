/**
 * PagerDuty, Slack, the status page and Alertmanager as they cross the host
 * boundary: each integration's settings (never its token, which goes
 * straight to the secret store and never comes back), its state for the
 * header, and what the outbox holds for one incident.
 */
import { z } from 'zod';
import { CHANNELS } from '../core/outbox/model.js';

export const IntegrationChannel = z.enum(CHANNELS);
export type IntegrationChannel = z.infer<typeof IntegrationChannel>;

const Name = z.string().trim().min(1).max(200);
const HttpUrl = z.string().url().max(500).refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL');

/**
 * Not strict: the Events API integration key is a secret (anyone holding it
 * can page the service) and lives in the secret store beside the REST key;
 * one left in an older file is dropped on reading, never shown.
 */
export const PagerDutySettings = z.object({
  fromEmail: z.string().email().max(200),
  escalationPolicyId: Name.nullable(),
});
export const SlackSettings = z.object({
  /** `bot`: chat.postMessage with a bot token, one thread per incident. `webhook`: an incoming webhook (its URL is the secret), one channel, no threads. */
  mode: z.enum(['bot', 'webhook']).default('bot'),
  incidentChannel: Name,
  routineChannel: Name,
}).strict();
export const StatuspageSettings = z.object({ pageId: Name, components: z.record(z.string(), Name) }).strict();
export const AlertmanagerSettings = z.object({
  url: HttpUrl,
  /** Post the cockpit's own alerts to Alertmanager too, so the team's routing sees them (off: Alertmanager is only read). */
  postOwnAlerts: z.boolean().default(false),
}).strict();

/** What is saved in `<dataDir>/integrations.json`; an integration absent here is off. */
export const IntegrationSettings = z.object({
  pagerduty: PagerDutySettings.nullable(),
  slack: SlackSettings.nullable(),
  statuspage: StatuspageSettings.nullable(),
  alertmanager: AlertmanagerSettings.nullable(),
  /** Epoch ms each was turned on: messages are owed for what happened since. */
  enabledAt: z.partialRecord(IntegrationChannel, z.number()),
}).strict();
export type IntegrationSettings = z.infer<typeof IntegrationSettings>;

export const IntegrationConfigureRequest = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('pagerduty'), settings: PagerDutySettings.strict().nullable(), token: z.string().min(1).max(500).optional(),
    /** The Events API v2 integration key of the service the cockpit pages; kept with the token. */
    routingKey: z.string().trim().min(1).max(200).optional(),
  }).strict(),
  z.object({ channel: z.literal('slack'), settings: SlackSettings.nullable(), token: z.string().min(1).max(500).optional() }).strict(),
  z.object({ channel: z.literal('statuspage'), settings: StatuspageSettings.nullable(), token: z.string().min(1).max(500).optional() }).strict(),
  z.object({ channel: z.literal('alertmanager'), settings: AlertmanagerSettings.nullable() }).strict(),
]);
export type IntegrationConfigureRequest = z.infer<typeof IntegrationConfigureRequest>;

export const IntegrationState = z.object({
  channel: IntegrationChannel,
  label: z.string(),
  /** Settings saved and, where one is needed, a token in the secret store. */
  configured: z.boolean(),
  /** Settings saved but the token (or PagerDuty's integration key) is missing (asked again after a restart where the host cannot keep secrets). */
  needsToken: z.boolean(),
  queued: z.number().int().nonnegative(),
  /** Epoch ms since sending or reading has failed; null while it works. */
  failingSince: z.number().nullable(),
  reason: z.string().nullable(),
  lastOkAt: z.number().nullable(),
  failedForGood: z.number().int().nonnegative(),
});
export type IntegrationState = z.infer<typeof IntegrationState>;

export const OnCallNow = z.object({
  primary: z.string().nullable(),
  secondary: z.string().nullable(),
  primaryId: z.string().nullable(),
  secondaryId: z.string().nullable(),
  handoffAt: z.string().nullable(),
  /** The primary after the handoff: who the handoff note goes to. */
  incoming: z.string().nullable(),
  readAt: z.number(),
});

export const IntegrationsView = z.object({
  states: z.array(IntegrationState),
  settings: IntegrationSettings,
  /** Who PagerDuty says is on call, when an escalation policy is set. */
  onCall: OnCallNow.nullable(),
});
export type IntegrationsView = z.infer<typeof IntegrationsView>;

export const Delivery = z.object({
  id: z.string(),
  channel: IntegrationChannel,
  summary: z.string(),
  status: z.enum(['queued', 'sending', 'uncertain', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  queuedAt: z.number(),
  sentAt: z.number().nullable(),
  nextAt: z.number().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

const Empty = z.object({}).strict();
const IncidentRef = z.object({ incidentId: z.string().min(1).max(40) }).strict();

export const PagerDutyOpenIncident = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['triggered', 'acknowledged']),
  url: z.string().nullable(),
});
export type PagerDutyOpenIncident = z.infer<typeof PagerDutyOpenIncident>;

export const integrationsCalls = {
  'integrations.view': { request: Empty, response: IntegrationsView },
  /** Saves one integration's settings (null turns it off) and its token into the secret store. */
  'integrations.configure': { request: IntegrationConfigureRequest, response: IntegrationsView },
  /** What the outbox sent, holds or gave up on for one incident, oldest first. */
  'integrations.deliveries': { request: z.object({ incidentId: z.string().min(1).max(40) }).strict(), response: z.array(Delivery) },
  /**
   * Queues the handoff note, as the host builds it from the saved draft, for Slack's routine channel.
   * `queued` is false when this very note is already queued or sent (a second press posts nothing).
   */
  'integrations.postHandoff': { request: Empty, response: z.object({ queued: z.boolean(), to: z.string() }) },
  /** The incidents open in PagerDuty now, read on the call, to link a cockpit incident to one. */
  'integrations.pagerdutyOpen': { request: Empty, response: z.array(PagerDutyOpenIncident) },
  /** The PagerDuty incident this cockpit incident is linked to (paged, or picked), or null. */
  'integrations.pagerdutyLinked': { request: IncidentRef, response: z.object({ pagerDutyId: z.string().nullable() }) },
  /** Links the cockpit incident to a PagerDuty incident picked from the open ones: its acknowledgement, notes and resolve go there. */
  'integrations.pagerdutyLink': { request: IncidentRef.extend({ pagerDutyId: z.string().trim().min(1).max(40) }).strict(), response: z.object({ pagerDutyId: z.string() }) },
  /** Reassigns the linked PagerDuty incident to whoever PagerDuty has on call as primary or secondary. */
  'integrations.pagerdutyReassign': { request: IncidentRef.extend({ to: z.enum(['primary', 'secondary']) }).strict(), response: z.object({ assignee: z.string() }) },
} as const;

export const integrationsEvents = {
  'integrations.changed': IntegrationsView,
} as const;
