/**
 * The simulator over real HTTP on loopback: every endpoint of
 * shared/hft-api.md answers with what the contract accepts, writes follow
 * the API's rules, and the /sim/v1 controls drive the scenarios.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiError, ENDPOINTS, KillswitchActivation, Positions, RiskSummary, Status, StrategyCommandResult, Strategies,
} from '../../src/contract/hft.js';
import type { Clock } from '../../src/services/clock.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';

/** A clock the test moves by hand, so ticks happen exactly when it says. */
function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, monotonic: () => now - start, advance: (ms) => { now += ms; } };
}

const START = Date.UTC(2026, 10, 24, 18, 0, 0);
const KEY = 'test-key-4f1c';

async function call(sim: SimulatorHandle, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(sim.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let json: unknown = undefined;
  try { json = JSON.parse(text); } catch { /* not JSON: metrics text */ }
  return { status: res.status, headers: res.headers, text, json };
}

describe('simulator API', () => {
  let sim: SimulatorHandle;
  const clock = manualClock(START);

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 11, clock });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await call(sim, 'DELETE', '/sim/v1/scenario');
    await call(sim, 'POST', '/sim/v1/reset-killswitch');
  });

  it('listens on loopback at the port the OS chose, with no trailing slash', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
  });

  it('answers every read endpoint with JSON the contract accepts', async () => {
    for (const [name, { path, schema }] of Object.entries(ENDPOINTS)) {
      const r = await call(sim, 'GET', path);
      expect(r.status, name).toBe(200);
      expect(r.headers.get('content-type'), name).toMatch(/^application\/json/);
      const parsed = schema.safeParse(r.json);
      expect(parsed.success, `${name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('answers unknown paths and wrong methods with a JSON error', async () => {
    const missing = await call(sim, 'GET', '/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(ApiError.safeParse(missing.json).success).toBe(true);
    const wrong = await call(sim, 'GET', '/api/v1/killswitch');
    expect(wrong.status).toBe(405);
    expect(ApiError.safeParse(wrong.json).success).toBe(true);
  });

  it('killswitch: 400 without a reason or with bad JSON; 200 once; repeats return the original activation', async () => {
    for (const body of ['', '{}', '{"reason": ""}', '{"reason": "   "}', '{"reason": 5}', '{"reason": "x"', 'reason=x']) {
      const r = await call(sim, 'POST', '/api/v1/killswitch', body, { 'content-type': 'application/x-www-form-urlencoded' });
      expect(r.status, body).toBe(400);
      expect(ApiError.safeParse(r.json).success, body).toBe(true);
    }
    clock.advance(1_000);
    // Sent as curl -d sends it: form-urlencoded, JSON inside.
    const first = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "desk asked"}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(first.status).toBe(200);
    const activation = KillswitchActivation.parse(first.json);
    expect(activation).toEqual({ active: true, reason: 'desk asked', activated_at: new Date(clock.now()).toISOString(), source: 'manual' });
    clock.advance(5_000);
    const again = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "second press"}');
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const status = Status.parse((await call(sim, 'GET', '/api/v1/status')).json);
    expect(status.trading_enabled).toBe(false);
    expect(status.killswitch).toEqual({ active: true, reason: 'desk asked', activated_at: activation.activated_at, source: 'manual' });
    const strategies = Strategies.parse((await call(sim, 'GET', '/api/v1/strategies')).json);
    expect(strategies.strategies.every((s) => s.status === 'stopped')).toBe(true);
    expect(RiskSummary.parse((await call(sim, 'GET', '/api/v1/risk/summary')).json).killswitch_active).toBe(true);
  });

  it('keeps positions as they are when the killswitch fires', async () => {
    const shape = (json: unknown) =>
      (json as { positions: { exchange: string; symbol: string; side: string; quantity: number }[] }).positions.map((p) => [p.exchange, p.symbol, p.side, p.quantity]);
    const before = shape((await call(sim, 'GET', '/api/v1/positions')).json);
    await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "drill"}');
    clock.advance(10_000);
    expect(shape((await call(sim, 'GET', '/api/v1/positions')).json)).toEqual(before);
  });

  it('strategy stop/start: 404 unknown id, 409 start while the killswitch is active, 200 otherwise', async () => {
    expect((await call(sim, 'POST', '/api/v1/strategies/nope-01/stop', '{"reason": "x"}')).status).toBe(404);
    expect((await call(sim, 'POST', '/api/v1/strategies/nope-01/start')).status).toBe(404);
    const stop = await call(sim, 'POST', '/api/v1/strategies/mm-btc-01/stop', '{"reason": "losing"}', { 'content-type': 'application/json' });
    expect(stop.status).toBe(200);
    expect(StrategyCommandResult.parse(stop.json)).toEqual({ strategy_id: 'mm-btc-01', status: 'stopped' });
    const listed = Strategies.parse((await call(sim, 'GET', '/api/v1/strategies')).json);
    expect(listed.strategies.find((s) => s.strategy_id === 'mm-btc-01')!.status).toBe('stopped');
    const start = await call(sim, 'POST', '/api/v1/strategies/mm-btc-01/start');
    expect(start.json).toEqual({ strategy_id: 'mm-btc-01', status: 'running' });
    await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "drill"}');
    const refused = await call(sim, 'POST', '/api/v1/strategies/mm-btc-01/start');
    expect(refused.status).toBe(409);
    expect(ApiError.safeParse(refused.json).success).toBe(true);
  });

  it('reset-killswitch clears it and restarts the strategies, so a drill can run again', async () => {
    await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "drill"}');
    const reset = await call(sim, 'POST', '/sim/v1/reset-killswitch');
    expect(reset.json).toEqual({ reset: true, killswitch_active: false });
    const status = Status.parse((await call(sim, 'GET', '/api/v1/status')).json);
    expect(status.killswitch).toEqual({ active: false, reason: null, activated_at: null, source: null });
    expect(status.trading_enabled).toBe(true);
    const strategies = Strategies.parse((await call(sim, 'GET', '/api/v1/strategies')).json);
    expect(strategies.strategies.every((s) => s.status === 'running')).toBe(true);
  });

  it('answers a repeated Idempotency-Key with the first answer', async () => {
    const headers = { 'idempotency-key': 'press-1', 'content-type': 'application/json' };
    const first = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "first"}', headers);
    await call(sim, 'POST', '/sim/v1/reset-killswitch');
    clock.advance(2_000);
    const retry = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "first"}', headers);
    expect(retry.json).toEqual(first.json);
    // The retry did not act a second time: the reset killswitch stays off.
    expect(Status.parse((await call(sim, 'GET', '/api/v1/status')).json).killswitch.active).toBe(false);
    const other = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "second"}', { ...headers, 'idempotency-key': 'press-2' });
    expect((other.json as { reason: string }).reason).toBe('second');
  });

  it('fires the killswitch by itself when a loss ramp reaches 100% of the limit', async () => {
    const added = await call(sim, 'POST', '/sim/v1/scenario', JSON.stringify({ name: 'loss_limit_approach', target_pct: 100, over_s: 20 }));
    expect(added.status).toBe(200);
    clock.advance(10_000);
    const half = RiskSummary.parse((await call(sim, 'GET', '/api/v1/risk/summary')).json);
    expect(half.loss_limit_used_pct).toBeGreaterThan(40);
    expect(half.killswitch_active).toBe(false);
    clock.advance(11_000);
    const status = Status.parse((await call(sim, 'GET', '/api/v1/status')).json);
    expect(status.killswitch.active).toBe(true);
    expect(status.killswitch.source).toBe('auto_loss_limit');
    expect(RiskSummary.parse((await call(sim, 'GET', '/api/v1/risk/summary')).json).loss_limit_used_pct).toBeGreaterThanOrEqual(100);
  });

  it('lists, adds and clears scenarios; refuses unknown names and bad parameters with 400', async () => {
    await call(sim, 'POST', '/sim/v1/scenario', JSON.stringify({ name: 'exchange_disconnect', exchange: 'binance' }));
    await call(sim, 'POST', '/sim/v1/scenario', JSON.stringify({ name: 'exchange_disconnect', exchange: 'okx' }));
    await call(sim, 'POST', '/sim/v1/scenario', JSON.stringify({ name: 'disk_low', disk_pct: 97 }));
    const listed = await call(sim, 'GET', '/sim/v1/scenario');
    expect((listed.json as { active: { name: string }[] }).active.map((a) => a.name)).toEqual(['exchange_disconnect', 'exchange_disconnect', 'disk_low']);
    clock.advance(1_000);
    const status = Status.parse((await call(sim, 'GET', '/api/v1/status')).json);
    expect(status.exchanges.filter((e) => !e.connected).map((e) => e.name)).toEqual(['binance', 'okx']);
    expect(status.resources.disk_pct).toBeCloseTo(97, 0);
    expect(ENDPOINTS.health.schema.parse((await call(sim, 'GET', '/api/v1/health')).json).status).toBe('degraded');

    for (const body of ['{"name": "asteroid"}', '{"name": "exchange_disconnect", "exchange": "nowhere"}', '{"name": "slow", "delay_ms": "soon"}', 'not json']) {
      const r = await call(sim, 'POST', '/sim/v1/scenario', body);
      expect(r.status, body).toBe(400);
      expect(ApiError.parse(r.json).error.length, body).toBeGreaterThan(10);
    }
    const cleared = await call(sim, 'DELETE', '/sim/v1/scenario');
    expect(cleared.json).toEqual({ active: [] });
    clock.advance(1_000);
    expect(Status.parse((await call(sim, 'GET', '/api/v1/status')).json).exchanges.every((e) => e.connected)).toBe(true);
  });

  it('serves Prometheus text at /metrics', async () => {
    const r = await call(sim, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.text).toContain('# TYPE hft_killswitch_active gauge');
    expect(r.text).toMatch(/^hft_exchange_connected\{exchange="gateio"\} 1$/m);
    expect(r.text).toMatch(/^hft_strategy_running\{strategy_id="mm-btc-01"\} [01]$/m);
  });
});

describe('simulator API with a write key', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, apiKey: KEY });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 401 to writes without the key or with a wrong one; reads stay open', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: KEY }] as Record<string, string>[]) {
      const r = await call(sim, 'POST', '/api/v1/killswitch', '{"reason": "x"}', headers);
      expect(r.status).toBe(401);
      expect(ApiError.parse(r.json).error).not.toContain(KEY);
      expect((await call(sim, 'POST', '/api/v1/strategies/mm-btc-01/stop', '{}', headers)).status).toBe(401);
    }
    expect((await call(sim, 'GET', '/api/v1/status')).status).toBe(200);
    const ok = await call(sim, 'POST', '/api/v1/strategies/mm-btc-01/stop', '{"reason": "x"}', { authorization: `Bearer ${KEY}` });
    expect(ok.status).toBe(200);
  });
});

describe('positions at scale', () => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, strategies: 1_000, positions: 10_000 });
  });
  afterAll(async () => {
    await sim.close();
  });

  // How fast it serves them is a benchmark figure (bench/sim-serve.ts), not a timed test.
  it('serves 10,000 positions and 1,000 strategies that pass the contract', async () => {
    const body = Positions.parse((await call(sim, 'GET', '/api/v1/positions')).json);
    expect(body.positions).toHaveLength(10_000);
    const strategies = Strategies.parse((await call(sim, 'GET', '/api/v1/strategies')).json);
    expect(strategies.strategies).toHaveLength(1_000);
  });
});
