/**
 * What PagerDuty knows that the cockpit must show, read every poll:
 *
 * - Who is on call now for the configured escalation policy (`GET
 *   /oncalls?escalation_policy_ids[]=…&earliest=true`): level 1 is the
 *   primary, level 2 the secondary, and the end of the primary's on-call is
 *   the handoff. PagerDuty is the schedule's source of truth. The level 1
 *   on-call of the minute after the handoff (`since`/`until`) is the
 *   incoming engineer the handoff note goes to.
 * - The state of each PagerDuty incident a cockpit incident is linked to
 *   (`GET /incidents/{id}`): acknowledged on a phone, or resolved there,
 *   shows here after one poll.
 *
 * A failed read keeps the last answer and says why (401, 429, 5xx, offline).
 */
import type { Clock } from '../clock.js';
import type { Timers } from '../hft/timers.js';
import { pagerDutyRest, type PagerDutyConfig, type PagerDutyIncident } from './pagerduty.js';
import type { HttpClient } from './http.js';
import { createReadLoop, type ReadLoop, type ReadStatus } from './read-loop.js';

/** How often PagerDuty is read, ms: well inside its REST rate limit (960 a minute per key). */
export const PAGERDUTY_POLL_MS = 15_000;
const BACKOFF_CAP_MS = 120_000;
/** The incoming primary is read this long after the handoff, ms: past the outgoing on-call's end, which PagerDuty's range includes. */
const INCOMING_PROBE_OFFSET_MS = 1_000;

export interface OnCallNow {
  primary: string | null;
  secondary: string | null;
  /** PagerDuty user ids of the two, for a reassignment. */
  primaryId: string | null;
  secondaryId: string | null;
  /** ISO time the primary's on-call ends. */
  handoffAt: string | null;
  /** Who is primary once the current primary's on-call ends (the incoming engineer of the handoff), when PagerDuty says. */
  incoming: string | null;
  /** Epoch ms of the read. */
  readAt: number;
}

export interface PagerDutyChange {
  incidentId: string;
  status: PagerDutyIncident['status'];
  /** Who made the change in PagerDuty. */
  by: string;
}

export interface PagerDutySyncStatus extends ReadStatus {
  onCall: OnCallNow | null;
}

export interface PagerDutySyncOptions {
  config: () => PagerDutyConfig | null;
  http: HttpClient;
  clock: Clock;
  timers: Timers;
  intervalMs?: number;
  /** Cockpit incidents paged to PagerDuty and still open here, with the PagerDuty incident when known. */
  linked: () => { incidentId: string; dedupKey: string; pagerDutyId: string | undefined }[];
  apply: (changes: PagerDutyChange[]) => Promise<void>;
  onStatus?: () => void;
  random?: () => number;
}

export interface PagerDutySync extends Omit<ReadLoop, 'status'> {
  status(): PagerDutySyncStatus;
}

type Oncall = { escalation_level?: number; end?: string | null; user?: { id?: string; summary?: string } };

export function createPagerDutySync(o: PagerDutySyncOptions): PagerDutySync {
  const rest = pagerDutyRest(o.http, o.clock);
  let onCall: OnCallNow | null = null;

  const json = async (c: PagerDutyConfig, path: string, query: [string, string][] = []): Promise<unknown> => {
    const result = await rest.get(c, path, query);
    const outcome = rest.outcome(result);
    if (!outcome.ok || !result.ok) throw new Error(outcome.ok ? 'no answer' : outcome.reason);
    return result.answer.json;
  };

  /** The primary of the minute after `handoffAt` (ISO): the engineer the shift goes to. Null when none is scheduled or the time is not one. */
  const incomingAfter = async (c: PagerDutyConfig, policyId: string, handoffAt: string): Promise<string | null> => {
    const from = Date.parse(handoffAt);
    if (!Number.isFinite(from)) return null;
    const body = (await json(c, 'oncalls', [
      ['escalation_policy_ids[]', policyId], ['earliest', 'true'], ['time_zone', 'UTC'],
      ['since', new Date(from + INCOMING_PROBE_OFFSET_MS).toISOString()], ['until', new Date(from + INCOMING_PROBE_OFFSET_MS + 60_000).toISOString()],
    ])) as { oncalls?: Oncall[] };
    return (body.oncalls ?? []).find((x) => x.escalation_level === 1)?.user?.summary ?? null;
  };

  /** PagerDuty incidents found by dedup key, for cockpit incidents that only sent the trigger so far. */
  const found = new Map<string, string>();
  const findByKey = async (c: PagerDutyConfig, dedupKey: string): Promise<string | undefined> => {
    const body = (await json(c, 'incidents', [['incident_key', dedupKey], ['date_range', 'all']])) as { incidents?: PagerDutyIncident[] };
    return body.incidents?.[0]?.id;
  };

  const loop = createReadLoop({
    clock: o.clock,
    timers: o.timers,
    intervalMs: o.intervalMs ?? PAGERDUTY_POLL_MS,
    capMs: BACKOFF_CAP_MS,
    ...(o.onStatus ? { onStatus: o.onStatus } : {}),
    ...(o.random ? { random: o.random } : {}),
    async read() {
      const c = o.config();
      if (!c) return false;
      if (c.escalationPolicyId) {
        const body = (await json(c, 'oncalls', [['escalation_policy_ids[]', c.escalationPolicyId], ['earliest', 'true'], ['time_zone', 'UTC']])) as { oncalls?: Oncall[] };
        const at = (level: number) => (body.oncalls ?? []).find((x) => x.escalation_level === level);
        const handoffAt = at(1)?.end ?? null;
        onCall = {
          primary: at(1)?.user?.summary ?? null, secondary: at(2)?.user?.summary ?? null,
          primaryId: at(1)?.user?.id ?? null, secondaryId: at(2)?.user?.id ?? null,
          handoffAt, incoming: handoffAt ? await incomingAfter(c, c.escalationPolicyId, handoffAt) : null, readAt: o.clock.now(),
        };
      }
      const changes: PagerDutyChange[] = [];
      for (const { incidentId, dedupKey, pagerDutyId: known } of o.linked()) {
        const pagerDutyId = known ?? found.get(dedupKey) ?? (await findByKey(c, dedupKey));
        if (!pagerDutyId) continue;
        found.set(dedupKey, pagerDutyId);
        const body = (await json(c, `incidents/${encodeURIComponent(pagerDutyId)}`)) as { incident?: PagerDutyIncident };
        const pd = body.incident;
        if (!pd || pd.status === 'triggered') continue;
        const by = pd.last_status_change_by?.summary ?? pd.acknowledgements?.at(-1)?.acknowledger?.summary ?? 'someone';
        changes.push({ incidentId, status: pd.status, by });
      }
      if (changes.length > 0) await o.apply(changes);
      return true;
    },
  });
  return { ...loop, status: () => ({ ...loop.status(), onCall }) };
}
