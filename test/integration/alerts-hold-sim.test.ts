/**
 * Hold times, inhibition and recurrence against the simulator over HTTP, at
 * the default 1 s poll: a blip of the API or one poll of high latency opens
 * nothing; a real crash opens exactly one incident and nothing else while
 * the panels have no data; sustained latency opens one SEV3; a condition
 * that comes back soon after it was resolved reopens the same incident.
 *
 * Times on a shared machine vary by a few hundred ms; every wait below is
 * the hold time plus a margin, never a bare number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentsView, LiveSnapshot } from '../../src/contract/index.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

const POLL_MS = 1000;
const HOLD_MS = (id: keyof typeof DEFAULT_PLAYBOOK.scenarios) => DEFAULT_PLAYBOOK.scenarios[id].holdSeconds * 1000;
/** Time for a change on the simulator to reach the rules: one poll and its answer. */
const REACH_MS = 2 * POLL_MS;

const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-alerts-hold-'));
let backend: Backend;
beforeAll(async () => {
  backend = await createBackend({
    dataDir, hostKind: 'browser', pollMs: POLL_MS, settings: createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' }), log: () => {},
  });
});
afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(name: string, payload: unknown = {}): Promise<T> {
  const result = await backend.handle(name as never, payload as never);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const incidents = async () => (await call<IncidentsView>('incidents.list')).incidents;

async function sim(method: 'POST' | 'DELETE', body?: Record<string, unknown>) {
  const answer = await fetch(`${backend.info.apiUrl}/sim/v1/scenario`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  expect(answer.status).toBe(200);
}

/** Polls `check` every 100 ms until it returns a value, for at most `ms`. */
async function within<T>(ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms; incidents: ${JSON.stringify((await incidents()).map((i) => [i.id, i.title, i.phase]))}`);
    await sleep(100);
  }
}

/** Waits until every panel's endpoint answers again (the poller backs off while the system is down). */
const allFresh = () =>
  within(45_000, async () => {
    const live = await call<LiveSnapshot>('live.snapshot');
    return Object.values(live.endpoints).every((v) => v.freshness === 'fresh') ? true : undefined;
  });

const openOnes = async () => (await incidents()).filter((i) => i.phase !== 'resolved');

describe('alert holds against the simulator', () => {
  it('opens nothing for a crash of 1.2 s', async () => {
    await allFresh();
    await sim('POST', { name: 'crash' });
    await sleep(1200);
    await sim('DELETE');
    // Past the hold and the longest the poller then waits for its next health check.
    await sleep(HOLD_MS('system_down') + 4 * POLL_MS);
    await allFresh();
    expect(await incidents()).toEqual([]);
  }, 70_000);

  it('opens exactly one incident for a crash of 10 s, System not responding, while every panel has no data', async () => {
    const stagedAt = Date.now();
    await sim('POST', { name: 'crash' });
    const down = await within(HOLD_MS('system_down') + 4 * REACH_MS, async () => (await openOnes()).find((i) => i.scenario === 'system_down'));
    expect(down).toMatchObject({ severity: 'SEV1', title: 'System not responding' });
    expect(down.timeline[0]!.text).toMatch(/Not responding for \d+ s\. Held back until it answers again/);
    const live = await call<LiveSnapshot>('live.snapshot');
    expect(Object.fromEntries(Object.entries(live.endpoints).map(([name, v]) => [name, v.freshness]))).toEqual({
      health: 'dead', status: 'dead', positions: 'dead', strategies: 'dead', risk: 'dead',
    });
    await sleep(10_000 - (Date.now() - stagedAt));
    await sim('DELETE');
    await allFresh();
    // A few polls of fresh data after the recovery: still nothing but the one incident.
    await sleep(3 * POLL_MS);
    expect((await incidents()).map((i) => i.title)).toEqual(['System not responding']);
    await call('incidents.act', { incidentId: down.id, action: { type: 'resolve', note: 'Crash drill over.', finalUpdate: { text: 'Crash drill over.' }, anyway: true } });
  }, 90_000);

  it('opens nothing for one poll of high latency, and one SEV3 for 15 s of it', async () => {
    await sim('POST', { name: 'high_latency', order_p99_ms: 40 });
    await sleep(POLL_MS);
    await sim('DELETE');
    await sleep(HOLD_MS('high_latency') + REACH_MS);
    expect((await openOnes()).map((i) => i.title)).toEqual([]);

    await sim('POST', { name: 'high_latency', order_p99_ms: 40 });
    const slow = await within(HOLD_MS('high_latency') + 2 * REACH_MS, async () => (await openOnes()).find((i) => i.scenario === 'high_latency'));
    expect(slow.severity).toBe('SEV3');
    expect(slow.timeline[0]!.text).toMatch(/Order p99 above 10 ms for 1\d s\./);
    await sleep(Math.max(0, 15_000 - HOLD_MS('high_latency') - REACH_MS));
    await sim('DELETE');
    await sleep(REACH_MS);
    expect((await openOnes()).map((i) => [i.title, i.severity])).toEqual([['High latency', 'SEV3']]);
  }, 60_000);

  it('reopens the same incident when the condition comes back within the window after it was resolved', async () => {
    const [slow] = await openOnes();
    // Latency is back under the threshold; resolved while the clear window runs, no question asked.
    const resolved = await call<Incident>('incidents.act', { incidentId: slow!.id, action: { type: 'resolve', note: 'Latency back to normal.', finalUpdate: { text: 'Latency back to normal.' } } });
    expect(resolved.phase).toBe('resolved');
    await sim('POST', { name: 'high_latency', order_p99_ms: 40 });
    const back = await within(HOLD_MS('high_latency') + 2 * REACH_MS, async () => (await openOnes()).find((i) => i.scenario === 'high_latency'));
    expect(back).toMatchObject({ id: slow!.id, phase: 'triggered', acknowledged: null });
    expect(back.timeline.at(-1)!.text).toMatch(/^Recurred after \d+ s: SEV3 High latency\./);
    expect(back.reopenedAt).toBeGreaterThan(resolved.resolved!.at);
    expect((await incidents()).filter((i) => i.scenario === 'high_latency')).toHaveLength(1);

    // While it holds, resolving asks first.
    const asked = await backend.handle('incidents.act', { incidentId: back.id, action: { type: 'resolve', note: 'Done?', finalUpdate: { text: 'Done?' } } });
    expect(asked).toEqual({ ok: false, error: { code: 'needs_confirmation', message: 'order p99 is still above 10 ms: resolve anyway?' } });
    await sim('DELETE');
  }, 60_000);
});
