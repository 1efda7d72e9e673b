/**
 * PagerDuty as far as the cockpit uses it, written from PagerDuty's public
 * API reference (developer.pagerduty.com): the Events API v2 and the REST
 * API v2 on one server (the cockpit's --pagerduty-url points both at it).
 *
 * Events API v2, `POST /v2/enqueue`: `routing_key` must be a known
 * integration key (else 400 `{status: "invalid event", message, errors}`);
 * a trigger needs `payload.summary`, `payload.source` and a `severity` of
 * critical/error/warning/info; answers 202 `{status: "success", message:
 * "Event processed", dedup_key}`. A trigger with the dedup key of an
 * unresolved incident adds to it instead of opening another.
 *
 * REST API v2: `Authorization: Token token=<key>` (else 401 `{error:
 * {message: "Unauthorized", code: 2006}}`); writes need `From: <email of a
 * user>` (else 400 code 2001 "Invalid Input Provided"). `GET /incidents`
 * (filter `incident_key`, `statuses[]`), `GET /incidents/{id}`, `PUT
 * /incidents/{id}` (`incident.status` acknowledged/resolved,
 * `incident.escalation_level`, `incident.assignments` of user_reference), `POST/GET /incidents/{id}/notes`, `PUT
 * /incidents/{id}/merge` (`source_incidents` of incident_reference: each
 * is resolved into the target and its alerts' dedup keys go with it;
 * a resolved or unknown source, or the target itself, is 400 "Arguments
 * Caused Error"), `GET
 * /oncalls` (`escalation_policy_ids[]`). 429 with Retry-After when a test
 * asks for it.
 */
import { startHttpFake, type FakeAnswer, type HttpFake, type ReceivedRequest } from './http-fake.js';

export interface FakePdUser {
  id: string;
  name: string;
  email: string;
}

export interface FakePdIncident {
  id: string;
  incident_key: string;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: string;
  escalation_level: number;
  last_status_change_by: { id: string; type: string; summary: string } | null;
  notes: { id: string; content: string; created_at: string; user: { summary: string } }[];
  /** User ids it is assigned to (`assignments` of a PUT). */
  assignees?: string[];
  /** Dedup keys of the incidents merged into this one: their later events land here. */
  mergedKeys?: string[];
  /** Every change, for the test: what, by whom (the From header's user). */
  log: { what: string; by: string }[];
}

export interface PagerDutyFake extends HttpFake {
  incidents: FakePdIncident[];
  /** On-call entries; `start` absent means it began before anything the test looks at. */
  oncalls: { level: number; user: FakePdUser; start?: string; end: string }[];
  /** Answer the next n REST calls with this status (429 carries Retry-After). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** An incident opened in PagerDuty by something else (another integration, a person), for the cockpit to pick. */
  openElsewhere(title: string): FakePdIncident;
  /** As if someone acknowledged on the PagerDuty phone app. */
  acknowledgeAs(incidentId: string, user: FakePdUser): void;
  /** Requests by kind, for assertions. */
  writes(): ReceivedRequest[];
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

export async function startPagerDutyFake(o: { token: string; routingKey: string; users: FakePdUser[]; policyId: string }): Promise<PagerDutyFake> {
  const incidents: FakePdIncident[] = [];
  let failing = { n: 0, status: 500, retryAfter: 0 };
  let next = 1;
  const userRef = (u: FakePdUser) => ({ id: u.id, type: 'user_reference', summary: u.name });
  const invalid = (...errors: string[]): FakeAnswer => ({ status: 400, body: { error: { message: 'Invalid Input Provided', code: 2001, errors } } });
  const shown = (i: FakePdIncident) => {
    const { notes: _n, log: _l, mergedKeys: _k, title, ...rest } = i;
    return { ...rest, type: 'incident', title, summary: `[#${i.id}] ${title}`, html_url: `https://example.pagerduty.com/incidents/${i.id}` };
  };

  const events = (req: ReceivedRequest): FakeAnswer => {
    const body = (req.body ?? {}) as { routing_key?: string; event_action?: string; dedup_key?: string; payload?: { summary?: string; source?: string; severity?: string } };
    const bad = (...errors: string[]): FakeAnswer => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });
    if (body.routing_key !== o.routingKey) return bad("'routing_key' is invalid");
    const key = body.dedup_key ?? `auto-${next}`;
    const open = incidents.find((i) => (i.incident_key === key || i.mergedKeys?.includes(key)) && i.status !== 'resolved');
    if (body.event_action === 'trigger') {
      const p = body.payload ?? {};
      if (!p.summary || !p.source || !SEVERITIES.includes(p.severity ?? '')) return bad("'payload' is invalid or missing summary, source or severity");
      if (!open) {
        incidents.push({
          id: `P${String(next++).padStart(6, '0')}`, incident_key: key, title: p.summary, status: 'triggered', urgency: 'high',
          escalation_level: 1, last_status_change_by: null, notes: [], log: [{ what: 'triggered', by: 'events api' }],
        });
      } else open.log.push({ what: 'deduplicated trigger', by: 'events api' });
    } else if (body.event_action === 'acknowledge' || body.event_action === 'resolve') {
      if (open) open.status = body.event_action === 'acknowledge' ? 'acknowledged' : 'resolved';
    } else return bad("'event_action' is invalid");
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: key } };
  };

  const mergeInto = (targetId: string, req: ReceivedRequest, from: FakePdUser): FakeAnswer => {
    const target = incidents.find((i) => i.id === targetId);
    if (!target) return { status: 404, body: { error: { message: 'Incident Not Found', code: 2100 } } };
    const refs = (req.body as { source_incidents?: { id?: string; type?: string }[] } | null)?.source_incidents ?? [];
    const sources = refs.map((r) => (r.type === 'incident_reference' ? incidents.find((i) => i.id === r.id) : undefined));
    if (sources.length === 0 || sources.some((s) => !s || s === target || s.status === 'resolved')) {
      return { status: 400, body: { error: { message: 'Arguments Caused Error', code: 2001, errors: ['Source incidents must be open incidents other than the target'] } } };
    }
    for (const source of sources as FakePdIncident[]) {
      source.status = 'resolved';
      source.log.push({ what: `merged into ${target.id}`, by: from.email });
      target.mergedKeys = [...(target.mergedKeys ?? []), source.incident_key];
      target.log.push({ what: `merged ${source.id}`, by: from.email });
    }
    return { status: 200, body: { incident: shown(target) } };
  };

  const rest = (req: ReceivedRequest): FakeAnswer => {
    if (req.headers.authorization !== `Token token=${o.token}`) return { status: 401, body: { error: { message: 'Unauthorized', code: 2006 } } };
    if (failing.n > 0) {
      failing.n--;
      return { status: failing.status, headers: failing.status === 429 ? { 'Retry-After': String(failing.retryAfter) } : {}, body: { error: { message: failing.status === 429 ? 'Rate Limit Exceeded' : 'Internal Server Error', code: 2000 } } };
    }
    const from = o.users.find((u) => u.email === req.headers.from);
    const write = req.method !== 'GET';
    if (write && !from) return invalid('Requester User Not Found');
    if (req.method === 'GET' && req.path === '/oncalls') {
      if (req.query.get('escalation_policy_ids[]') !== o.policyId) return { status: 200, body: { oncalls: [] } };
      // With since/until, the on-calls that overlap the range; without, the ones that have begun (PagerDuty's default range is now).
      const since = Date.parse(req.query.get('since') ?? '');
      const until = Date.parse(req.query.get('until') ?? '') || since;
      const begun = (c: { start?: string }, by: number) => c.start === undefined || Date.parse(c.start) <= by;
      const overlapping = fake.oncalls.filter((c) => (Number.isFinite(since) ? begun(c, until) && Date.parse(c.end) > since : begun(c, Date.now())));
      return {
        status: 200,
        body: { oncalls: overlapping.map((c) => ({ escalation_level: c.level, user: userRef(c.user), escalation_policy: { id: o.policyId }, start: c.start ?? null, end: c.end })) },
      };
    }
    if (req.method === 'GET' && req.path === '/incidents') {
      const key = req.query.get('incident_key');
      const statuses = req.query.getAll('statuses[]');
      const picked = incidents.filter((i) => (key === null || i.incident_key === key) && (statuses.length === 0 || statuses.includes(i.status)));
      return { status: 200, body: { incidents: picked.map(shown), limit: 25, offset: 0, more: false } };
    }
    const merge = /^\/incidents\/([^/]+)\/merge$/.exec(req.path);
    if (merge && req.method === 'PUT') return mergeInto(merge[1]!, req, from!);
    const m = /^\/incidents\/([^/]+)(\/notes)?$/.exec(req.path);
    const incident = m ? incidents.find((i) => i.id === m[1]) : undefined;
    if (!m) return { status: 404, body: { error: { message: 'Not Found', code: 2100 } } };
    if (!incident) return { status: 404, body: { error: { message: 'Incident Not Found', code: 2100 } } };
    if (m[2]) {
      if (req.method === 'GET') return { status: 200, body: { notes: incident.notes } };
      const content = (req.body as { note?: { content?: string } } | null)?.note?.content;
      if (!content) return invalid('Note content must not be empty');
      const note = { id: `N${next++}`, content, created_at: new Date().toISOString(), user: { summary: from!.name } };
      incident.notes.push(note);
      incident.log.push({ what: 'note', by: from!.email });
      return { status: 201, body: { note } };
    }
    if (req.method === 'GET') return { status: 200, body: { incident: shown(incident) } };
    if (req.method !== 'PUT') return { status: 405, body: { error: { message: 'Method Not Allowed', code: 2000 } } };
    const change = (req.body as { incident?: { type?: string; status?: string; escalation_level?: number; assignments?: { assignee?: { id?: string; type?: string } }[] } } | null)?.incident;
    if (change?.type !== 'incident_reference' && change?.type !== 'incident') return invalid('Incident type must be incident or incident_reference');
    if (change.status !== undefined) {
      if (!['acknowledged', 'resolved'].includes(change.status)) return invalid('Status is invalid');
      if (incident.status === 'resolved') return invalid('Incident Already Resolved');
      incident.status = change.status as FakePdIncident['status'];
      incident.last_status_change_by = userRef(from!);
      incident.log.push({ what: change.status, by: from!.email });
    }
    if (change.assignments !== undefined) {
      const ids = change.assignments.map((a) => (a.assignee?.type === 'user_reference' ? a.assignee.id : undefined));
      const users = ids.map((id) => o.users.find((u) => u.id === id));
      if (users.length === 0 || users.some((u) => !u)) return invalid('Assignee must be a known user_reference');
      incident.assignees = users.map((u) => u!.id);
      incident.log.push({ what: `assigned to ${incident.assignees.join(', ')}`, by: from!.email });
    }
    if (change.escalation_level !== undefined) {
      incident.escalation_level = change.escalation_level;
      incident.log.push({ what: `escalation level ${change.escalation_level}`, by: from!.email });
    }
    return { status: 200, body: { incident: shown(incident) } };
  };

  const fake = (await startHttpFake((req) => (req.path === '/v2/enqueue' ? events(req) : rest(req)))) as PagerDutyFake;
  fake.incidents = incidents;
  fake.oncalls = [];
  fake.failNext = (n, status, retryAfterSeconds = 0) => {
    failing = { n, status, retryAfter: retryAfterSeconds };
  };
  fake.acknowledgeAs = (id, user) => {
    const i = incidents.find((x) => x.id === id)!;
    i.status = 'acknowledged';
    i.last_status_change_by = userRef(user);
    i.log.push({ what: 'acknowledged', by: user.email });
  };
  fake.openElsewhere = (title) => {
    const incident: FakePdIncident = {
      id: `P${String(next++).padStart(6, '0')}`, incident_key: `elsewhere-${next}`, title, status: 'triggered', urgency: 'high',
      escalation_level: 1, last_status_change_by: null, notes: [], log: [{ what: 'triggered', by: 'another integration' }],
    };
    incidents.push(incident);
    return incident;
  };
  fake.writes = () => fake.received.filter((r) => r.method !== 'GET');
  return fake;
}
