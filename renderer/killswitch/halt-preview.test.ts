import { describe, expect, it } from 'vitest';
import type { Positions, RiskSummary, Strategies, Strategy } from '../../src/contract/hft.js';
import { exposureByExchange, haltPreview } from './halt-preview.js';

const AT = '2026-11-24T18:00:00.000Z';
const strategy = (id: string, status: Strategy['status']): Strategy => ({
  strategy_id: id, name: id, status, exchanges: ['binance'], performance: { daily_pnl_usd: -1, trades_today: 1, fill_rate_pct: 50 },
});
const position = (exchange: string, side: 'long' | 'short', notional: number): Positions['positions'][number] => ({
  exchange, symbol: 'BTC-USDT', side, quantity: 1, avg_entry_price: 1, mark_price: 1, notional_usd: notional, unrealized_pnl_usd: 0, strategy_id: 's',
});
const risk: RiskSummary = {
  timestamp: AT, daily_pnl_usd: -45_000, daily_loss_limit_usd: 50_000, loss_limit_used_pct: 90, gross_exposure_usd: 2_000_000,
  net_exposure_usd: -50_000, position_limit_usd: 5_000_000, killswitch_active: false,
};

describe('what a press is about to stop', () => {
  it('counts every strategy not yet stopped, paused and errored ones included', () => {
    const strategies: Strategies = { timestamp: AT, strategies: [strategy('a', 'running'), strategy('b', 'paused'), strategy('c', 'error'), strategy('d', 'stopped')] };
    expect(haltPreview(strategies, risk, null)).toMatchObject({
      strategiesToStop: 3, strategiesRunning: 1, grossExposureUsd: 2_000_000, netExposureUsd: -50_000,
      dailyPnlUsd: -45_000, lossLimitUsd: 50_000, lossLimitUsedPct: 90, byExchange: null,
    });
  });

  it('says nothing it does not know', () => {
    expect(Object.values(haltPreview(null, null, null)).every((v) => v === null)).toBe(true);
  });

  it('sums open positions by exchange, largest gross first, shorts counted against net', () => {
    const positions: Positions = {
      timestamp: AT,
      positions: [position('okx', 'long', 100), position('binance', 'long', 300), position('binance', 'short', 200), position('okx', 'short', 50)],
    };
    expect(exposureByExchange(positions)).toEqual([
      { exchange: 'binance', positions: 2, grossUsd: 500, netUsd: 100 },
      { exchange: 'okx', positions: 2, grossUsd: 150, netUsd: 50 },
    ]);
  });
});
