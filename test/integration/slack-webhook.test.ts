/**
 * Slack through an incoming webhook, against the project's Slack fake: the
 * URL is the secret (no auth header, never in a reason), every message of
 * an incident goes to the webhook's channel naming the incident (a webhook
 * cannot thread), a message whose earlier attempt may have arrived goes
 * again marked as a possible repeat, and a webhook Slack no longer knows is
 * refused for good.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/core/outbox/model.js';
import { createIntegrationsPart, type IntegrationConfigs, type IntegrationsPart } from '../../src/host/integrations/integrations-part.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsService } from '../../src/services/incidents/index.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import { slackTransport, WEBHOOK_REPEAT_MARK, type SlackConfig } from '../../src/services/integrations/slack.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';

const WEBHOOK = { path: '/services/T0001/B0001/s3cr3tWebhookPart', channel: '#incident-response' };
let slack: SlackFake;
let dir: string;
let audit: AuditLog;
let incidents: IncidentsService;
let part: IntegrationsPart;
let config: SlackConfig;

beforeAll(async () => {
  slack = await startSlackFake({ token: 'unused-bot-token', channels: ['#incident-response'], webhook: WEBHOOK });
  config = { baseUrl: 'http://127.0.0.1:9', mode: 'webhook', token: `${slack.url}${WEBHOOK.path}`, incidentChannel: '#incident-response', routineChannel: '#hft-operations' };
  const configs: IntegrationConfigs = { pagerduty: null, statuspage: null, alertmanager: null, slack: config, since: { slack: 0 } };
  dir = await mkdtemp(join(tmpdir(), 'slack-webhook-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  incidents = await openIncidentsService({ dataDir: dir, audit, operator: () => 'ana', timeZone: () => 'UTC', log: () => {} });
  part = await createIntegrationsPart({ audit, incidents, clock: systemClock, timers: systemTimers, http: fetchHttpClient(), log: () => {}, configs: () => configs });
});
afterAll(async () => {
  await part?.close();
  await incidents?.close();
  await audit?.close();
  await slack?.close();
  await rm(dir, { recursive: true, force: true });
});

const message = (over: Partial<OutboxMessage>): OutboxMessage => ({
  id: 'm-1', channel: 'slack', kind: 'slack.post', key: 'k', incidentId: 'INC-9', summary: 's', payload: { to: 'incident', text: 'INC-9 acknowledged by ana.' },
  order: 1, queuedAt: Date.now(), status: 'queued', attempts: 1, lastError: null, lastAttemptAt: null, nextAt: null, sentAt: null, refs: {}, ...over,
});

describe('Slack through an incoming webhook', () => {
  it('posts every message of an incident to the webhook, naming the incident, with no thread and no auth header', async () => {
    const { id } = await incidents.open({ title: 'Disk filling on hft-prod-02', severity: 'SEV3' });
    await incidents.act({ incidentId: id, action: { type: 'acknowledge' } });
    await part.plan();
    await part.outbox.idle();
    const posts = slack.received.filter((r) => r.path === WEBHOOK.path);
    expect(posts.map((r) => r.body)).toEqual([
      { text: `${id} SEV3 opened: Disk filling on hft-prod-02.` },
      { text: `${id} acknowledged by ana.` },
    ]);
    expect(posts.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(slack.messages.filter((m) => m.text.startsWith(id)).every((m) => m.channel === WEBHOOK.channel && m.thread_ts === undefined)).toBe(true);
    expect(part.outbox.deliveries(id).map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('sends a message whose earlier attempt may have arrived again, marked as a possible repeat', async () => {
    const transport = slackTransport(() => config, fetchHttpClient(), systemClock);
    expect(await transport.findDelivered!(message({ attempts: 1 }), () => undefined)).toEqual({ found: false });
    expect(await transport.send(message({ attempts: 2 }), () => undefined)).toEqual({ ok: true });
    expect(slack.messages.at(-1)!.text).toBe(`INC-9 acknowledged by ana. ${WEBHOOK_REPEAT_MARK}`);
    expect(await transport.send(message({ attempts: 1 }), () => undefined)).toEqual({ ok: true });
    expect(slack.messages.at(-1)!.text).toBe('INC-9 acknowledged by ana.');
  });

  it('waits out a rate limit, and takes a webhook Slack does not know as refused for good without its secret in the reason', async () => {
    const transport = slackTransport(() => config, fetchHttpClient(), systemClock);
    slack.rateLimit(1, 2);
    expect(await transport.send(message({}), () => undefined)).toMatchObject({ ok: false, retry: true, retryAfterMs: 2000 });
    const gone = slackTransport(() => ({ ...config, token: `${slack.url}/services/T0001/B0001/revoked` }), fetchHttpClient(), systemClock);
    const outcome = await gone.send(message({}), () => undefined);
    expect(outcome).toMatchObject({ ok: false, retry: false, reason: 'Slack webhook refused the request (404): no_service' });
    expect(JSON.stringify(outcome)).not.toContain('revoked');
  });
});
