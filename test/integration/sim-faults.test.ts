/**
 * Every scenario that breaks the API and every fault, seen from a client on
 * loopback: what arrives (or does not), and that the simulator cleans up
 * after itself, hung sockets included.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINTS, KillswitchActivation, RiskSummary, Status, Strategies } from '../../src/contract/hft.js';
import type { Clock } from '../../src/services/clock.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';

function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, monotonic: () => now - start, advance: (ms) => { now += ms; } };
}

const START = Date.UTC(2026, 10, 24, 18, 0, 0);

describe('simulator faults', () => {
  let sim: SimulatorHandle;
  const clock = manualClock(START);

  const get = (path: string, timeoutMs = 5_000) => fetch(sim.url + path, { signal: AbortSignal.timeout(timeoutMs) });
  const post = (path: string, body: string) => fetch(sim.url + path, { method: 'POST', body, signal: AbortSignal.timeout(5_000) });
  const control = async (body: Record<string, unknown>) => {
    const res = await post('/sim/v1/scenario', JSON.stringify(body));
    expect(res.status, await res.clone().text()).toBe(200);
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, clock });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await fetch(`${sim.url}/sim/v1/scenario`, { method: 'DELETE' });
    await post('/sim/v1/reset-killswitch', '');
  });

  it('http_500 answers 500 with a JSON error, only where aimed', async () => {
    await control({ name: 'http_500', target: 'risk' });
    const risk = await get('/api/v1/risk/summary');
    expect(risk.status).toBe(500);
    expect(await risk.json()).toEqual({ error: expect.any(String) });
    expect((await get('/api/v1/status')).status).toBe(200);
  });

  it('http_500 on the killswitch leaves the system running', async () => {
    await control({ name: 'http_500', target: 'killswitch' });
    expect((await post('/api/v1/killswitch', '{"reason": "x"}')).status).toBe(500);
    expect(Status.parse(await (await get('/api/v1/status')).json()).killswitch.active).toBe(false);
  });

  it('http_500 without a target hits every API endpoint and /metrics, not the controls', async () => {
    await control({ name: 'http_500' });
    for (const { path } of Object.values(ENDPOINTS)) expect((await get(path)).status, path).toBe(500);
    expect((await get('/metrics')).status).toBe(500);
    expect((await post('/api/v1/strategies/mm-btc-01/stop', '{}')).status).toBe(500);
    expect((await get('/sim/v1/scenario')).status).toBe(200);
  });

  it('malformed_json sends JSON-typed bodies that do not parse', async () => {
    await control({ name: 'malformed_json' });
    for (const { path } of Object.values(ENDPOINTS)) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(() => JSON.parse(text), path).toThrow();
    }
  });

  it('schema_drift sends valid JSON the contract rejects', async () => {
    await control({ name: 'schema_drift' });
    for (const [name, { path, schema }] of Object.entries(ENDPOINTS)) {
      const json: unknown = await (await get(path)).json();
      expect(schema.safeParse(json).success, name).toBe(false);
    }
  });

  it('slow delays the answer by delay_ms, only where aimed', async () => {
    await control({ name: 'slow', delay_ms: 400, target: 'status' });
    let t0 = performance.now();
    expect((await get('/api/v1/status')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(390);
    t0 = performance.now();
    await get('/api/v1/health');
    expect(performance.now() - t0).toBeLessThan(300);
  });

  it('hang accepts the request and never answers', async () => {
    await control({ name: 'hang', target: 'health' });
    await expect(get('/api/v1/health', 300)).rejects.toThrow(/timeout|aborted/i);
    expect((await get('/api/v1/status')).status).toBe(200);
  });

  it('huge_payload sends a valid, contract-conforming body of the size asked', async () => {
    await control({ name: 'huge_payload', target: 'risk', size_mb: 3 });
    const text = await (await get('/api/v1/risk/summary')).text();
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(RiskSummary.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it('frozen_timestamp holds timestamps still while the data moves on', async () => {
    await control({ name: 'frozen_timestamp' });
    const first = Status.parse(await (await get('/api/v1/status')).json());
    const firstRisk = RiskSummary.parse(await (await get('/api/v1/risk/summary')).json());
    clock.advance(60_000);
    const later = Status.parse(await (await get('/api/v1/status')).json());
    const laterRisk = RiskSummary.parse(await (await get('/api/v1/risk/summary')).json());
    expect(later.timestamp).toBe(first.timestamp);
    expect(laterRisk.timestamp).toBe(firstRisk.timestamp);
    expect(later.exchanges.map((e) => e.last_message_at)).toEqual(first.exchanges.map((e) => e.last_message_at));
    expect(laterRisk.daily_pnl_usd).not.toBe(firstRisk.daily_pnl_usd);
    expect(later.resources).not.toEqual(first.resources);
  });

  it('killswitch_ignored answers 200 with an activation, and nothing halts', async () => {
    await control({ name: 'killswitch_ignored' });
    const res = await post('/api/v1/killswitch', '{"reason": "nobody listens"}');
    expect(res.status).toBe(200);
    expect(KillswitchActivation.parse(await res.json()).reason).toBe('nobody listens');
    const status = Status.parse(await (await get('/api/v1/status')).json());
    expect(status.killswitch.active).toBe(false);
    expect(status.trading_enabled).toBe(true);
    const strategies = Strategies.parse(await (await get('/api/v1/strategies')).json());
    expect(strategies.strategies.some((s) => s.status === 'running')).toBe(true);
  });

  it('crash drops API and metrics connections without an answer; the controls still work and clear it', async () => {
    await control({ name: 'crash' });
    await expect(get('/api/v1/health')).rejects.toThrow();
    await expect(get('/metrics')).rejects.toThrow();
    const listed = (await (await get('/sim/v1/scenario')).json()) as { active: { name: string }[] };
    expect(listed.active.map((a) => a.name)).toEqual(['crash']);
    await fetch(`${sim.url}/sim/v1/scenario`, { method: 'DELETE' });
    expect((await get('/api/v1/health')).status).toBe(200);
  });
});

describe('closing a simulator with hung and stalled requests', () => {
  it('terminates their sockets and resolves promptly', async () => {
    const sim = await startSimulator({ port: 0 });
    const add = (body: unknown) => fetch(`${sim.url}/sim/v1/scenario`, { method: 'POST', body: JSON.stringify(body) });
    await add({ name: 'hang', target: 'health' });
    await add({ name: 'slow', target: 'status', delay_ms: 600_000 });
    const ended = (path: string) =>
      new Promise<string>((resolve) => {
        const req = request(`${sim.url}${path}`, (res) => {
          res.resume();
          res.on('close', () => resolve('closed'));
        });
        req.on('error', () => resolve('closed'));
        req.end();
      });
    const hung = ended('/api/v1/health');
    const stalled = ended('/api/v1/status');
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    await sim.close();
    expect(performance.now() - t0).toBeLessThan(2_000);
    await expect(Promise.all([hung, stalled])).resolves.toEqual(['closed', 'closed']);
    await expect(fetch(`${sim.url}/api/v1/health`)).rejects.toThrow();
  });
});
