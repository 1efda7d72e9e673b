/**
 * PagerDuty against the project's fake (test/fakes/pagerduty.ts, from the
 * public API reference): the page through the Events API, acknowledge and
 * notes through the REST API as the configured user, an acknowledgement
 * made in PagerDuty shown in the cockpit after one read, who is on call,
 * and the answers that are not a success (429 with Retry-After, 401, 5xx).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationsPart, type IntegrationsPart } from '../../src/host/integrations/integrations-part.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsService } from '../../src/services/incidents/index.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import type { PagerDutyConfig } from '../../src/services/integrations/pagerduty.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty.js';

const ANA = { id: 'PUANA01', name: 'Ana Ortiz', email: 'ana@company.com' };
const BO = { id: 'PUBO002', name: 'Bo Lindqvist', email: 'bo@company.com' };

let pd: PagerDutyFake;
let dir: string;
let audit: AuditLog;
let incidents: IncidentsService;
let part: IntegrationsPart;
let config: PagerDutyConfig;

const settle = async () => {
  await part.plan();
  await part.outbox.idle();
};
const pdStatus = () => part.outbox.status().find((s) => s.channel === 'pagerduty')!;

beforeAll(async () => {
  pd = await startPagerDutyFake({ token: 'pd-rest-key', routingKey: 'R0UT1NGKEY', users: [ANA, BO], policyId: 'PPOLICY' });
  pd.oncalls = [
    { level: 1, user: ANA, end: '2026-12-04T17:00:00Z' },
    { level: 2, user: BO, end: '2026-12-04T17:00:00Z' },
  ];
  config = { restUrl: pd.url, eventsUrl: pd.url, token: 'pd-rest-key', routingKey: 'R0UT1NGKEY', fromEmail: ANA.email, escalationPolicyId: 'PPOLICY' };
  dir = await mkdtemp(join(tmpdir(), 'pd-cockpit-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  incidents = await openIncidentsService({ dataDir: dir, audit, operator: () => 'ana', timeZone: () => 'UTC', log: () => {} });
  part = await createIntegrationsPart({
    audit, incidents, clock: systemClock, timers: systemTimers, http: fetchHttpClient(), log: () => {},
    configs: () => ({ pagerduty: config, slack: null, statuspage: null, alertmanager: null, since: { pagerduty: 0 } }),
    pagerDutyPollMs: 3_600_000,
  });
});
afterAll(async () => {
  await part?.close();
  await incidents?.close();
  await audit?.close();
  await pd?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('PagerDuty', () => {
  it('pages through the Events API, then acknowledges and adds notes as the configured user', async () => {
    const inc = await incidents.open({ title: 'Trading engine not responding', severity: 'SEV1' });
    await settle();
    const [event] = pd.received.filter((r) => r.path === '/v2/enqueue');
    expect(event!.body).toMatchObject({
      routing_key: 'R0UT1NGKEY', event_action: 'trigger', dedup_key: `oncall-cockpit:${inc.id}:${inc.startedAt}`,
      payload: { summary: 'SEV1 Trading engine not responding', source: 'oncall-cockpit', severity: 'critical' },
    });
    expect(pd.incidents).toHaveLength(1);

    await incidents.act({ incidentId: inc.id, action: { type: 'acknowledge' } });
    await incidents.act({ incidentId: inc.id, action: { type: 'status_update', text: 'Failing over to the standby.' } });
    await settle();
    const paged = pd.incidents[0]!;
    expect(paged.status).toBe('acknowledged');
    expect(paged.log).toContainEqual({ what: 'acknowledged', by: ANA.email });
    expect(paged.notes.map((n) => n.content)).toEqual(['Failing over to the standby.']);
    const put = pd.writes().find((r) => r.method === 'PUT')!;
    expect(put.headers.authorization).toBe('Token token=pd-rest-key');
    expect(put.headers.from).toBe(ANA.email);
    expect(put.body).toEqual({ incident: { type: 'incident_reference', status: 'acknowledged' } });
    expect(part.outbox.deliveries(inc.id).map((d) => [d.kind, d.status])).toEqual([
      ['pagerduty.trigger', 'sent'], ['pagerduty.acknowledge', 'sent'], ['pagerduty.note', 'sent'],
    ]);
  });

  it('shows an acknowledgement made in PagerDuty after one read, by who made it, and does not send it back', async () => {
    const inc = await incidents.open({ title: 'Disk 96% on hft-prod-01', severity: 'SEV2' });
    await settle();
    const paged = pd.incidents.find((i) => i.title === 'SEV2 Disk 96% on hft-prod-01')!;
    pd.acknowledgeAs(paged.id, BO);
    await part.pagerduty.readNow();
    const after = incidents.view().incidents.find((i) => i.id === inc.id)!;
    expect(after.phase).toBe('acknowledged');
    expect(after.acknowledged?.by).toBe('Bo Lindqvist (PagerDuty)');
    const puts = pd.writes().filter((r) => r.method === 'PUT').length;
    await settle();
    expect(pd.writes().filter((r) => r.method === 'PUT')).toHaveLength(puts);
  });

  it('reads who is on call now and when the handoff is', async () => {
    await part.pagerduty.readNow();
    expect(part.pagerduty.status().onCall).toMatchObject({ primary: 'Ana Ortiz', secondary: 'Bo Lindqvist', handoffAt: '2026-12-04T17:00:00Z' });
    const asked = pd.received.filter((r) => r.path === '/oncalls').at(-1)!;
    expect(asked.query.get('escalation_policy_ids[]')).toBe('PPOLICY');
  });

  it('names the incoming engineer: the primary of the minute after the handoff, none when nobody is scheduled', async () => {
    const before = pd.oncalls;
    try {
      await part.pagerduty.readNow();
      expect(part.pagerduty.status().onCall?.incoming).toBeNull();
      pd.oncalls = [...before, { level: 1, user: BO, start: '2026-12-04T17:00:00Z', end: '2026-12-11T17:00:00Z' }, { level: 2, user: ANA, start: '2026-12-04T17:00:00Z', end: '2026-12-11T17:00:00Z' }];
      await part.pagerduty.readNow();
      // Bo is next; the current primary, whose on-call ends at the handoff, is not.
      expect(part.pagerduty.status().onCall).toMatchObject({ primary: 'Ana Ortiz', incoming: 'Bo Lindqvist' });
      const probe = pd.received.filter((r) => r.path === '/oncalls' && r.query.has('since')).at(-1)!;
      expect([probe.query.get('since'), probe.query.get('until'), probe.query.get('escalation_policy_ids[]')]).toEqual(['2026-12-04T17:00:01.000Z', '2026-12-04T17:01:01.000Z', 'PPOLICY']);
    } finally {
      pd.oncalls = before;
    }
  });

  it('waits out a 429 for as long as Retry-After says, and retries a 503', async () => {
    const inc = await incidents.open({ title: 'Latency p99 80 ms', severity: 'SEV3' });
    await settle();
    pd.failNext(1, 429, 1);
    await incidents.act({ incidentId: inc.id, action: { type: 'acknowledge' } });
    await part.plan();
    await new Promise((r) => setTimeout(r, 200));
    expect(pdStatus()).toMatchObject({ queued: 1, reason: expect.stringContaining('rate limiting (429)') });
    expect(pdStatus().nextAttemptAt! - Date.now()).toBeGreaterThan(500);
    pd.failNext(1, 503);
    // The 429's wait (1-2 s, at least Retry-After) and the 503's backoff (2-4 s, jittered) run up to 6 s.
    for (let i = 0; i < 240 && pdStatus().queued > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(pdStatus()).toMatchObject({ queued: 0, failingSince: null });
    expect(pd.incidents.find((i) => i.title === 'SEV3 Latency p99 80 ms')!.status).toBe('acknowledged');
  });

  it('holds messages while PagerDuty refuses the token, saying so, and sends them once it is fixed', async () => {
    config = { ...config, token: 'revoked' };
    const inc = await incidents.open({ title: 'Exchange disconnected: okx', severity: 'SEV2' });
    await incidents.act({ incidentId: inc.id, action: { type: 'acknowledge' } });
    await settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(pdStatus()).toMatchObject({ reason: expect.stringContaining('refused the token (401)') });
    expect(pd.incidents.find((i) => i.title === 'SEV2 Exchange disconnected: okx')?.status).toBe('triggered');
    config = { ...config, token: 'pd-rest-key' };
    part.outbox.kick('pagerduty');
    await part.outbox.idle();
    expect(pd.incidents.find((i) => i.title === 'SEV2 Exchange disconnected: okx')!.status).toBe('acknowledged');
  });
});
