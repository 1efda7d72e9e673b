import { describe, expect, it } from 'vitest';
import type { RiskSummary, Status, Strategies, Strategy } from '../../contract/hft.js';
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import { killswitchHeadline, stopHeadline, type KillswitchOutcome, type StopOutcome } from './outcome.js';
import { killswitchBanner, killswitchReadiness, strategiesLosingToday, strategiesOnExchange } from './select.js';

const AT = '2026-11-24T18:00:00.000Z';
function strategy(id: string, status: Strategy['status'], pnl: number, exchanges: string[]): Strategy {
  return { strategy_id: id, name: id, status, exchanges, performance: { daily_pnl_usd: pnl, trades_today: 1, fill_rate_pct: 10 } };
}
const book: Strategies = {
  timestamp: AT,
  strategies: [
    strategy('mm-btc-01', 'running', -1520, ['binance', 'okx']),
    strategy('arb-eth-01', 'paused', 300, ['Binance']),
    strategy('mm-sol-01', 'stopped', -900, ['binance']),
    strategy('trend-btc-02', 'running', -40, ['kraken']),
    strategy('mm-eth-03', 'error', 0, ['kraken']),
  ],
};

describe('selections', () => {
  it('picks the strategies not stopped that trade on an exchange, whatever its case', () => {
    expect(strategiesOnExchange(book, 'binance').map((s) => s.strategy_id)).toEqual(['mm-btc-01', 'arb-eth-01']);
    expect(strategiesOnExchange(book, ' KRAKEN ').map((s) => s.strategy_id)).toEqual(['trend-btc-02', 'mm-eth-03']);
    expect(strategiesOnExchange(book, 'gemini')).toEqual([]);
  });

  it('picks the strategies losing money today and not stopped, worst first', () => {
    expect(strategiesLosingToday(book).map((s) => s.strategy_id)).toEqual(['mm-btc-01', 'trend-btc-02']);
  });
});

describe('readiness and banner', () => {
  const risk = (pct: number): RiskSummary => ({
    timestamp: AT, daily_pnl_usd: -pct * 500, daily_loss_limit_usd: 50_000, loss_limit_used_pct: pct,
    gross_exposure_usd: 1, net_exposure_usd: 0, position_limit_usd: 1, killswitch_active: false,
  });

  it('arms the button and preselects the loss-limit reason from 90% of the limit', () => {
    expect(killswitchReadiness(risk(89.99), DEFAULT_PLAYBOOK)).toEqual({ armed: false, preselect: null, lossLimitUsedPct: 89.99 });
    expect(killswitchReadiness(risk(90), DEFAULT_PLAYBOOK)).toEqual({ armed: true, preselect: 'loss-limit', lossLimitUsedPct: 90 });
    expect(killswitchReadiness(null, DEFAULT_PLAYBOOK).armed).toBe(false);
  });

  it('shows a banner when the system fired the killswitch by itself', () => {
    const base = { timestamp: AT, trading_enabled: false, exchanges: [], latency: { order_p50_ms: 1, order_p99_ms: 1, market_data_p99_ms: 1 }, resources: { cpu_pct: 1, memory_pct: 1, disk_pct: 1 } };
    const auto: Status = { ...base, killswitch: { active: true, reason: 'daily loss limit reached', activated_at: AT, source: 'auto_loss_limit' } };
    expect(killswitchBanner(auto)).toEqual({
      source: 'auto_loss_limit', reason: 'daily loss limit reached', activatedAt: Date.parse(AT),
      text: 'The system fired the killswitch by itself (loss limit): daily loss limit reached. Trading is halted.',
    });
    expect(killswitchBanner({ ...base, trading_enabled: true, killswitch: { active: false, reason: null, activated_at: null, source: null } })).toBeNull();
  });
});

describe('headlines', () => {
  const at = Date.parse('2026-11-24T18:03:07.000Z');
  it('names the verification time and count, or says NOT VERIFIED', () => {
    const outcome = { verified: true, verifiedAt: at, strategiesStopped: 24 } as KillswitchOutcome;
    expect(killswitchHeadline(outcome, 'UTC')).toBe('Trading halted, verified at 18:03:07, 24 strategies stopped');
    expect(killswitchHeadline(outcome, 'Europe/Berlin')).toBe('Trading halted, verified at 19:03:07, 24 strategies stopped');
    expect(killswitchHeadline({ ...outcome, verified: false, verifiedAt: null }, 'UTC')).toMatch(/^NOT VERIFIED/);
    const stop = { verified: true, verifiedAt: at, ids: ['a'], stopped: ['a'], notStopped: [] } as unknown as StopOutcome;
    expect(stopHeadline(stop, 'UTC')).toBe('1 strategy stopped, verified at 18:03:07');
    expect(stopHeadline({ ...stop, verified: false, notStopped: ['a'] }, 'UTC')).toBe('NOT VERIFIED: 1 of 1 not shown stopped');
  });
});
