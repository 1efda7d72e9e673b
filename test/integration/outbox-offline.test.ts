/**
 * Offline, then back: the outbox with the real Slack client over HTTP to the
 * Slack fake, which drops every connection for five minutes of the outbox's
 * (injected) time. Every message queued meanwhile arrives once the fake is
 * back, in the order it was written, and the channel state says why it
 * waited while it did.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/services/audit-log.js';
import { FakeTime } from '../support/hft-fakes.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import { slackTransport } from '../../src/services/integrations/slack.js';
import { openOutbox } from '../../src/services/outbox/outbox.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';

let dir: string;
let slack: SlackFake;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-offline-'));
  slack = await startSlackFake({ token: 'xoxb-t', channels: ['C1', 'C2'] });
});
afterAll(async () => {
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('outbox offline', () => {
  it('queues for five minutes offline, then delivers every message in order', async () => {
    const time = new FakeTime();
    const audit = await openAuditLog(join(dir, 'audit.log'), { clock: time });
    const transport = slackTransport(() => ({ baseUrl: slack.url, token: 'xoxb-t', incidentChannel: 'C1', routineChannel: 'C2' }), fetchHttpClient(), time);
    const outbox = await openOutbox({ audit, clock: time, timers: time, transports: { slack: transport }, random: () => 0.5, log: () => {} });
    const tick = async (ms: number) => {
      await time.advance(ms);
      await outbox.idle();
    };
    slack.offline = true;
    const queued = [];
    // A message every ten seconds for five minutes, all while offline.
    for (let s = 0; s < 300; s += 10) {
      queued.push(...(await outbox.enqueue([{ channel: 'slack', kind: 'slack.post', key: `m${s}`, incidentId: 'INC-7', summary: `at ${s}s`, payload: { to: 'incident', text: `update at ${s}s` } }])));
      for (let i = 0; i < 10; i++) await tick(1_000);
    }
    expect(slack.messages).toHaveLength(0);
    const waiting = outbox.status().find((c) => c.channel === 'slack')!;
    expect(waiting.queued).toBe(30);
    expect(waiting.reason).toMatch(/cannot reach|socket|fetch failed|other side closed/i);
    expect(waiting.failingSince).toBeLessThanOrEqual(time.now() - 299_000);

    slack.offline = false;
    for (let i = 0; i < 120 && slack.messages.length < 30; i++) await tick(1_000);
    expect(slack.outboxIds()).toEqual(queued.map((m) => m.id));
    expect(slack.messages.map((m) => m.text)).toEqual(queued.map((m) => (m.payload as { text: string }).text));
    expect(outbox.status().find((c) => c.channel === 'slack')).toMatchObject({ queued: 0, failingSince: null });
    await outbox.close();
    await audit.close();
  });
});
