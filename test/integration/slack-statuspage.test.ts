/**
 * Slack and the status page against the project's fakes (test/fakes/,
 * from their API docs): one Slack thread per incident with every update in
 * it; for SEV1 the page's incident created from the first status update,
 * updated, then resolved; SEV3
 * stays off the page; a refusal for good is shown with Slack's reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationsPart, type IntegrationConfigs, type IntegrationsPart } from '../../src/host/integrations/integrations-part.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsService } from '../../src/services/incidents/index.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';
import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage.js';

let slack: SlackFake;
let page: StatuspageFake;
let dir: string;
let audit: AuditLog;
let incidents: IncidentsService;
let part: IntegrationsPart;
let configs: IntegrationConfigs;

const settle = async () => {
  await part.plan();
  await part.outbox.idle();
};

beforeAll(async () => {
  slack = await startSlackFake({ token: 'xoxb-1', channels: ['C-INCIDENT', 'C-OPS'] });
  page = await startStatuspageFake({ token: 'sp-key', pageId: 'pg1', components: ['cmp-trading'] });
  configs = {
    pagerduty: null, alertmanager: null,
    slack: { baseUrl: slack.url, token: 'xoxb-1', incidentChannel: 'C-INCIDENT', routineChannel: 'C-OPS' },
    statuspage: { baseUrl: page.url, token: 'sp-key', pageId: 'pg1', components: { system_down: 'cmp-trading' } },
    since: { slack: 0, statuspage: 0 },
  };
  dir = await mkdtemp(join(tmpdir(), 'slack-page-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  incidents = await openIncidentsService({ dataDir: dir, audit, operator: () => 'ana', timeZone: () => 'UTC', log: () => {} });
  part = await createIntegrationsPart({ audit, incidents, clock: systemClock, timers: systemTimers, http: fetchHttpClient(), log: () => {}, configs: () => configs });
});
afterAll(async () => {
  await part?.close();
  await incidents?.close();
  await audit?.close();
  await slack?.close();
  await page?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Slack and the status page', () => {
  it('keeps one Slack thread per incident and runs the SEV1 page incident from open to resolved', async () => {
    const { id } = await incidents.open({ title: 'Trading engine not responding', severity: 'SEV1' });
    await incidents.act({ incidentId: id, action: { type: 'status_update', text: 'Engine down; failing over to the standby.' } });
    await incidents.act({ incidentId: id, action: { type: 'status_update', text: 'Standby trading; watching fills.' } });
    await incidents.act({ incidentId: id, action: { type: 'resolve', note: 'Standby took over; primary under review.', finalUpdate: { text: 'Resolved: trading normal on the standby.' } } });
    await settle();

    const [head, ...replies] = slack.messages.filter((m) => m.text.startsWith(`${id} `));
    expect(head).toMatchObject({ channel: 'C-INCIDENT', text: `${id} SEV1 opened: Trading engine not responding.` });
    expect(replies.map((m) => [m.thread_ts, m.text])).toEqual([
      [head!.ts, `${id} status update by ana: Engine down; failing over to the standby.`],
      [head!.ts, `${id} status update by ana: Standby trading; watching fills.`],
      [head!.ts, `${id} final update by ana: Resolved: trading normal on the standby.`],
      [head!.ts, `${id} resolved by ana: Standby took over; primary under review.`],
    ]);
    expect(slack.received.every((r) => r.headers.authorization === 'Bearer xoxb-1')).toBe(true);

    expect(page.incidents).toHaveLength(1);
    const pageIncident = page.incidents[0]!;
    expect(pageIncident).toMatchObject({ name: 'Trading engine not responding', status: 'resolved' });
    expect(pageIncident.incident_updates.map((u) => [u.status, u.body]).reverse()).toEqual([
      ['investigating', 'Engine down; failing over to the standby.'],
      ['investigating', 'Standby trading; watching fills.'],
      ['resolved', 'Standby took over; primary under review.'],
    ]);
    expect(page.received.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(page.received.every((r) => r.headers.authorization === 'OAuth sp-key')).toBe(true);
  });

  it('keeps a SEV3 off the status page', async () => {
    const before = page.received.length;
    const { id } = await incidents.open({ title: 'Disk 85%', severity: 'SEV3' });
    await incidents.act({ incidentId: id, action: { type: 'status_update', text: 'Archiving logs older than 30 days.' } });
    await settle();
    expect(page.received).toHaveLength(before);
    expect(slack.messages.some((m) => m.text === `${id} status update by ana: Archiving logs older than 30 days.`)).toBe(true);
  });

  it("shows a message Slack will never take as failed, with Slack's reason, and goes on with the next", async () => {
    configs = { ...configs, slack: { ...configs.slack!, incidentChannel: 'C-GONE' } };
    const { id } = await incidents.open({ title: 'Exchange disconnected: kraken', severity: 'SEV2' });
    await settle();
    expect(part.outbox.deliveries(id).find((d) => d.channel === 'slack')).toMatchObject({ status: 'failed', lastError: 'Slack refused the message: channel_not_found' });
  });
});
