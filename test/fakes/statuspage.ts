/**
 * Atlassian Statuspage's REST API as far as the cockpit uses it, written
 * from developer.statuspage.io: `POST /pages/{page_id}/incidents`, `PATCH
 * /pages/{page_id}/incidents/{incident_id}`, `GET .../incidents/unresolved`,
 * `GET .../incidents/{incident_id}`. Auth `Authorization: OAuth <key>`
 * (else 401 `{error: "Could not authenticate"}`); an unknown page is 404;
 * `status` must be investigating/identified/monitoring/resolved (else 422).
 * Each create or update adds an `incident_updates` entry (newest first) and
 * sets the named components' status.
 */
import { startHttpFake, type HttpFake } from './http-fake.js';

export interface FakePageIncident {
  id: string;
  name: string;
  status: string;
  incident_updates: { id: string; status: string; body: string; created_at: string }[];
}

export interface StatuspageFake extends HttpFake {
  incidents: FakePageIncident[];
  components: Record<string, string>;
}

const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'];
const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];

export async function startStatuspageFake(o: { token: string; pageId: string; components: string[] }): Promise<StatuspageFake> {
  const incidents: FakePageIncident[] = [];
  const components: Record<string, string> = Object.fromEntries(o.components.map((c) => [c, 'operational']));
  let next = 1;
  const fake = (await startHttpFake((req) => {
    if (req.headers.authorization !== `OAuth ${o.token}`) return { status: 401, body: { error: 'Could not authenticate' } };
    const m = /^\/pages\/([^/]+)\/incidents(?:\/([^/]+))?$/.exec(req.path);
    if (!m || m[1] !== o.pageId) return { status: 404, body: { error: 'Not found' } };
    const id = m[2];
    if (req.method === 'GET' && id === 'unresolved') return { status: 200, body: incidents.filter((i) => i.status !== 'resolved') };
    const found = id ? incidents.find((i) => i.id === id) : undefined;
    if (req.method === 'GET') return found ? { status: 200, body: found } : { status: 404, body: { error: 'Not found' } };
    const body = (req.body as { incident?: { name?: string; status?: string; body?: string; components?: Record<string, string> } } | null)?.incident ?? {};
    if (body.status !== undefined && !STATUSES.includes(body.status)) return { status: 422, body: { error: ['Status is not included in the list'] } };
    for (const [component, status] of Object.entries(body.components ?? {})) {
      if (!(component in components) || !COMPONENT_STATUSES.includes(status)) return { status: 422, body: { error: [`component ${component} or status ${status} is invalid`] } };
    }
    const update = (i: FakePageIncident) => {
      if (body.status) i.status = body.status;
      i.incident_updates.unshift({ id: `U${next++}`, status: i.status, body: body.body ?? '', created_at: new Date().toISOString() });
      Object.assign(components, body.components ?? {});
    };
    if (req.method === 'POST' && !id) {
      if (!body.name) return { status: 422, body: { error: ["Name can't be blank"] } };
      const created: FakePageIncident = { id: `sp${next++}`, name: body.name, status: body.status ?? 'investigating', incident_updates: [] };
      update(created);
      incidents.push(created);
      return { status: 201, body: created };
    }
    if (req.method === 'PATCH' && found) {
      update(found);
      return { status: 200, body: found };
    }
    return { status: 404, body: { error: 'Not found' } };
  })) as StatuspageFake;
  fake.incidents = incidents;
  fake.components = components;
  return fake;
}
