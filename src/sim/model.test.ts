import { describe, expect, it } from 'vitest';
import { Positions, RiskSummary, Status, Strategies } from '../contract/hft.js';
import { SimControls } from './control.js';
import { TICK_MS, TradingModel } from './model.js';
import { positionsView, riskView, statusView, strategiesView } from './views.js';

const START = Date.UTC(2026, 10, 24, 9, 0, 0);
const HOUR = 3_600_000;
const model = (over: Partial<ConstructorParameters<typeof TradingModel>[0]> = {}) =>
  new TradingModel({ seed: 7, strategies: 24, positions: 150, startMs: START, ...over });

/** Everything the API would show at `at`. */
function snapshot(m: TradingModel, at: number) {
  m.advanceTo(at);
  return {
    status: statusView(m, at),
    positions: positionsView(m, at),
    strategies: strategiesView(m, at),
    risk: riskView(m, at),
  };
}

describe('TradingModel', () => {
  it('builds the default book: 12 exchanges, 24 strategies on 1-3 exchanges each, 150 positions', () => {
    const m = model();
    expect(m.exchanges.map((e) => e.name)).toHaveLength(12);
    expect(m.strategies).toHaveLength(24);
    expect(m.strategies[0]!.id).toBe('mm-btc-01');
    expect(m.strategies[0]!.name).toBe('BTC market making');
    for (const s of m.strategies) {
      expect(s.id).toMatch(/^[a-z]+-[a-z]+-\d{2}$/);
      expect(s.exchanges.length).toBeGreaterThanOrEqual(1);
      expect(s.exchanges.length).toBeLessThanOrEqual(3);
    }
    expect(new Set(m.strategies.map((s) => s.id)).size).toBe(24);
    expect(m.positions).toHaveLength(150);
    const ids = new Set(m.strategies.map((s) => s.id));
    for (const p of m.positions) {
      expect(ids.has(p.strategyId)).toBe(true);
      expect(m.findStrategy(p.strategyId)!.exchanges).toContain(p.exchange);
    }
  });

  it('gives one seed one run: the state at a tick does not depend on when it was asked for', () => {
    const a = model();
    const b = model();
    // a is asked often, b only once at the end.
    for (let t = 0; t <= 10 * 60_000; t += 1_700) a.advanceTo(START + t);
    const at = START + 10 * 60_000;
    expect(snapshot(a, at)).toEqual(snapshot(b, at));
    expect(a.tick).toBe((10 * 60_000) / TICK_MS);
  });

  it('gives another seed another run', () => {
    const at = START + 60_000;
    expect(snapshot(model({ seed: 8 }), at).risk).not.toEqual(snapshot(model(), at).risk);
  });

  it('moves: prices, P&L, latency and resources change from tick to tick', () => {
    const m = model();
    const first = snapshot(m, START + 1_000);
    const later = snapshot(m, START + 60_000);
    expect(later.positions.positions[0]!.mark_price).not.toBe(first.positions.positions[0]!.mark_price);
    expect(later.risk.daily_pnl_usd).not.toBe(first.risk.daily_pnl_usd);
    expect(later.status.latency).not.toEqual(first.status.latency);
    expect(later.status.resources.cpu_pct).not.toBe(first.status.resources.cpu_pct);
    expect(later.strategies.strategies[0]!.performance.trades_today).toBeGreaterThan(first.strategies.strategies[0]!.performance.trades_today);
  });

  it('re-marks only the given number of positions per second, a slice rotating through the book', () => {
    const m = model({ positions: 1_000, movingPositionsPerSecond: 100 });
    let before = positionsView(m, START).positions;
    for (const second of [1, 2, 3]) {
      m.advanceTo(START + second * 1_000);
      const now = positionsView(m, START + second * 1_000).positions;
      const moved = now.map((p, i) => (p.mark_price !== before[i]!.mark_price ? i : -1)).filter((i) => i >= 0);
      // 25 a tick, four ticks a second, each slice following the last: rows 100(s-1) .. 100 s - 1.
      expect(moved.length).toBeGreaterThan(90);
      expect(moved.every((i) => i >= (second - 1) * 100 && i < second * 100)).toBe(true);
      before = now;
    }
    // Exposure follows the marks shown, not the index.
    const shown = positionsView(m, START + 3_000).positions.reduce((sum, p) => sum + p.notional_usd, 0);
    expect(riskView(m, START + 3_000).gross_exposure_usd).toBeCloseTo(shown, -1);
  });

  it('has strategies losing as well as earning, with no jump when they first move', () => {
    const m = model();
    const atStart = snapshot(m, START).risk.daily_pnl_usd;
    const afterFirstMove = snapshot(m, START + 2_000).risk.daily_pnl_usd;
    // A strategy moves by tens of dollars a step; the book by a few hundred at most.
    expect(Math.abs(afterFirstMove - atStart)).toBeLessThan(1_000);
    for (const at of [START + 2_000, START + HOUR, START + 4 * HOUR]) {
      const pnls = snapshot(m, at).strategies.strategies.map((s) => s.performance.daily_pnl_usd);
      expect(pnls.some((p) => p < 0), `some strategy losing at +${(at - START) / HOUR} h`).toBe(true);
      expect(pnls.some((p) => p > 0)).toBe(true);
    }
  });

  it('stays realistic and far from the loss limit over a default 4-hour run', () => {
    const m = model();
    let worst = 0;
    const p99s: number[] = [];
    for (let t = 0; t <= 4 * HOUR; t += 60_000) {
      m.advanceTo(START + t);
      worst = Math.max(worst, m.lossLimitUsedPct());
      p99s.push(m.orderP99Ms.value);
      expect(m.orderP50Ms.value).toBeGreaterThan(0.5);
      expect(m.orderP50Ms.value).toBeLessThan(2);
      expect(m.cpuPct.value).toBeGreaterThan(20);
      expect(m.cpuPct.value).toBeLessThan(50);
      expect(m.memoryPct.value).toBeGreaterThan(50);
      expect(m.memoryPct.value).toBeLessThan(70);
      expect(m.diskPct.value).toBeGreaterThan(65);
      expect(m.diskPct.value).toBeLessThan(75);
    }
    expect(worst).toBeLessThan(50);
    expect(m.killswitch.active).toBe(false);
    const meanP99 = p99s.reduce((a, b) => a + b, 0) / p99s.length;
    expect(meanP99).toBeGreaterThan(4);
    expect(meanP99).toBeLessThan(5);
  });

  it('produces values the contract accepts', () => {
    const s = snapshot(model(), START + 30_000);
    expect(Status.parse(s.status)).toEqual(s.status);
    expect(Positions.parse(s.positions)).toEqual(s.positions);
    expect(Strategies.parse(s.strategies)).toEqual(s.strategies);
    expect(RiskSummary.parse(s.risk)).toEqual(s.risk);
  });

  it('computes loss_limit_used_pct from the daily P&L as the API defines it', () => {
    const m = model();
    new SimControls(m).add({ name: 'loss_limit_approach', target_pct: 40, over_s: 0 }, START);
    const risk = snapshot(m, START + 1_000).risk;
    expect(risk.daily_pnl_usd).toBeCloseTo(-20_000, 0);
    expect(risk.loss_limit_used_pct).toBeCloseTo((20_000 / 50_000) * 100, 1);
  });
});

describe('killswitch', () => {
  it('stops every strategy, disables trading, leaves positions as they are, and is idempotent', () => {
    const m = model();
    m.advanceTo(START + 5_000);
    const before = positionsView(m, START + 5_000).positions.map((p) => [p.exchange, p.symbol, p.side, p.quantity]);
    const first = m.activateKillswitch('drill', 'manual', START + 5_000);
    expect(first).toEqual({ active: true, reason: 'drill', activatedAtMs: START + 5_000, source: 'manual' });
    expect(m.tradingEnabled).toBe(false);
    expect(m.strategies.every((s) => s.status === 'stopped')).toBe(true);
    const again = m.activateKillswitch('another reason', 'manual', START + 9_000);
    expect(again).toEqual(first);
    m.advanceTo(START + 60_000);
    const after = positionsView(m, START + 60_000).positions.map((p) => [p.exchange, p.symbol, p.side, p.quantity]);
    expect(after).toEqual(before);
  });

  it('freezes the P&L and trade counts of stopped strategies', () => {
    const m = model();
    m.advanceTo(START + 10_000);
    m.activateKillswitch('drill', 'manual', START + 10_000);
    const frozen = strategiesView(m, 0).strategies.map((s) => s.performance);
    m.advanceTo(START + 120_000);
    expect(strategiesView(m, 0).strategies.map((s) => s.performance)).toEqual(frozen);
  });

  it('refuses to start a strategy while active; stop and start answer for unknown ids', () => {
    const m = model();
    expect(m.stopStrategy('nope-01')).toBe(false);
    expect(m.startStrategy('nope-01')).toBe('unknown');
    expect(m.stopStrategy('mm-btc-01')).toBe(true);
    expect(m.findStrategy('mm-btc-01')!.status).toBe('stopped');
    expect(m.startStrategy('mm-btc-01')).toBe('running');
    m.activateKillswitch('drill', 'manual', START);
    expect(m.startStrategy('mm-btc-01')).toBe('killswitch_active');
    expect(m.findStrategy('mm-btc-01')!.status).toBe('stopped');
  });

  it('reset restarts what the killswitch stopped, but not what was stopped by hand', () => {
    const m = model();
    m.stopStrategy('arb-eth-01');
    m.activateKillswitch('drill', 'manual', START);
    expect(m.resetKillswitch()).toBe(true);
    expect(m.killswitch.active).toBe(false);
    expect(m.findStrategy('arb-eth-01')!.status).toBe('stopped');
    expect(m.strategies.filter((s) => s.status === 'running')).toHaveLength(23);
    expect(m.resetKillswitch()).toBe(false);
  });

  it('fires by itself at 100% of the loss limit, with source auto_loss_limit', () => {
    const m = model();
    new SimControls(m).add({ name: 'loss_limit_approach', target_pct: 100, over_s: 60 }, START);
    m.advanceTo(START + 30_000);
    expect(m.killswitch.active).toBe(false);
    expect(m.lossLimitUsedPct()).toBeGreaterThan(40);
    expect(m.lossLimitUsedPct()).toBeLessThan(60);
    m.advanceTo(START + 61_000);
    expect(m.killswitch).toMatchObject({ active: true, source: 'auto_loss_limit', activatedAtMs: START + 60_000 });
    expect(m.killswitch.reason).toMatch(/loss limit/);
    expect(m.strategies.every((s) => s.status === 'stopped')).toBe(true);
  });
});

describe('scenarios', () => {
  it('loss_limit_approach reaches its target over over_s, stays there, and pins the loss on a few strategies', () => {
    const m = model();
    const controls = new SimControls(m);
    m.advanceTo(START + 2_000);
    controls.add({ name: 'loss_limit_approach', target_pct: 90, over_s: 120 }, START + 2_000);
    m.advanceTo(START + 2_000 + 120_000);
    expect(m.lossLimitUsedPct()).toBeCloseTo(90, 6);
    m.advanceTo(START + 30 * 60_000);
    expect(m.lossLimitUsedPct()).toBeCloseTo(90, 6);
    expect(m.killswitch.active).toBe(false);
    const losers = strategiesView(m, 0).strategies.filter((s) => s.performance.daily_pnl_usd < -10_000);
    expect(losers.length).toBeGreaterThanOrEqual(1);
    expect(losers.length).toBeLessThanOrEqual(3);
    controls.clear();
    m.advanceTo(START + 31 * 60_000);
    expect(m.lossLimitUsedPct()).toBeLessThan(30);
  });

  it('loss_limit_approach: stopping the losing strategies mid-ramp keeps the book short of the target', () => {
    const m = model();
    const controls = new SimControls(m);
    controls.add({ name: 'loss_limit_approach', target_pct: 100, over_s: 100 }, START);
    m.advanceTo(START + 50_000);
    const losers = strategiesView(m, 0).strategies.filter((s) => s.performance.daily_pnl_usd < -5_000);
    expect(losers.length).toBeGreaterThanOrEqual(2);
    for (const s of losers) m.stopStrategy(s.strategy_id);
    m.advanceTo(START + 200_000);
    expect(m.killswitch.active).toBe(false);
    expect(m.lossLimitUsedPct()).toBeLessThan(90);
  });

  it('exchange_disconnect drops the exchange and stops its clock; several at once; clear reconnects', () => {
    const m = model();
    const controls = new SimControls(m);
    m.advanceTo(START + 10_000);
    controls.add({ name: 'exchange_disconnect', exchange: 'binance' }, START + 10_000);
    controls.add({ name: 'exchange_disconnect', exchange: 'kraken' }, START + 10_000);
    const lastSeen = m.exchanges.find((e) => e.name === 'binance')!.lastMessageMs;
    m.advanceTo(START + 70_000);
    const status = statusView(m, START + 70_000);
    const byName = Object.fromEntries(status.exchanges.map((e) => [e.name, e]));
    expect(byName.binance!.connected).toBe(false);
    expect(byName.kraken!.connected).toBe(false);
    expect(byName.okx!.connected).toBe(true);
    expect(Date.parse(byName.binance!.last_message_at)).toBe(lastSeen);
    expect(Date.parse(byName.okx!.last_message_at)).toBeGreaterThan(START + 69_000);
    expect(controls.list()).toHaveLength(2);
    controls.clear();
    m.advanceTo(START + 71_000);
    expect(m.exchanges.every((e) => e.connected)).toBe(true);
  });

  it('high_latency raises order p99 to the asked value; disk_low fills the disk; clear restores both', () => {
    const m = model();
    const controls = new SimControls(m);
    controls.add({ name: 'high_latency', order_p99_ms: 40 }, START);
    controls.add({ name: 'disk_low', disk_pct: 97 }, START);
    m.advanceTo(START + 60_000);
    const s = statusView(m, START + 60_000);
    expect(s.latency.order_p99_ms).toBeGreaterThan(38);
    expect(s.latency.order_p99_ms).toBeLessThan(42);
    expect(s.latency.order_p50_ms).toBeGreaterThan(2);
    expect(s.resources.disk_pct).toBeCloseTo(97, 0);
    controls.clear();
    m.advanceTo(START + 61_000);
    expect(m.orderP99Ms.value).toBeLessThan(6);
    expect(m.diskPct.value).toBeLessThan(72);
  });
});

describe('scale', () => {
  it('handles 1,000 strategies and 10,000 positions, and catches up an idle minute quickly', () => {
    const m = model({ strategies: 1_000, positions: 10_000 });
    expect(m.strategies).toHaveLength(1_000);
    expect(new Set(m.strategies.map((s) => s.id)).size).toBe(1_000);
    const t0 = performance.now();
    m.advanceTo(START + 60_000);
    const view = positionsView(m, START + 60_000);
    const elapsed = performance.now() - t0;
    expect(view.positions).toHaveLength(10_000);
    expect(Positions.safeParse(view).success).toBe(true);
    expect(elapsed).toBeLessThan(1_000);
    // The whole book's P&L stays the same size however many strategies share it.
    expect(m.lossLimitUsedPct()).toBeLessThan(50);
  });
});
