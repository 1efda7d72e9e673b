/**
 * The handoff posted to Slack through the whole backend, on a clock the test
 * moves: a second press of the same note a minute, an hour later posts
 * nothing more, though the note's heading time and "open for" moved; a
 * note that says something new posts again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';

const WEBHOOK = { path: '/services/T0001/B0001/handoffWebhookPart', channel: '#hft-operations' };
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-slack-handoff-'));
let now = Date.UTC(2026, 11, 3, 9, 0, 10);
const clock = { now: () => now, monotonic: () => performance.now() };
let slack: SlackFake;
let backend: Backend;

async function call<T>(name: string, request: unknown): Promise<T> {
  const result = (await backend.handle(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The handoff notes Slack holds, once the outbox has nothing left to send. */
async function notesPosted(): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const view = await call<{ states: { channel: string; queued: number }[] }>('integrations.view', {});
    if (view.states.find((s) => s.channel === 'slack')!.queued === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return slack.messages.map((m) => m.text).filter((t) => t.startsWith('# On-call handoff'));
}

beforeAll(async () => {
  slack = await startSlackFake({ token: 'unused-bot-token', channels: [WEBHOOK.channel], webhook: WEBHOOK });
  backend = await createBackend({
    dataDir, hostKind: 'browser', pollMs: 500, clock,
    settings: createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' }),
  });
  await call('integrations.configure', {
    channel: 'slack', settings: { mode: 'webhook', incidentChannel: WEBHOOK.channel, routineChannel: WEBHOOK.channel }, token: `${slack.url}${WEBHOOK.path}`,
  });
});
afterAll(async () => {
  await backend?.close();
  await slack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the handoff posted to Slack', () => {
  it('posts a note once however much later it is pressed again, and again once it says something new', async () => {
    await call('incidents.open', { title: 'Orders stuck pending on kraken', severity: 'SEV2' });
    now += 5 * 60_000;
    await call('handoff.save', { fields: { to: 'bob', monitoring: 'kraken fills', maintenance: '', notes: '', reachAt: '' } });
    expect(await call('integrations.postHandoff', {})).toEqual({ queued: true, to: "the webhook's channel" });
    const first = await notesPosted();
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('# On-call handoff: 2026-12-03 09:05 (UTC)');

    // The heading's minute and the incident's "open 5 min" have moved: the note says nothing new.
    for (const later of [61_000, 60 * 60_000]) {
      now += later;
      expect(await call('integrations.postHandoff', {})).toEqual({ queued: false, to: "the webhook's channel" });
    }
    expect(await notesPosted()).toHaveLength(1);

    await call('handoff.save', { fields: { to: 'bob', monitoring: 'kraken fills', maintenance: '', notes: 'Kraken answered: a fix at 11:00.', reachAt: '' } });
    expect(await call('integrations.postHandoff', {})).toEqual({ queued: true, to: "the webhook's channel" });
    const notes = await notesPosted();
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain('Kraken answered: a fix at 11:00.');
    expect(notes[1]).not.toContain('<!--');
  });
});
