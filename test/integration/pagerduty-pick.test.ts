/**
 * Linking a cockpit incident to one already open in PagerDuty, and handing
 * it to whoever PagerDuty has on call, through the integrations host
 * against the PagerDuty fake: the open incidents listed, the pick
 * remembered so the acknowledgement and notes go to the picked incident as
 * the configured user, the cockpit's own page merged into the pick, the
 * reassignment sent as `assignments` with the on-call user's id, and both
 * written on the cockpit's timeline.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationsHost, type IntegrationsHost } from '../../src/host/integrations/integrations-host.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { memorySecretStore } from '../../src/services/checks/secret-store.js';
import { systemClock } from '../../src/services/clock.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsService } from '../../src/services/incidents/index.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty.js';

const ANA = { id: 'PUANA01', name: 'Ana Ortiz', email: 'ana@company.com' };
const BO = { id: 'PUBO002', name: 'Bo Lindqvist', email: 'bo@company.com' };

let pd: PagerDutyFake;
let dir: string;
let audit: AuditLog;
let incidents: IncidentsService;
let host: IntegrationsHost;

beforeAll(async () => {
  pd = await startPagerDutyFake({ token: 'pd-rest-key', routingKey: 'R0UT1NGKEY', users: [ANA, BO], policyId: 'PPOLICY' });
  pd.oncalls = [
    { level: 1, user: ANA, end: '2026-12-04T17:00:00Z' },
    { level: 2, user: BO, end: '2026-12-04T17:00:00Z' },
  ];
  dir = await mkdtemp(join(tmpdir(), 'pd-pick-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  incidents = await openIncidentsService({ dataDir: dir, audit, operator: () => 'ana', timeZone: () => 'UTC', log: () => {} });
  host = await createIntegrationsHost({
    dataDir: dir, audit, incidents, clock: systemClock, timers: systemTimers, http: fetchHttpClient(), secretStore: memorySecretStore(),
    urls: { pagerduty: pd.url }, emit: () => {}, log: () => {},
  });
  await host.handlers['integrations.configure']({
    channel: 'pagerduty', token: 'pd-rest-key', routingKey: 'R0UT1NGKEY', settings: { fromEmail: ANA.email, escalationPolicyId: 'PPOLICY' },
  });
  await host.part.pagerduty.readNow();
});
afterAll(async () => {
  await host?.close();
  await incidents?.close();
  await audit?.close();
  await pd?.close();
  await rm(dir, { recursive: true, force: true });
});

const settle = async () => {
  await host.part.plan();
  await host.part.outbox.idle();
};

describe('PagerDuty secrets', () => {
  it('keeps the REST key and the integration key out of the view and of integrations.json', async () => {
    const view = JSON.stringify(host.view());
    expect(view).not.toContain('R0UT1NGKEY');
    expect(view).not.toContain('pd-rest-key');
    const file = await readFile(join(dir, 'integrations.json'), 'utf8');
    expect(file).toContain(ANA.email);
    expect(file).not.toContain('R0UT1NGKEY');
    expect(file).not.toContain('pd-rest-key');
    expect(host.view().states.find((s) => s.channel === 'pagerduty')).toMatchObject({ configured: true, needsToken: false });
  });
});

describe('PagerDuty: pick and reassign', () => {
  it('lists the open PagerDuty incidents and sends the acknowledgement to the one picked', async () => {
    const elsewhere = pd.openElsewhere('Kraken order gateway timeouts (from Prometheus)');
    const { id } = await incidents.open({ title: 'Exchange disconnected: kraken', severity: 'SEV2' });
    await settle();
    const open = await host.handlers['integrations.pagerdutyOpen']();
    expect(open.map((i) => i.id)).toContain(elsewhere.id);
    expect(open.find((i) => i.id === elsewhere.id)).toMatchObject({ title: elsewhere.title, status: 'triggered' });

    // The cockpit paged on its own first: that incident is merged into the pick, so one incident pages, not two.
    const mine = pd.incidents.find((i) => i.title === 'SEV2 Exchange disconnected: kraken')!;
    expect(mine.status).toBe('triggered');

    await host.handlers['integrations.pagerdutyLink']({ incidentId: id, pagerDutyId: elsewhere.id });
    expect(host.handlers['integrations.pagerdutyLinked']({ incidentId: id })).toEqual({ pagerDutyId: elsewhere.id });
    expect(mine.status).toBe('resolved');
    expect(mine.log).toContainEqual({ what: `merged into ${elsewhere.id}`, by: ANA.email });
    const merge = pd.writes().find((r) => r.path === `/incidents/${elsewhere.id}/merge`)!;
    expect(merge).toMatchObject({ method: 'PUT', body: { source_incidents: [{ id: mine.id, type: 'incident_reference' }] } });
    await incidents.act({ incidentId: id, action: { type: 'acknowledge' } });
    await settle();
    expect(elsewhere.status).toBe('acknowledged');
    expect(elsewhere.log).toContainEqual({ what: 'acknowledged', by: ANA.email });
    const said = `Linked to PagerDuty incident ${elsewhere.id}. The cockpit's own page there (${mine.id}) was merged into it.`;
    expect(elsewhere.notes.map((n) => n.content)).toContain(said);
    const timeline = incidents.state().incidents.find((i) => i.id === id)!.timeline.map((e) => e.text);
    expect(timeline).toContain(said);
    // Picked again (another engineer's second thought): nothing left to merge, and the note does not claim it.
    await host.handlers['integrations.pagerdutyLink']({ incidentId: id, pagerDutyId: elsewhere.id });
    expect(pd.writes().filter((r) => r.path.endsWith('/merge'))).toHaveLength(1);
    expect(incidents.state().incidents.find((i) => i.id === id)!.timeline.at(-1)!.text).toBe(`Linked to PagerDuty incident ${elsewhere.id}.`);
  });

  it('merges nothing when the pick is the cockpit\'s own PagerDuty incident', async () => {
    const { id } = await incidents.open({ title: 'Order rejects rising: okx', severity: 'SEV2' });
    await settle();
    const mine = pd.incidents.find((i) => i.title === 'SEV2 Order rejects rising: okx')!;
    const merges = pd.writes().filter((r) => r.path.endsWith('/merge')).length;
    await host.handlers['integrations.pagerdutyLink']({ incidentId: id, pagerDutyId: mine.id });
    expect(pd.writes().filter((r) => r.path.endsWith('/merge'))).toHaveLength(merges);
    expect(mine.status).toBe('triggered');
    expect(incidents.state().incidents.find((i) => i.id === id)!.timeline.at(-1)!.text).toBe(`Linked to PagerDuty incident ${mine.id}.`);
  });

  it('reassigns the linked incident to the secondary PagerDuty has on call, by user id, and says so on the timeline', async () => {
    const { id } = await incidents.open({ title: 'Disk space low: hft-prod-02', severity: 'SEV3' });
    await settle();
    const mine = pd.incidents.find((i) => i.title.includes('hft-prod-02'))!;
    expect(await host.handlers['integrations.pagerdutyReassign']({ incidentId: id, to: 'secondary' })).toEqual({ assignee: BO.name });
    await settle();
    expect(mine.assignees).toEqual([BO.id]);
    expect(mine.log).toContainEqual({ what: `assigned to ${BO.id}`, by: ANA.email });
    const put = pd.writes().filter((r) => r.method === 'PUT' && r.path === `/incidents/${mine.id}`).at(-1)!;
    expect(put.body).toEqual({ incident: { type: 'incident_reference', assignments: [{ assignee: { id: BO.id, type: 'user_reference' } }] } });
    expect(incidents.state().incidents.find((i) => i.id === id)!.timeline.map((e) => e.text)).toContain(`Reassigned in PagerDuty to ${BO.name} (secondary on call).`);
  });

  it('refuses to link or reassign a resolved incident', async () => {
    const { id } = await incidents.open({ title: 'High latency', severity: 'SEV3' });
    await incidents.act({ incidentId: id, action: { type: 'resolve', note: 'Transient.', finalUpdate: { text: 'Resolved: latency back to normal.' } } });
    await expect(host.handlers['integrations.pagerdutyLink']({ incidentId: id, pagerDutyId: 'P1' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(host.handlers['integrations.pagerdutyReassign']({ incidentId: id, to: 'primary' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
