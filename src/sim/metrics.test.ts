import { describe, expect, it } from 'vitest';
import { metricsText } from './metrics.js';
import { TradingModel } from './model.js';
import { riskView, statusView } from './views.js';

/** Parses the exposition format enough to check it: families, types and samples. */
function parse(text: string) {
  const help = new Set<string>();
  const type = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let m = /^# HELP (\w+) .+$/.exec(line);
    if (m) { help.add(m[1]!); continue; }
    m = /^# TYPE (\w+) (gauge|counter)$/.exec(line);
    if (m) { type.set(m[1]!, m[2]!); continue; }
    m = /^(\w+)(\{[^}]*\})? (-?[\d.e+-]+|NaN)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    samples.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return { help, type, samples };
}

describe('metricsText', () => {
  it('exposes the same state as the API, every family with HELP and TYPE', () => {
    const m = new TradingModel({ seed: 9, strategies: 24, positions: 150, startMs: 0 });
    m.advanceTo(30_000);
    m.disconnectExchange('kraken');
    const { help, type, samples } = parse(metricsText(m, 30_000));
    for (const name of new Set([...samples.keys()].map((k) => k.replace(/\{.*$/, '')))) {
      expect(help.has(name), name).toBe(true);
      expect(type.get(name), name).toBe('gauge');
    }
    const status = statusView(m, 30_000);
    const risk = riskView(m, 30_000);
    expect(samples.get('hft_exchange_connected{exchange="kraken"}')).toBe(0);
    expect(samples.get('hft_exchange_connected{exchange="binance"}')).toBe(1);
    expect(samples.get('hft_exchange_latency_ms{exchange="binance"}')).toBeCloseTo(status.exchanges[0]!.latency_ms, 1);
    expect(samples.get('hft_order_latency_p99_ms')).toBeCloseTo(status.latency.order_p99_ms, 1);
    expect(samples.get('hft_daily_pnl_usd')).toBeCloseTo(risk.daily_pnl_usd, 1);
    expect(samples.get('hft_loss_limit_used_pct')).toBeCloseTo(risk.loss_limit_used_pct, 1);
    expect(samples.get('hft_disk_used_pct')).toBeCloseTo(status.resources.disk_pct, 0);
    expect(samples.get('hft_cpu_used_pct')).toBeCloseTo(status.resources.cpu_pct, 0);
    expect(samples.get('hft_memory_used_pct')).toBeCloseTo(status.resources.memory_pct, 0);
    expect(samples.get('hft_killswitch_active')).toBe(0);
    expect(samples.get('hft_strategy_running{strategy_id="mm-btc-01"}')).toBe(1);
    expect([...samples.keys()].filter((k) => k.startsWith('hft_strategy_running{'))).toHaveLength(24);
  });

  it('follows the killswitch', () => {
    const m = new TradingModel({ seed: 9, strategies: 3, positions: 3, startMs: 0 });
    m.activateKillswitch('drill', 'manual', 0);
    const { samples } = parse(metricsText(m, 0));
    expect(samples.get('hft_killswitch_active')).toBe(1);
    expect(samples.get('hft_trading_enabled')).toBe(0);
    expect(samples.get('hft_strategy_running{strategy_id="mm-btc-01"}')).toBe(0);
  });
});
