/**
 * The killswitch calls through the real backend, against the real simulator
 * on loopback with a write key: the two-step arming holds (no token, a
 * replay, a made-up token: refused, nothing sent), a good press halts the
 * system and is proven, the SEV1 is opened with the desk's clock running,
 * the audit log keeps intent and outcome, and strategy stops are read back.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Status, Strategies } from '../../contract/hft.js';
import type { IncidentsView, KillswitchFireAnswer, KillswitchPrepared, Result, StrategiesStopAnswer } from '../../contract/index.js';
import { strategiesLosingToday } from '../../core/killswitch/select.js';
import { createMemorySettingsStore } from '../../services/settings.js';
import { startSimulator, type SimulatorHandle } from '../../sim/index.js';
import { AUDIT_LOG_FILE, createBackend, type Backend } from '../backend.js';
import { createFakeFeed } from '../../../test/support/fake-feed.js';

const API_KEY = 'sim-write-key-host';

let sim: SimulatorHandle;
let dataDir: string;
let backend: Backend;

beforeEach(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: 5, apiKey: API_KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-killswitch-'));
  backend = await createBackend({
    apiUrl: sim.url,
    apiKey: API_KEY,
    dataDir,
    hostKind: 'browser',
    settings: createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' }),
    // A feed nobody drives: these tests are about the writes, not the polling.
    feed: createFakeFeed(),
    log: () => {},
  });
});

afterEach(async () => {
  await backend.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const read = async <T>(path: string, schema: { parse(v: unknown): T }) =>
  schema.parse(await (await fetch(sim.url + path, { signal: AbortSignal.timeout(5_000) })).json());
const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};
const auditTypes = () =>
  readFileSync(join(dataDir, AUDIT_LOG_FILE), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => (JSON.parse(line) as { type: string }).type);

describe('killswitch calls', () => {
  it('refuses a fire without a token it minted, a made-up token, and a replay; nothing is sent', async () => {
    const made = await backend.handle('killswitch.fire', { token: 'A'.repeat(43), reason: 'runaway strategy' });
    expect(made).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await backend.handle('killswitch.fire', { reason: 'runaway strategy' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const { token } = value<KillswitchPrepared>(await backend.handle('killswitch.prepare', {}));
    // A blank reason fails the contract before the token is looked at, so the token survives it.
    expect(await backend.handle('killswitch.fire', { token, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect((await read('/api/v1/status', Status)).killswitch.active).toBe(false);

    const fired = value<KillswitchFireAnswer>(await backend.handle('killswitch.fire', { token, reason: 'runaway strategy' }));
    expect(fired.outcome.verified).toBe(true);
    const reset = await fetch(`${sim.url}/sim/v1/reset-killswitch`, { method: 'POST' });
    await reset.arrayBuffer();
    expect((await read('/api/v1/status', Status)).killswitch.active).toBe(false);

    expect(await backend.handle('killswitch.fire', { token, reason: 'runaway strategy' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await read('/api/v1/status', Status)).killswitch.active).toBe(false);
    expect(auditTypes().filter((t) => t === 'killswitch.refused')).toHaveLength(2);
    expect(auditTypes().filter((t) => t === 'killswitch.intent')).toHaveLength(1);
  });

  it('halts the system, proves it, and opens a SEV1 with the desk to call', async () => {
    const { token, expiresAt } = value<KillswitchPrepared>(await backend.handle('killswitch.prepare', {}));
    expect(expiresAt).toBeGreaterThan(Date.now());
    const fired = value<KillswitchFireAnswer>(await backend.handle('killswitch.fire', { token, reason: 'Runaway strategy: mm-btc-01 flooding orders' }));

    const status = await read('/api/v1/status', Status);
    expect(status.killswitch).toMatchObject({ active: true, reason: 'Runaway strategy: mm-btc-01 flooding orders', source: 'manual' });
    expect(status.trading_enabled).toBe(false);
    const strategies = await read('/api/v1/strategies', Strategies);
    expect(fired.outcome).toMatchObject({ verified: true, strategiesStopped: strategies.strategies.length, path: 'direct' });
    expect(fired.headline).toMatch(new RegExp(`^Trading halted, verified at \\d\\d:\\d\\d:\\d\\d, ${strategies.strategies.length} strategies stopped$`));
    expect(fired.desk).toMatchObject({ name: expect.any(String), phone: expect.any(String) });

    const view = value<IncidentsView>(await backend.handle('incidents.list', {}));
    const incident = view.incidents.find((i) => i.id === fired.incidentId)!;
    expect(incident).toMatchObject({ severity: 'SEV1', title: 'Killswitch activated: Runaway strategy: mm-btc-01 flooding orders' });
    expect(incident.detail).toContain('Trading halted, verified at');
    expect(incident.due.find((d) => d.kind === 'notify_desk')).toMatchObject({ done: null });

    expect(auditTypes()).toEqual(expect.arrayContaining(['killswitch.intent', 'killswitch.outcome']));
  });

  it('puts a second press on the open SEV1 instead of opening another', async () => {
    const press = async (reason: string) => {
      const { token } = value<KillswitchPrepared>(await backend.handle('killswitch.prepare', {}));
      return value<KillswitchFireAnswer>(await backend.handle('killswitch.fire', { token, reason }));
    };
    const first = await press('exchange incident');
    const second = await press('when in doubt');
    expect(second.incidentId).toBe(first.incidentId);
    const view = value<IncidentsView>(await backend.handle('incidents.list', {}));
    expect(view.incidents.filter((i) => i.title.startsWith('Killswitch'))).toHaveLength(1);
    const timeline = view.incidents.find((i) => i.id === first.incidentId)!.timeline.map((e) => e.text);
    // The system keeps the first activation (idempotent while active): the second press is proven all the same.
    expect(timeline.some((t) => t.includes('Killswitch pressed by ana: when in doubt.'))).toBe(true);
  });

  it('stops the losing strategies, reads them back, and notes it on the named incident', async () => {
    const losing = strategiesLosingToday(await read('/api/v1/strategies', Strategies)).map((s) => s.strategy_id);
    expect(losing.length).toBeGreaterThan(0);
    const opened = value<{ id: string }>(await backend.handle('incidents.open', { title: 'Loss limit approaching', severity: 'SEV1' }));
    const stop = value<StrategiesStopAnswer>(await backend.handle('strategies.stop', { ids: losing, reason: 'losing money today', incidentId: opened.id }));
    expect(stop.outcome).toMatchObject({ verified: true, notStopped: [] });
    expect(stop.outcome.stopped.sort()).toEqual([...losing].sort());
    const after = await read('/api/v1/strategies', Strategies);
    for (const id of losing) expect(after.strategies.find((s) => s.strategy_id === id)!.status).toBe('stopped');
    expect(after.strategies.some((s) => s.status === 'running')).toBe(true);
    const view = value<IncidentsView>(await backend.handle('incidents.list', {}));
    expect(view.incidents.find((i) => i.id === opened.id)!.timeline.at(-1)!.text).toContain('Strategies stopped by ana (losing money today)');
    expect(auditTypes()).toEqual(expect.arrayContaining(['strategies.stop.intent', 'strategies.stop.outcome']));
  });

  it('refuses a stop without a reason or without ids before anything is sent', async () => {
    const statuses = async () => (await read('/api/v1/strategies', Strategies)).strategies.map((s) => `${s.strategy_id}:${s.status}`);
    const before = await statuses();
    const id = before[0]!.split(':')[0]!;
    expect(await backend.handle('strategies.stop', { ids: [id], reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await backend.handle('strategies.stop', { ids: [], reason: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await statuses()).toEqual(before);
    expect(auditTypes()).not.toContain('strategies.stop.intent');
  });
});
