/**
 * The one typed API between the renderer and its host (Electron IPC or the
 * browser host's WebSocket). Every call and event is listed here with its
 * schemas, grouped by domain; hosts validate every request against these
 * before a handler sees it, and answer with a Result.
 */
import { z } from 'zod';
import { AppInfo, Settings } from './app.js';
import { ExportedFile, IncidentActRequest, IncidentGatherRequest, IncidentTrend, IncidentAlert, IncidentOpenRequest, IncidentsDelta, IncidentsLinkView, Incident, Playbook, PlaybookImportRequest, TimelinePage, TimelinePageRequest } from './incidents.js';
import { LiveDelta, LiveLinkSnapshot, RiskHistory } from './live.js';
import { killswitchCalls } from './killswitch.js';
import { terminalCalls, terminalEvents } from './terminal.js';
import { checksCalls, checksEvents } from './checks.js';
import { docsCalls } from './docs.js';
import { integrationsCalls, integrationsEvents } from './integrations.js';
import { changesCalls, changesEvents } from './changes.js';
import { drillCalls, drillEvents } from './drill.js';

const Empty = z.object({}).strict();

export const calls = {
  'app.info': { request: Empty, response: AppInfo },
  'live.snapshot': { request: Empty, response: LiveLinkSnapshot },
  'live.history': { request: Empty, response: RiskHistory },
  'settings.get': { request: Empty, response: Settings },
  'settings.update': { request: Settings.partial().strict(), response: Settings },
  'incidents.list': { request: Empty, response: IncidentsLinkView },
  'incidents.timeline': { request: TimelinePageRequest, response: TimelinePage },
  'incidents.open': { request: IncidentOpenRequest, response: Incident },
  'incidents.act': { request: IncidentActRequest, response: Incident },
  /** Takes as long as the commands do, within core/incidents/gather.ts's bounds (30 s); answers the incident with the output on its timeline. */
  'incidents.gather': { request: IncidentGatherRequest, response: Incident },
  /** Every incident the host keeps, not only the recent ones the list shows: counted, never listed. */
  'incidents.trend': { request: Empty, response: IncidentTrend },
  'incidents.export': { request: z.object({ incidentId: z.string().min(1).max(40) }).strict(), response: ExportedFile },
  'playbook.get': { request: Empty, response: Playbook },
  /** A broken file answers invalid_request naming the field; the playbook in force stays. */
  'playbook.import': { request: PlaybookImportRequest, response: Playbook },
  'playbook.export': { request: Empty, response: ExportedFile },
  ...terminalCalls,
  ...killswitchCalls,
  ...checksCalls,
  ...docsCalls,
  ...integrationsCalls,
  ...changesCalls,
  ...drillCalls,
} as const;

export const events = {
  'live.update': LiveDelta,
  'incidents.changed': IncidentsDelta,
  'incidents.alert': IncidentAlert,
  ...terminalEvents,
  ...checksEvents,
  ...integrationsEvents,
  ...changesEvents,
  ...drillEvents,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallRequest<C extends CallName> = z.input<Calls[C]['request']>;
export type CallResponse<C extends CallName> = z.infer<Calls[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.hasOwn(calls, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

export * from './app.js';
export * from './live.js';
export * from './result.js';
export * from './incidents.js';
export * from './terminal.js';
export * from './killswitch.js';
export * from './checks.js';
export * from './docs.js';
export * from './integrations.js';
export * from './changes.js';
export * from './drill.js';
