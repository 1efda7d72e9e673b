/**
 * The public status page through Atlassian Statuspage's REST API
 * (developer.statuspage.io), for SEV1 and SEV2 only:
 *
 * - The first status update creates the page's incident (`POST
 *   /pages/{page_id}/incidents`), remembered as `statuspage.incident:<id>`;
 *   later ones update it (`PATCH .../incidents/{incident_id}`) with the
 *   update's words as `body`; resolving sets `status: resolved`.
 * - The component the scenario names (settings: scenario → component id)
 *   goes to major_outage (SEV1) or partial_outage (SEV2), and back to
 *   operational on resolve, in the same call (`components`).
 * - Auth: `Authorization: OAuth <api key>`. The API allows about one
 *   request a second and answers 420 or 429 past it.
 * - Creating is not idempotent: after a crash the unresolved incidents are
 *   read back (by name and update text) before one is created again; an
 *   update is looked for in the incident's `incident_updates`.
 */
import type { OutboxMessage } from '../../core/outbox/model.js';
import type { StatuspagePayload } from '../../core/outbox/plan.js';
import type { Clock } from '../clock.js';
import type { ChannelTransport, DeliveredCheck, RefLookup } from '../outbox/outbox.js';
import { joinUrl, outcomeOf, type HttpClient, type HttpResult } from './http.js';

export const STATUSPAGE_DEFAULT_URL = 'https://api.statuspage.io/v1';

export interface StatuspageConfig {
  baseUrl: string;
  token: string;
  pageId: string;
  /** Component id per playbook scenario. */
  components: Record<string, string>;
}

interface PageIncident {
  id: string;
  name: string;
  status: string;
  incident_updates?: { body?: string; status?: string }[];
}

export const statuspageIncidentRef = (incidentId: string) => `statuspage.incident:${incidentId}`;

export function statuspageTransport(config: () => StatuspageConfig | null, http: HttpClient, clock: Clock): ChannelTransport {
  const call = (c: StatuspageConfig, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<HttpResult> =>
    http({ method, url: joinUrl(c.baseUrl, `pages/${encodeURIComponent(c.pageId)}/${path}`), headers: { Authorization: `OAuth ${c.token}` }, ...(body ? { body } : {}) });
  const outcome = (result: HttpResult) => {
    // Statuspage's own rate-limit answer is 420 ("Enhance Your Calm"): the same as a 429.
    const normal = result.ok && result.answer.status === 420 ? { ok: true as const, answer: { ...result.answer, status: 429 } } : result;
    return outcomeOf(normal, 'Statuspage', clock.now(), (a) => String((a.json as { error?: string } | null)?.error ?? ''));
  };
  const fields = (c: StatuspageConfig, p: StatuspagePayload) => {
    const component = p.scenario ? c.components[p.scenario] : undefined;
    return { status: p.status, body: p.body, ...(component ? { component_ids: [component], components: { [component]: p.componentStatus } } : {}) };
  };
  const pageIncidentOf = (m: OutboxMessage, refs: RefLookup) => (m.incidentId ? refs(statuspageIncidentRef(m.incidentId)) : undefined);

  return {
    configured: () => config() !== null,
    async send(m, refs) {
      const c = config();
      if (!c) return { ok: false, retry: true, reason: 'Statuspage is not set up' };
      const p = m.payload as StatuspagePayload;
      const existing = pageIncidentOf(m, refs);
      if (existing) return outcome(await call(c, 'PATCH', `incidents/${encodeURIComponent(existing)}`, { incident: fields(c, p) }));
      // A resolve with no page incident: nothing was ever shown publicly.
      if (p.status === 'resolved') return { ok: true };
      const result = await call(c, 'POST', 'incidents', { incident: { name: p.name, ...fields(c, p) } });
      const verdict = outcome(result);
      if (!verdict.ok || !result.ok) return verdict;
      const id = String((result.answer.json as { id?: string }).id ?? '');
      return { ok: true, refs: m.incidentId && id ? { [statuspageIncidentRef(m.incidentId)]: id } : {} };
    },
    async findDelivered(m, refs): Promise<DeliveredCheck> {
      const c = config();
      if (!c) return { unknown: 'Statuspage is not set up' };
      const p = m.payload as StatuspagePayload;
      const existing = pageIncidentOf(m, refs);
      const result = await call(c, 'GET', existing ? `incidents/${encodeURIComponent(existing)}` : 'incidents/unresolved');
      const verdict = outcome(result);
      if (!verdict.ok || !result.ok) return { unknown: verdict.ok ? 'no answer' : verdict.reason };
      const candidates = (existing ? [result.answer.json] : (result.answer.json as unknown[])) as PageIncident[];
      const hit = candidates.find((i) => (existing || i.name === p.name) && (i.incident_updates ?? []).some((u) => u.body === p.body && u.status === p.status));
      if (!hit) return { found: false };
      return { found: true, refs: !existing && m.incidentId ? { [statuspageIncidentRef(m.incidentId)]: hit.id } : {} };
    },
  };
}
