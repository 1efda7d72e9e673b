import { describe, expect, it } from 'vitest';
import { ENDPOINTS, KillswitchActivation, StrategyCommandResult } from '../contract/hft.js';
import { driftBody, driftMetrics, padJson, padMetrics, truncate } from './faults.js';
import { TradingModel } from './model.js';
import { healthView, positionsView, riskView, statusView, strategiesView } from './views.js';

const m = new TradingModel({ seed: 3, strategies: 5, positions: 10, startMs: 0 });
m.advanceTo(5_000);
const good = {
  health: healthView(m, 5_000, 5_000),
  status: statusView(m, 5_000),
  positions: positionsView(m, 5_000),
  strategies: strategiesView(m, 5_000),
  risk: riskView(m, 5_000),
};

describe('driftBody', () => {
  it('turns every read answer into one the contract rejects', () => {
    for (const [name, body] of Object.entries(good)) {
      const schema = ENDPOINTS[name as keyof typeof ENDPOINTS].schema;
      expect(schema.safeParse(body).success, name).toBe(true);
      expect(schema.safeParse(driftBody(name as keyof typeof good, body)).success, name).toBe(false);
    }
  });

  it('spoils the write answers too, and leaves the original untouched', () => {
    const activation = { active: true, reason: 'r', activated_at: '2026-11-24T18:00:00.000Z', source: 'manual' };
    expect(KillswitchActivation.safeParse(driftBody('killswitch', activation)).success).toBe(false);
    const stopped = { strategy_id: 'mm-btc-01', status: 'stopped' };
    expect(StrategyCommandResult.safeParse(driftBody('strategy_control', stopped)).success).toBe(false);
    expect(stopped).toEqual({ strategy_id: 'mm-btc-01', status: 'stopped' });
  });
});

describe('body faults', () => {
  it('truncate never leaves valid JSON', () => {
    for (const body of [...Object.values(good), { a: 1 }, {}]) {
      expect(() => JSON.parse(truncate(JSON.stringify(body)))).toThrow();
    }
  });

  it('padJson grows a body past the size asked and keeps it valid and contract-conforming', () => {
    const padded = padJson(JSON.stringify(good.risk), 1_000_000);
    expect(padded.length).toBeGreaterThan(1_000_000);
    expect(ENDPOINTS.risk.schema.parse(JSON.parse(padded))).toEqual(good.risk);
    expect(JSON.parse(padJson('{}', 10))).toEqual({ padding: 'x'.repeat(10) });
  });

  it('metrics faults: padding is comments, drift drops a family and breaks a value', () => {
    const text = '# HELP hft_killswitch_active x\n# TYPE hft_killswitch_active gauge\nhft_killswitch_active 0\nhft_daily_pnl_usd -5\n';
    expect(padMetrics(text, 5_000).length).toBeGreaterThan(5_000);
    expect(padMetrics(text, 5_000).split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['hft_killswitch_active 0', 'hft_daily_pnl_usd -5']);
    expect(driftMetrics(text)).toBe('hft_daily_pnl_usd n/a\n');
  });
});
