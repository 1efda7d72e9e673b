/**
 * The fixed reference data the simulated book is drawn from: what is traded,
 * where, and how each kind of strategy behaves. Prices and latencies are
 * illustrative orders of magnitude, not market data.
 */
import { EXCHANGES } from '../contract/hft.js';

export type ExchangeName = (typeof EXCHANGES)[number];

export interface Asset {
  ticker: string;
  /** USD price the walk reverts to. */
  basePrice: number;
  /** Relative weight when choosing what a new strategy trades. */
  weight: number;
}

export const ASSETS: readonly Asset[] = [
  { ticker: 'BTC', basePrice: 67_000, weight: 8 },
  { ticker: 'ETH', basePrice: 3_500, weight: 6 },
  { ticker: 'SOL', basePrice: 150, weight: 3 },
  { ticker: 'XRP', basePrice: 0.6, weight: 2 },
  { ticker: 'BNB', basePrice: 580, weight: 2 },
  { ticker: 'DOGE', basePrice: 0.15, weight: 2 },
  { ticker: 'ADA', basePrice: 0.45, weight: 1 },
  { ticker: 'AVAX', basePrice: 35, weight: 1 },
  { ticker: 'LINK', basePrice: 15, weight: 1 },
  { ticker: 'DOT', basePrice: 7, weight: 1 },
  { ticker: 'LTC', basePrice: 80, weight: 1 },
  { ticker: 'TON', basePrice: 5.5, weight: 1 },
  { ticker: 'ATOM', basePrice: 8, weight: 1 },
  { ticker: 'NEAR', basePrice: 5, weight: 1 },
  { ticker: 'ARB', basePrice: 1.1, weight: 1 },
  { ticker: 'TRX', basePrice: 0.12, weight: 1 },
];

export interface StrategyFamily {
  /** Prefix of the strategy id, e.g. `mm` in mm-btc-01. */
  code: string;
  /** Words after the ticker in the display name, e.g. "BTC market making". */
  label: string;
  minExchanges: number;
  maxExchanges: number;
  /** Typical share of orders filled, percent. */
  fillRatePct: number;
  /** Typical orders filled per second while running. */
  tradesPerSecond: number;
}

export const FAMILIES: readonly StrategyFamily[] = [
  { code: 'mm', label: 'market making', minExchanges: 1, maxExchanges: 2, fillRatePct: 37, tradesPerSecond: 0.8 },
  { code: 'arb', label: 'cross-exchange arbitrage', minExchanges: 2, maxExchanges: 3, fillRatePct: 62, tradesPerSecond: 0.3 },
  { code: 'stat', label: 'statistical arbitrage', minExchanges: 1, maxExchanges: 2, fillRatePct: 48, tradesPerSecond: 0.2 },
  { code: 'basis', label: 'basis trading', minExchanges: 2, maxExchanges: 2, fillRatePct: 71, tradesPerSecond: 0.05 },
  { code: 'fund', label: 'funding rate capture', minExchanges: 1, maxExchanges: 2, fillRatePct: 80, tradesPerSecond: 0.02 },
  { code: 'mom', label: 'momentum', minExchanges: 1, maxExchanges: 1, fillRatePct: 55, tradesPerSecond: 0.1 },
];

/**
 * Round-trip order latency to each venue in ms, as seen from a co-located
 * host: a few ms where we sit close, more for the US-only venues.
 */
export const EXCHANGE_LATENCY_MS: Readonly<Record<ExchangeName, number>> = {
  binance: 2.1, coinbase: 6.5, kraken: 7.8, okx: 3.0, bybit: 2.6, bitfinex: 9.5,
  bitstamp: 8.2, gemini: 6.9, kucoin: 4.4, deribit: 3.7, htx: 5.2, gateio: 4.9,
};

/** How each venue spells a spot or perpetual market for an asset. */
export function symbolOn(exchange: ExchangeName, ticker: string): string {
  switch (exchange) {
    case 'coinbase':
    case 'kraken':
    case 'gemini':
    case 'bitstamp':
      return `${ticker}-USD`;
    case 'deribit':
      return `${ticker}-PERP`;
    default:
      return `${ticker}-USDT`;
  }
}
