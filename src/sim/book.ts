/**
 * The simulated trading book at the start of a run: strategies, the venues
 * each trades on, and the open positions. Everything is drawn from the seed,
 * so one seed always gives one book.
 */
import type { StrategyStatus } from '../contract/hft.js';
import { EXCHANGES } from '../contract/hft.js';
import { ASSETS, FAMILIES, symbolOn, type ExchangeName, type StrategyFamily } from './catalogue.js';
import { seededRandom, subSeed, type Random } from './prng.js';

export const DEFAULT_STRATEGIES = 24;
export const DEFAULT_POSITIONS = 150;
/** The book the issue sizes for: 1,000 strategies, 10,000 positions. */
export const MAX_STRATEGIES = 5_000;
export const MAX_POSITIONS = 100_000;
/** Daily loss limit, USD: the figure the risk desk sets for the whole book. */
export const DAILY_LOSS_LIMIT_USD = 50_000;
/** Gross position limit for the default book, USD; larger books get a proportionally larger one. */
export const BASE_POSITION_LIMIT_USD = 5_000_000;
/** Median position size, USD: 150 positions make a gross exposure of a few million. */
const MEDIAN_POSITION_USD = 15_000;

export interface StrategyBook {
  id: string;
  name: string;
  family: StrategyFamily;
  exchanges: ExchangeName[];
  assetIndex: number;
  status: StrategyStatus;
}

export interface PositionBook {
  exchange: ExchangeName;
  symbol: string;
  assetIndex: number;
  side: 'long' | 'short';
  quantity: number;
  avgEntryPrice: number;
  strategyId: string;
  /** This venue's steady premium over the index price, as a fraction (a few basis points). */
  basis: number;
}

export interface Book {
  strategies: StrategyBook[];
  positions: PositionBook[];
  exchanges: readonly ExchangeName[];
  positionLimitUsd: number;
}

/**
 * The first strategies are fixed, so the ids the docs use as examples
 * (mm-btc-01, arb-eth-01) exist in every default run; the rest are drawn.
 */
const HEAD: readonly [code: string, ticker: string][] = [
  ['mm', 'BTC'], ['mm', 'ETH'], ['arb', 'BTC'], ['arb', 'ETH'], ['stat', 'SOL'], ['basis', 'BTC'],
];

function weightedAsset(random: Random): number {
  const total = ASSETS.reduce((sum, a) => sum + a.weight, 0);
  let r = random.next() * total;
  for (let i = 0; i < ASSETS.length; i++) {
    r -= ASSETS[i]!.weight;
    if (r < 0) return i;
  }
  return 0;
}

function chooseExchanges(random: Random, family: StrategyFamily): ExchangeName[] {
  const count = family.minExchanges + random.int(family.maxExchanges - family.minExchanges + 1);
  const pool: ExchangeName[] = [...EXCHANGES];
  const chosen: ExchangeName[] = [];
  while (chosen.length < count) chosen.push(pool.splice(random.int(pool.length), 1)[0]!);
  return chosen;
}

export function buildStrategies(seed: number, count: number): StrategyBook[] {
  const random = seededRandom(subSeed(seed, 'strategies'));
  const perKey = new Map<string, number>();
  const strategies: StrategyBook[] = [];
  for (let i = 0; i < count; i++) {
    const head = HEAD[i];
    const family = head ? FAMILIES.find((f) => f.code === head[0])! : random.pick(FAMILIES);
    const assetIndex = head ? ASSETS.findIndex((a) => a.ticker === head[1]) : weightedAsset(random);
    const ticker = ASSETS[assetIndex]!.ticker;
    const key = `${family.code}-${ticker.toLowerCase()}`;
    const n = (perKey.get(key) ?? 0) + 1;
    perKey.set(key, n);
    strategies.push({
      id: `${key}-${String(n).padStart(2, '0')}`,
      name: n === 1 ? `${ticker} ${family.label}` : `${ticker} ${family.label} ${n}`,
      family,
      exchanges: head && i === 0 ? ['binance', 'okx'] : chooseExchanges(random, family),
      assetIndex,
      status: 'running',
    });
  }
  return strategies;
}

export function buildPositions(seed: number, strategies: readonly StrategyBook[], count: number): PositionBook[] {
  const random = seededRandom(subSeed(seed, 'positions'));
  const positions: PositionBook[] = [];
  if (strategies.length === 0) return positions;
  for (let j = 0; j < count; j++) {
    const strategy = strategies[j % strategies.length]!;
    const k = Math.floor(j / strategies.length);
    const exchange = strategy.exchanges[k % strategy.exchanges.length]!;
    // A strategy holds its own asset on each of its venues first, then spreads to others.
    const assetIndex = (strategy.assetIndex + Math.floor(k / strategy.exchanges.length)) % ASSETS.length;
    const price = ASSETS[assetIndex]!.basePrice;
    const notional = MEDIAN_POSITION_USD * Math.exp(0.8 * random.normal());
    // Arbitrage legs alternate sides across venues; others lean long.
    const hedged = strategy.family.code === 'arb' || strategy.family.code === 'basis';
    const side = hedged ? (k % 2 === 0 ? 'long' : 'short') : random.next() < 0.6 ? 'long' : 'short';
    positions.push({
      exchange,
      symbol: symbolOn(exchange, ASSETS[assetIndex]!.ticker),
      assetIndex,
      side,
      quantity: notional / price,
      avgEntryPrice: price * (1 + 0.004 * random.normal()),
      strategyId: strategy.id,
      basis: 0.0003 * random.normal(),
    });
  }
  return positions;
}

export function buildBook(seed: number, strategyCount: number, positionCount: number): Book {
  const strategies = buildStrategies(seed, strategyCount);
  const positions = buildPositions(seed, strategies, positionCount);
  const scale = Math.max(1, positionCount / DEFAULT_POSITIONS);
  return {
    strategies,
    positions,
    exchanges: [...EXCHANGES],
    positionLimitUsd: BASE_POSITION_LIMIT_USD * Math.ceil(scale),
  };
}
