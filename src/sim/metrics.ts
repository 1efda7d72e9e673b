/**
 * GET /metrics: the same state in the Prometheus text exposition format
 * (version 0.0.4, https://prometheus.io/docs/instrumenting/exposition_formats/),
 * so standard monitoring can watch the simulated system like the real one.
 */
import type { TradingModel } from './model.js';
import { exposureUsd } from './views.js';

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Sample = [labels: Record<string, string> | null, value: number];

/** Label values escape backslash, double quote and newline, per the format. */
const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function family(name: string, help: string, type: 'gauge' | 'counter', samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) {
    const labelText = labels
      ? `{${Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`
      : '';
    lines.push(`${name}${labelText} ${Number.isFinite(value) ? String(value) : 'NaN'}`);
  }
  return lines.join('\n');
}

const one = (value: number): Sample[] => [[null, value]];
const flag = (b: boolean) => (b ? 1 : 0);
const r2 = (x: number) => Math.round(x * 100) / 100;

export function metricsText(model: TradingModel, nowMs: number): string {
  const { gross, net } = exposureUsd(model);
  const pnl = model.dailyPnlUsd();
  const byExchange = (value: (e: TradingModel['exchanges'][number]) => number): Sample[] =>
    model.exchanges.map((e) => [{ exchange: e.name }, value(e)]);
  const byStrategy = (value: (s: TradingModel['strategies'][number]) => number): Sample[] =>
    model.strategies.map((s) => [{ strategy_id: s.id }, value(s)]);
  return [
    family('hft_up', 'Whether the trading system answers (1 = up).', 'gauge', one(1)),
    family('hft_uptime_seconds', 'Seconds since the trading system started.', 'gauge', one(Math.floor((nowMs - model.startMs) / 1000))),
    family('hft_trading_enabled', 'Whether order entry is enabled (0 after the killswitch).', 'gauge', one(flag(model.tradingEnabled))),
    family('hft_killswitch_active', 'Whether the killswitch is active.', 'gauge', one(flag(model.killswitch.active))),
    family('hft_exchange_connected', 'Whether the exchange connection is up.', 'gauge', byExchange((e) => flag(e.connected))),
    family('hft_exchange_latency_ms', 'Round-trip latency to the exchange, ms.', 'gauge', byExchange((e) => r2(e.latencyMs.value))),
    family('hft_exchange_rate_limit_used_pct', 'Share of the exchange API rate limit in use, percent.', 'gauge', byExchange((e) => r2(e.rateLimitUsedPct.value))),
    family('hft_exchange_last_message_timestamp_seconds', 'Unix time of the last message from the exchange.', 'gauge', byExchange((e) => e.lastMessageMs / 1000)),
    family('hft_order_latency_p50_ms', 'Median order latency, ms.', 'gauge', one(r2(model.orderP50Ms.value))),
    family('hft_order_latency_p99_ms', '99th percentile order latency, ms.', 'gauge', one(r2(model.orderP99Ms.value))),
    family('hft_market_data_latency_p99_ms', '99th percentile market data latency, ms.', 'gauge', one(r2(model.marketDataP99Ms.value))),
    family('hft_daily_pnl_usd', 'Daily profit and loss of the whole book, USD.', 'gauge', one(r2(pnl))),
    family('hft_daily_loss_limit_usd', 'Daily loss limit, USD.', 'gauge', one(model.dailyLossLimitUsd)),
    family('hft_loss_limit_used_pct', 'Share of the daily loss limit used, percent.', 'gauge', one(r2(model.lossLimitUsedPct()))),
    family('hft_gross_exposure_usd', 'Gross exposure of open positions, USD.', 'gauge', one(r2(gross))),
    family('hft_net_exposure_usd', 'Net exposure of open positions, USD.', 'gauge', one(r2(net))),
    family('hft_position_limit_usd', 'Gross position limit, USD.', 'gauge', one(model.positionLimitUsd)),
    family('hft_positions_open', 'Number of open positions.', 'gauge', one(model.positions.length)),
    family('hft_cpu_used_pct', 'CPU in use, percent.', 'gauge', one(r2(model.cpuPct.value))),
    family('hft_memory_used_pct', 'Memory in use, percent.', 'gauge', one(r2(model.memoryPct.value))),
    family('hft_disk_used_pct', 'Disk space in use, percent.', 'gauge', one(r2(model.diskPct.value))),
    family('hft_strategy_running', 'Whether the strategy is running.', 'gauge', byStrategy((s) => flag(s.status === 'running'))),
    family('hft_strategy_daily_pnl_usd', 'Daily profit and loss of the strategy, USD.', 'gauge', byStrategy((s) => r2(model.strategyPnlUsd(s)))),
    family('hft_strategy_trades_today', 'Trades the strategy made today.', 'gauge', byStrategy((s) => Math.floor(s.trades))),
  ].join('\n') + '\n';
}
