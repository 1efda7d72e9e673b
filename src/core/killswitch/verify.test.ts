import { describe, expect, it } from 'vitest';
import type { Status, Strategies, Strategy } from '../../contract/hft.js';
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import { checkHalt, checkStops, deskContactOf, haltNextSteps, stopNextSteps } from './verify.js';

const AT = '2026-11-24T18:00:00.000Z';
const desk = deskContactOf(DEFAULT_PLAYBOOK);

function strategy(id: string, status: Strategy['status'], pnl = 0, exchanges = ['binance']): Strategy {
  return { strategy_id: id, name: id, status, exchanges, performance: { daily_pnl_usd: pnl, trades_today: 1, fill_rate_pct: 10 } };
}
const strategies = (...list: Strategy[]): Strategies => ({ timestamp: AT, strategies: list });
function status(active: boolean, tradingEnabled: boolean): Status {
  return {
    timestamp: AT,
    trading_enabled: tradingEnabled,
    killswitch: active
      ? { active, reason: 'loss limit', activated_at: AT, source: 'manual' }
      : { active, reason: null, activated_at: null, source: null },
    exchanges: [],
    latency: { order_p50_ms: 1, order_p99_ms: 4, market_data_p99_ms: 1 },
    resources: { cpu_pct: 1, memory_pct: 1, disk_pct: 1 },
  };
}

describe('checkHalt', () => {
  it('verifies a halt: killswitch on, trading off, every strategy stopped', () => {
    const check = checkHalt(status(true, false), strategies(strategy('a', 'stopped'), strategy('b', 'stopped')));
    expect(check).toMatchObject({ verified: true, strategiesStopped: 2, notStopped: [] });
    expect(check.seen).toEqual(['killswitch active (set manually: "loss limit"), trading disabled, 2 of 2 strategies stopped']);
    expect(haltNextSteps(check, 'loss limit', desk)).toEqual([
      { text: 'Tell the trading desk trading is halted: call Trading desk (+1-555-0103, trading@company.com)', phone: '+1-555-0103', email: 'trading@company.com' },
    ]);
  });

  it('says what it saw when the system answered 200 but kept trading', () => {
    const check = checkHalt(
      status(false, true),
      strategies(strategy('mm-btc-01', 'running'), strategy('b', 'stopped'), strategy('arb-eth-02', 'running'), strategy('c', 'paused')),
    );
    expect(check.verified).toBe(false);
    expect(check.seen).toEqual([
      'killswitch.active is false',
      'trading_enabled is true',
      '2 strategies still running: mm-btc-01, arb-eth-02',
      '1 strategy still paused: c',
    ]);
    const steps = haltNextSteps(check, "trader's call", desk);
    expect(steps.map((s) => s.command).filter(Boolean)).toEqual([
      `curl -X POST http://localhost:8080/api/v1/killswitch -d '{"reason":"trader'\\''s call"}'`,
      `curl http://localhost:8080/api/v1/status | jq '{trading_enabled, killswitch}'`,
      `curl http://localhost:8080/api/v1/strategies | jq '.strategies[] | select(.status != "stopped") | {id: .strategy_id, status: .status}'`,
    ]);
    expect(steps.at(-1)).toMatchObject({ text: expect.stringContaining('NOT verified'), phone: '+1-555-0103' });
  });

  it('does not count an errored or paused strategy as stopped, and shortens long lists', () => {
    const many = Array.from({ length: 8 }, (_, i) => strategy(`s${i}`, 'error'));
    const check = checkHalt(status(true, false), strategies(...many));
    expect(check.verified).toBe(false);
    expect(check.seen).toEqual(['8 strategies still error: s0, s1, s2, s3, s4 and 3 more']);
  });

  it('gives the manual commands when nothing could be read back', () => {
    const steps = haltNextSteps(null, 'x', desk);
    expect(steps.filter((s) => s.command)).toHaveLength(3);
  });
});

describe('checkStops', () => {
  it('verifies the asked-for strategies stopped, whatever the others do', () => {
    const check = checkStops(strategies(strategy('a', 'stopped'), strategy('b', 'running'), strategy('c', 'stopped')), ['a', 'c', 'a']);
    expect(check).toMatchObject({ verified: true, stopped: ['a', 'c'], notStopped: [], missing: [] });
    expect(check.seen).toEqual(['2 of 2 strategies stopped: a, c']);
  });

  it('is not verified when one still runs or is not listed, and says how to stop it by hand', () => {
    const check = checkStops(strategies(strategy('a', 'stopped'), strategy('b', 'running')), ['a', 'b', 'ghost']);
    expect(check).toMatchObject({ verified: false, stopped: ['a'], notStopped: [{ id: 'b', status: 'running' }], missing: ['ghost'] });
    expect(check.seen).toEqual(['1 strategy still running: b', 'not listed by the system: ghost']);
    const steps = stopNextSteps(check, ['a', 'b', 'ghost'], 'exchange down', desk);
    expect(steps[0]).toEqual({
      text: 'On the trading host, stop b by hand',
      command: `curl -X POST http://localhost:8080/api/v1/strategies/b/stop -d '{"reason":"exchange down"}'`,
    });
    expect(steps.at(-1)?.phone).toBe('+1-555-0103');
  });
});
