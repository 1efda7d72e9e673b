import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveDelta, LiveUpdate } from '../contract/index.js';
import { createMemorySettingsStore } from '../services/settings.js';
import { createBackend } from './backend.js';
import { createFakeFeed, pendingEndpoints } from '../../test/support/fake-feed.js';

const clock = { now: () => 1_800_000_000_000, monotonic: () => 0 };
// The backend keeps its audit log and incidents in the data dir.
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-backend-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function backendWith(options: { apiUrl?: string | null; pollMs?: number; saved?: { apiUrl?: string | null; pollMs?: number } } = {}) {
  const feed = createFakeFeed();
  const settings = createMemorySettingsStore(options.saved ?? {});
  const backend = await createBackend({
    apiUrl: options.apiUrl ?? 'http://hft-prod-01:8080',
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    dataDir,
    hostKind: 'browser',
    clock,
    settings,
    feed,
  });
  return { backend, feed, settings };
}

const update = (at: number): LiveUpdate => ({ endpoints: { health: pendingEndpoints().health }, pollMs: 1000, at });

describe('backend', () => {
  it('describes what it watches in app.info', async () => {
    const { backend } = await backendWith({ pollMs: 500 });
    expect(await backend.handle('app.info', {})).toEqual({
      ok: true,
      value: expect.objectContaining({
        hostKind: 'browser',
        demo: false,
        apiUrl: 'http://hft-prod-01:8080',
        pollMs: 500,
        dataDir,
        startedAt: 1_800_000_000_000,
      }),
    });
    await backend.close();
  });

  it('uses the saved URL and poll interval when no flag names them', async () => {
    const feed = createFakeFeed();
    const backend = await createBackend({
      dataDir,
      hostKind: 'electron',
      clock,
      settings: createMemorySettingsStore({ apiUrl: 'http://hft-prod-02:8080', pollMs: 2500 }),
      feed,
    });
    expect(backend.info).toMatchObject({ apiUrl: 'http://hft-prod-02:8080', pollMs: 2500, demo: false, hostKind: 'electron' });
    await backend.close();
  });

  it('starts the feed and answers the live calls from it', async () => {
    const { backend, feed } = await backendWith();
    expect(feed.running).toBe(true);
    feed.push(update(42));
    expect(await backend.handle('live.snapshot', {})).toMatchObject({ ok: true, value: { at: 42, seq: 1 } });
    expect(await backend.handle('live.history', {})).toEqual({ ok: true, value: { t: [], dailyPnlUsd: [], lossLimitUsedPct: [] } });
    await backend.close();
  });

  it('reads and saves settings', async () => {
    const { backend, settings } = await backendWith();
    expect(await backend.handle('settings.update', { historyHours: 4 })).toMatchObject({ ok: true, value: { historyHours: 4 } });
    expect(settings.get().historyHours).toBe(4);
    expect(await backend.handle('settings.get', {})).toMatchObject({ ok: true, value: { historyHours: 4 } });
    expect(await backend.handle('settings.update', { historyHours: 400 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await backend.close();
  });

  it('pushes feed updates to subscribers until they leave, even if one throws', async () => {
    const { backend, feed } = await backendWith();
    const got: unknown[] = [];
    backend.subscribe(() => {
      throw new Error('broken socket');
    });
    const leave = backend.subscribe((name, payload) => got.push([name, payload]));
    feed.push(update(1));
    leave();
    feed.push(update(2));
    const { data: _none, ...meta } = pendingEndpoints().health;
    expect(got).toEqual([['live.update', { seq: 1, endpoints: { health: meta }, pollMs: 1000, at: 1 }]]);
    await backend.close();
  });

  it('sends each book of a poll round in a delta of its own, after the rest of the round', async () => {
    const { backend, feed } = await backendWith();
    const got: LiveDelta[] = [];
    backend.subscribe((name, payload) => name === 'live.update' && got.push(payload as LiveDelta));
    const views = pendingEndpoints();
    feed.push({ endpoints: { health: views.health, positions: views.positions, strategies: views.strategies }, pollMs: 1000, at: 5 });
    expect(got.map((d) => [d.seq, Object.keys(d.endpoints)])).toEqual([
      [1, ['health']],
      [2, ['positions']],
      [3, ['strategies']],
    ]);
    await backend.close();
  });

  it('sends numbered deltas, and stamps a snapshot with the last one it holds, catching up first if the feed ran ahead', async () => {
    const { backend, feed } = await backendWith();
    const got: LiveDelta[] = [];
    backend.subscribe((name, payload) => name === 'live.update' && got.push(payload as LiveDelta));
    const health = { ...pendingEndpoints().health, freshness: 'fresh' as const, receivedAt: 5, ageMs: 0, data: { status: 'ok' as const, version: '2.14.1', uptime_s: 1, timestamp: '2026-12-03T10:00:00.000Z' } };
    feed.push({ endpoints: { health }, pollMs: 1000, at: 5 });
    expect(got.map((d) => [d.seq, d.endpoints.health?.data])).toEqual([[1, { kind: 'full', value: health.data }]]);
    expect(await backend.handle('live.snapshot', {})).toMatchObject({ ok: true, value: { seq: 1, endpoints: { health } } });
    // A feed whose snapshot holds data no update carried (the fake's snapshot is set without an update here).
    const ahead = { ...health, data: { ...health.data, uptime_s: 2 } };
    const snapshotOf = feed.snapshot;
    feed.snapshot = () => ({ ...snapshotOf(), endpoints: { ...snapshotOf().endpoints, health: ahead } });
    const answer = await backend.handle('live.snapshot', {});
    expect(got.map((d) => d.seq)).toEqual([1, 2]);
    expect(got[1]!.endpoints.health?.data).toEqual({ kind: 'full', value: ahead.data });
    expect(answer).toMatchObject({ ok: true, value: { seq: 2, endpoints: { health: ahead } } });
    await backend.close();
  });

  it('stops the feed on close, once', async () => {
    const { backend, feed } = await backendWith();
    await Promise.all([backend.close(), backend.close()]);
    expect(feed.stopped).toBe(true);
    expect(feed.listenerCount()).toBe(0);
  });
});
