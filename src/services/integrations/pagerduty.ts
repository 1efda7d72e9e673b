/**
 * PagerDuty, both of its public APIs (developer.pagerduty.com):
 *
 * - Events API v2 (`POST {events}/v2/enqueue`, routing key in the body):
 *   the page. `dedup_key` is the cockpit's incident (pagerDutyDedupKey), so
 *   a repeat after a crash lands on the same PagerDuty incident, never a
 *   second one. Answers 202 `{status: "success", dedup_key}`; 400 for an
 *   invalid event; 429 when the integration key is over its rate.
 * - REST API v2 (`Authorization: Token token=<key>`, `Accept:
 *   application/vnd.pagerduty+json;version=2`, and `From: <email>` on every
 *   write, naming the PagerDuty user the change is made as): the cockpit
 *   incident's PagerDuty incident is found by its dedup key (`GET
 *   /incidents?incident_key=`), or picked by the engineer from the open
 *   ones (a `link` message), remembered in the outbox as
 *   `pagerduty.incident:<id>`; acknowledge, resolve, escalate and reassign
 *   (`assignments`) are `PUT /incidents/{id}` (setting a state: a repeat
 *   is harmless), notes `POST
 *   /incidents/{id}/notes` (not idempotent: after a crash the notes are read
 *   back before one is posted again).
 * - 401 is a token PagerDuty refuses; 429 carries Retry-After (or
 *   ratelimit-reset); 5xx is passing. Errors come as `{error: {message, code, errors}}`.
 */
import type { OutboxMessage } from '../../core/outbox/model.js';
import type { PagerDutyPayload } from '../../core/outbox/plan.js';
import type { Clock } from '../clock.js';
import type { ChannelTransport, DeliveredCheck, RefLookup, SendOutcome } from '../outbox/outbox.js';
import { joinUrl, outcomeOf, retryAfterMs, type HttpAnswer, type HttpClient, type HttpResult } from './http.js';

export const PAGERDUTY_REST_URL = 'https://api.pagerduty.com';
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com';
const ACCEPT = 'application/vnd.pagerduty+json;version=2';

export interface PagerDutyConfig {
  restUrl: string;
  eventsUrl: string;
  /** REST API key. */
  token: string;
  /** Events API v2 integration key of the service the cockpit pages. */
  routingKey: string;
  /** The PagerDuty login (email) of the engineer at this cockpit: the `From` of every write. */
  fromEmail: string;
  /** Whose on-call drives the shift panel. */
  escalationPolicyId: string | null;
}

export interface PagerDutyIncident {
  id: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  incident_key?: string | null;
  html_url?: string;
  last_status_change_by?: { summary?: string } | null;
  acknowledgements?: { acknowledger?: { summary?: string } }[];
}

export const pagerDutyIncidentRef = (incidentId: string) => `pagerduty.incident:${incidentId}`;
/** The cockpit's own PagerDuty incident for a cockpit incident, once merged into the one the engineer picked. */
export const pagerDutyMergedRef = (incidentId: string) => `pagerduty.merged:${incidentId}`;

const errorDetail = (a: HttpAnswer): string => {
  const e = (a.json as { error?: { message?: string; errors?: string[] } } | null)?.error;
  if (!e) return '';
  return [e.message, ...(e.errors ?? [])].filter(Boolean).join(': ');
};

export interface PagerDutyRest {
  get(config: PagerDutyConfig, path: string, query?: [string, string][]): Promise<HttpResult>;
  write(config: PagerDutyConfig, method: 'PUT' | 'POST', path: string, body: unknown): Promise<HttpResult>;
  /** The SendOutcome of an answer, with 429's Retry-After or ratelimit-reset. */
  outcome(result: HttpResult): SendOutcome;
}

export function pagerDutyRest(http: HttpClient, clock: Clock): PagerDutyRest {
  const auth = (c: PagerDutyConfig) => ({ Authorization: `Token token=${c.token}`, Accept: ACCEPT });
  return {
    get: (c, path, query = []) =>
      http({ method: 'GET', url: `${joinUrl(c.restUrl, path)}${query.length ? `?${new URLSearchParams(query)}` : ''}`, headers: auth(c) }),
    write: (c, method, path, body) => http({ method, url: joinUrl(c.restUrl, path), headers: { ...auth(c), From: c.fromEmail }, body }),
    outcome(result) {
      const outcome = outcomeOf(result, 'PagerDuty', clock.now(), errorDetail);
      // PagerDuty's REST limits also say when the window resets (seconds), where Retry-After is absent.
      if (!outcome.ok && outcome.retry && outcome.retryAfterMs === undefined && result.ok && result.answer.status === 429) {
        const reset = retryAfterMs(result.answer.header('ratelimit-reset'), clock.now());
        if (reset !== null) return { ...outcome, retryAfterMs: reset };
      }
      return outcome;
    },
  };
}

export interface PagerDutyOpenIncident {
  id: string;
  title: string;
  status: 'triggered' | 'acknowledged';
  url: string | null;
}

/** The incidents open in PagerDuty now (`GET /incidents?statuses[]=triggered&statuses[]=acknowledged`), newest first, for the engineer to pick from. */
export async function listOpenPagerDutyIncidents(http: HttpClient, clock: Clock, c: PagerDutyConfig): Promise<PagerDutyOpenIncident[]> {
  const rest = pagerDutyRest(http, clock);
  const result = await rest.get(c, 'incidents', [['statuses[]', 'triggered'], ['statuses[]', 'acknowledged'], ['sort_by', 'created_at:desc'], ['limit', '25']]);
  const outcome = rest.outcome(result);
  if (!outcome.ok || !result.ok) throw new Error(outcome.ok ? 'PagerDuty gave no answer' : outcome.reason);
  const found = ((result.answer.json as { incidents?: (PagerDutyIncident & { title?: string })[] } | null)?.incidents ?? []);
  return found
    .filter((i): i is typeof i & { status: 'triggered' | 'acknowledged' } => i.status === 'triggered' || i.status === 'acknowledged')
    .map((i) => ({ id: i.id, title: i.title ?? i.id, status: i.status, url: i.html_url ?? null }));
}

export function pagerDutyTransport(config: () => PagerDutyConfig | null, http: HttpClient, clock: Clock): ChannelTransport {
  const rest = pagerDutyRest(http, clock);

  /** The incident PagerDuty opened for the cockpit's page with this dedup key, or the outcome that says why there is none (yet). */
  const paged = async (c: PagerDutyConfig, dedupKey: string): Promise<PagerDutyIncident | SendOutcome> => {
    const result = await rest.get(c, 'incidents', [['incident_key', dedupKey], ['date_range', 'all']]);
    const outcome = rest.outcome(result);
    if (!outcome.ok || !result.ok) return outcome;
    const found = ((result.answer.json as { incidents?: PagerDutyIncident[] }).incidents ?? [])[0];
    // Events are processed asynchronously: the incident may not exist yet a moment after the trigger.
    return found ?? { ok: false, retry: true, reason: `PagerDuty has no incident for ${dedupKey} yet` };
  };

  /** The PagerDuty incident for the cockpit incident: remembered, else found by dedup key. */
  const linked = async (c: PagerDutyConfig, m: OutboxMessage, refs: RefLookup): Promise<{ id: string; refs: Record<string, string> } | SendOutcome> => {
    const known = m.incidentId ? refs(pagerDutyIncidentRef(m.incidentId)) : undefined;
    if (known) return { id: known, refs: {} };
    const found = await paged(c, (m.payload as PagerDutyPayload).dedupKey);
    if ('ok' in found) return found;
    return { id: found.id, refs: m.incidentId ? { [pagerDutyIncidentRef(m.incidentId)]: found.id } : {} };
  };

  const withRefs = (outcome: SendOutcome, refs: Record<string, string>): SendOutcome => (outcome.ok ? { ok: true, refs } : outcome);

  /**
   * After a pick, the page the cockpit itself sent would stay open beside
   * the picked incident and keep paging: it is merged into the pick
   * (`PUT /incidents/{picked}/merge`), PagerDuty's way of making two
   * incidents one. Nothing to do when PagerDuty opened none, when it is the
   * pick, or when it is already resolved (a repeat after a crash).
   */
  const mergeOwnPage = async (c: PagerDutyConfig, m: OutboxMessage, p: PagerDutyPayload): Promise<SendOutcome> => {
    // The page went out before this message (one lane, in order); PagerDuty opens its incident a moment later.
    const own = await paged(c, p.dedupKey);
    if ('ok' in own) return own;
    if (own.id === p.pagerDutyId || own.status === 'resolved') return { ok: true, refs: {} };
    const result = await rest.write(c, 'PUT', `incidents/${encodeURIComponent(p.pagerDutyId ?? '')}/merge`, {
      source_incidents: [{ id: own.id, type: 'incident_reference' }],
    });
    return withRefs(rest.outcome(result), m.incidentId ? { [pagerDutyMergedRef(m.incidentId)]: own.id } : {});
  };

  return {
    configured: () => config() !== null,
    async send(m, refs) {
      const c = config();
      if (!c) return { ok: false, retry: true, reason: 'PagerDuty is not set up' };
      const p = m.payload as PagerDutyPayload;
      if (p.action === 'trigger') {
        const result = await http({
          method: 'POST',
          url: joinUrl(c.eventsUrl, 'v2/enqueue'),
          body: {
            routing_key: c.routingKey, event_action: 'trigger', dedup_key: p.dedupKey,
            payload: { summary: p.summary, source: 'oncall-cockpit', severity: p.severity, custom_details: p.details },
          },
        });
        return outcomeOf(result, 'PagerDuty events', clock.now(), (a) => String((a.json as { message?: string } | null)?.message ?? ''));
      }
      // A pick is the engineer's, made against PagerDuty's own list: remembering it is the whole delivery.
      if (p.action === 'link') return { ok: true, refs: m.incidentId && p.pagerDutyId ? { [pagerDutyIncidentRef(m.incidentId)]: p.pagerDutyId } : {} };
      if (p.action === 'merge') return mergeOwnPage(c, m, p);
      const link = await linked(c, m, refs);
      if ('ok' in link) return link;
      const path = `incidents/${encodeURIComponent(link.id)}`;
      if (p.action === 'reassign') {
        const body = { incident: { type: 'incident_reference', assignments: [{ assignee: { id: p.assignee?.id, type: 'user_reference' } }] } };
        return withRefs(rest.outcome(await rest.write(c, 'PUT', path, body)), link.refs);
      }
      if (p.action === 'note') return withRefs(rest.outcome(await rest.write(c, 'POST', `${path}/notes`, { note: { content: p.note } })), link.refs);
      const change =
        p.action === 'escalate' ? { escalation_level: p.level }
        : { status: p.action === 'acknowledge' ? 'acknowledged' : 'resolved' };
      const result = await rest.write(c, 'PUT', path, { incident: { type: 'incident_reference', ...change } });
      // Acknowledging what is already resolved there is not worth holding the queue for.
      if (result.ok && result.answer.status === 400 && p.action === 'acknowledge' && /resolved/i.test(result.answer.text)) return { ok: true, refs: link.refs };
      return withRefs(rest.outcome(result), link.refs);
    },
    async findDelivered(m, refs): Promise<DeliveredCheck> {
      const p = m.payload as PagerDutyPayload;
      // Only notes add something each time; the rest set a state or share the dedup key.
      if (p.action !== 'note') return { found: false };
      const c = config();
      if (!c) return { unknown: 'PagerDuty is not set up' };
      const link = await linked(c, m, refs);
      if ('ok' in link) return link.ok ? { found: false } : { unknown: link.reason };
      const result = await rest.get(c, `incidents/${encodeURIComponent(link.id)}/notes`);
      const outcome = rest.outcome(result);
      if (!outcome.ok || !result.ok) return { unknown: outcome.ok ? 'no answer' : outcome.reason };
      const notes = ((result.answer.json as { notes?: { content?: string; created_at?: string }[] }).notes ?? []);
      const since = m.queuedAt - 60_000;
      const there = notes.some((n) => n.content === p.note && Date.parse(n.created_at ?? '') >= since);
      return there ? { found: true, refs: link.refs } : { found: false };
    },
  };
}
