/**
 * The operators' own commands from shared/hft-api.md, run verbatim through
 * bash, curl and jq against the simulator: only the base URL is replaced.
 * The simulator's clock is held still, so what the commands print can be
 * compared with what the API says a moment later.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Positions, RiskSummary, Status, Strategies } from '../../src/contract/hft.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';

const run = promisify(execFile);
const DOC_BASE = 'http://localhost:8080';

/** Verbatim from shared/hft-api.md, in its order. */
const COMMANDS = {
  status: `curl http://localhost:8080/api/v1/status | jq .`,
  exchanges: `curl http://localhost:8080/api/v1/status | jq '.exchanges'`,
  positions: `curl http://localhost:8080/api/v1/positions | jq .`,
  risk: `curl http://localhost:8080/api/v1/risk/summary`,
  losing: `curl http://localhost:8080/api/v1/strategies | jq '.strategies[] | select(.performance.daily_pnl_usd < 0)'`,
  summary: `curl http://localhost:8080/api/v1/strategies | jq '.strategies[] | {id: .strategy_id, status: .status, pnl: .performance.daily_pnl_usd}'`,
  killswitch: `curl -X POST http://localhost:8080/api/v1/killswitch -d '{"reason": "REASON"}'`,
} as const;

/** jq prints one pretty-printed value after another; each top-level one closes with `}` alone on a line. */
function jsonStream(text: string): unknown[] {
  return text
    .split(/^}$/m)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => JSON.parse(`${chunk}\n}`));
}

describe("operators' commands against the simulator", () => {
  let sim: SimulatorHandle;
  const frozenAt = Date.UTC(2026, 10, 24, 18, 0, 0);

  const shell = async (command: string) => {
    const { stdout } = await run('bash', ['-c', command.replaceAll(DOC_BASE, sim.url)], { timeout: 10_000, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  };
  const api = async (path: string) => (await fetch(sim.url + path)).json();

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 42, clock: { now: () => frozenAt, monotonic: () => 0 } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('status | jq . pretty-prints the status', async () => {
    const out = await shell(COMMANDS.status);
    expect(out.split('\n').length).toBeGreaterThan(20);
    expect(Status.parse(JSON.parse(out))).toEqual(await api('/api/v1/status'));
  });

  it("status | jq '.exchanges' lists the twelve exchanges", async () => {
    const exchanges = JSON.parse(await shell(COMMANDS.exchanges)) as { name: string; connected: boolean }[];
    expect(exchanges.map((e) => e.name)).toEqual([
      'binance', 'coinbase', 'kraken', 'okx', 'bybit', 'bitfinex', 'bitstamp', 'gemini', 'kucoin', 'deribit', 'htx', 'gateio',
    ]);
    expect(exchanges.every((e) => e.connected)).toBe(true);
  });

  it('positions | jq . prints the book', async () => {
    const positions = Positions.parse(JSON.parse(await shell(COMMANDS.positions)));
    expect(positions.positions).toHaveLength(150);
  });

  it('risk/summary prints the risk summary as it is', async () => {
    const out = await shell(COMMANDS.risk);
    const risk = RiskSummary.parse(JSON.parse(out));
    expect(risk.daily_loss_limit_usd).toBe(50_000);
    expect(risk.loss_limit_used_pct).toBeCloseTo((Math.max(0, -risk.daily_pnl_usd) / 50_000) * 100, 2);
  });

  it('the losing-strategies filter prints exactly the strategies with a negative daily P&L', async () => {
    const printed = jsonStream(await shell(COMMANDS.losing));
    const all = Strategies.parse(await api('/api/v1/strategies')).strategies;
    const losing = all.filter((s) => s.performance.daily_pnl_usd < 0);
    expect(losing.length).toBeGreaterThan(0);
    expect(losing.length).toBeLessThan(all.length);
    expect(printed).toEqual(losing);
  });

  it('the id/status/pnl projection prints one line-set per strategy', async () => {
    const printed = jsonStream(await shell(COMMANDS.summary));
    const all = Strategies.parse(await api('/api/v1/strategies')).strategies;
    expect(printed).toEqual(all.map((s) => ({ id: s.strategy_id, status: s.status, pnl: s.performance.daily_pnl_usd })));
  });

  it('the killswitch POST (form-encoded by curl -d) activates, and says so', async () => {
    const out = await shell(COMMANDS.killswitch);
    expect(JSON.parse(out)).toEqual({ active: true, reason: 'REASON', activated_at: new Date(frozenAt).toISOString(), source: 'manual' });
    const status = Status.parse(await api('/api/v1/status'));
    expect(status.killswitch.active).toBe(true);
    expect(status.trading_enabled).toBe(false);
    const summary = jsonStream(await shell(COMMANDS.summary)) as { status: string }[];
    expect(summary.every((s) => s.status === 'stopped')).toBe(true);
  });
});
