/**
 * The simulated trading system's state and how it moves. Time is a
 * parameter: the model advances in fixed ticks computed from the instant it
 * is asked about, so the state at tick N depends only on the seed, N and the
 * commands and scenarios applied before it, never on when anyone looked.
 *
 * No I/O here: the HTTP layer (server.ts) owns sockets and the clock.
 */
import type { KillswitchSource, StrategyStatus } from '../contract/hft.js';
import { buildBook, DAILY_LOSS_LIMIT_USD, type Book, type PositionBook, type StrategyBook } from './book.js';
import { ASSETS, EXCHANGE_LATENCY_MS, type ExchangeName } from './catalogue.js';
import { seededRandom, subSeed, type Random } from './prng.js';
import { step, walk, type Walk } from './walk.js';

/** One model step, ms. Fine enough for a 1 s poll to see movement, coarse enough to catch up cheaply after idling. */
export const TICK_MS = 250;
/** Strategy P&L, trades and fill rates move once a second (every 4 ticks): they are the costly part of a large book. */
const STRATEGY_EVERY_TICKS = 4;
/** Standard deviation of the whole book's daily P&L around its mean, USD: a few percent of the loss limit. */
const BOOK_PNL_STD_USD = 4_000;
/** Mean daily P&L of the whole book, USD: mildly positive, as a desk would hope. */
const BOOK_PNL_MEAN_USD = 2_500;
/** How fast a strategy's P&L forgets a shock, per strategy step (1 s): a time constant of about 10 minutes. */
const PNL_REVERSION = 1 / 600;
/** Seconds of trading already done today when the run starts: the desk's day is about 8 hours old. */
const DAY_ELAPSED_S = 8 * 3600;
/** The losers a loss ramp is pinned on: the worst few at its start, weighted most to the worst. */
const RAMP_WEIGHTS = [0.5, 0.3, 0.2];

export const NORMAL_ORDER_P50_MS = 1.1;
export const NORMAL_ORDER_P99_MS = 4.6;
export const NORMAL_MARKET_DATA_P99_MS = 0.9;
export const NORMAL_CPU_PCT = 35;
export const NORMAL_MEMORY_PCT = 61;
export const NORMAL_DISK_PCT = 70;

export interface ExchangeLive {
  name: ExchangeName;
  connected: boolean;
  latencyMs: Walk;
  rateLimitUsedPct: Walk;
  lastMessageMs: number;
}

export interface StrategyLive extends StrategyBook {
  /** The P&L the strategy's own trading would have made, USD. */
  naturalPnlUsd: Walk;
  /** Extra P&L a loss scenario pins on this strategy, USD. */
  scenarioPnlUsd: number;
  trades: number;
  tradesPerStep: number;
  fillRatePct: Walk;
  /** What the killswitch interrupted, so a reset can put it back. */
  statusBeforeKillswitch: StrategyStatus | null;
}

export interface Killswitch {
  active: boolean;
  reason: string | null;
  activatedAtMs: number | null;
  source: KillswitchSource | null;
}

interface LossRamp {
  targetPct: number;
  overMs: number;
  startedAtMs: number;
  startPnlUsd: number;
  culprits: number[];
}

export interface ModelOptions {
  seed: number;
  strategies: number;
  positions: number;
  /** Wall-clock ms of tick 0. */
  startMs: number;
  /**
   * Positions re-marked to market per second, a slice of the book that
   * rotates tick by tick; absent, every position is marked at every tick.
   * Lets a large book move the way a quiet market moves it: a few rows per
   * poll rather than all of them.
   */
  movingPositionsPerSecond?: number;
}

export type StartResult = 'running' | 'unknown' | 'killswitch_active';

export class TradingModel {
  readonly startMs: number;
  readonly dailyLossLimitUsd = DAILY_LOSS_LIMIT_USD;
  readonly positionLimitUsd: number;
  readonly positions: readonly PositionBook[];
  readonly strategies: StrategyLive[];
  readonly exchanges: ExchangeLive[];
  readonly orderP50Ms = walk(NORMAL_ORDER_P50_MS, 0.08, 0.05, 0.05);
  readonly orderP99Ms = walk(NORMAL_ORDER_P99_MS, 0.35, 0.05, 0.1);
  readonly marketDataP99Ms = walk(NORMAL_MARKET_DATA_P99_MS, 0.07, 0.05, 0.05);
  readonly cpuPct = walk(NORMAL_CPU_PCT, 3, 0.02, 0, 100);
  readonly memoryPct = walk(NORMAL_MEMORY_PCT, 1, 0.005, 0, 100);
  readonly diskPct = walk(NORMAL_DISK_PCT, 0.2, 0.002, 0, 100);
  readonly killswitch: Killswitch = { active: false, reason: null, activatedAtMs: null, source: null };
  /** Log deviation of each asset's index price from its base price. */
  private readonly priceDeviation: Walk[];
  private readonly random: Random;
  private lossRamp: LossRamp | null = null;
  private tickCount = 0;
  /** The mark each position shows when only some are re-marked per tick (movingPositionsPerSecond); null when all are. */
  private readonly marks: Map<PositionBook, number> | null = null;
  private readonly marksPerTick: number = 0;
  private markCursor = 0;

  constructor({ seed, strategies, positions, startMs, movingPositionsPerSecond }: ModelOptions) {
    this.startMs = startMs;
    const book: Book = buildBook(seed, strategies, positions);
    this.positions = book.positions;
    this.positionLimitUsd = book.positionLimitUsd;
    const setup = seededRandom(subSeed(seed, 'setup'));
    this.random = seededRandom(subSeed(seed, 'market'));
    // Daily vol of about 3% (per tick 0.03/sqrt(345,600 ticks a day)), reverting over a few hours.
    this.priceDeviation = ASSETS.map(() => walk(0, 0.006, TICK_MS / 7_200_000, -0.5, 0.5));
    if (movingPositionsPerSecond !== undefined) {
      this.marksPerTick = Math.min(this.positions.length, Math.max(0, Math.round((movingPositionsPerSecond * TICK_MS) / 1000)));
      this.marks = new Map(this.positions.map((p) => [p, this.indexMark(p)]));
    }
    this.exchanges = book.exchanges.map((name) => {
      const base = EXCHANGE_LATENCY_MS[name];
      const rateLimit = walk(8 + 17 * setup.next(), 3, 0.02, 0, 100);
      return { name, connected: true, latencyMs: walk(base, 0.08 * base, 0.05, 0.2), rateLimitUsedPct: rateLimit, lastMessageMs: startMs };
    });
    const perStrategyStd = BOOK_PNL_STD_USD / Math.sqrt(Math.max(1, strategies));
    // Some strategies earn and some lose on a typical day; centred so the book as a whole earns BOOK_PNL_MEAN_USD.
    const edges = book.strategies.map(() => 0.5 * perStrategyStd * setup.normal());
    const meanEdge = edges.reduce((a, b) => a + b, 0) / Math.max(1, edges.length);
    this.strategies = book.strategies.map((s, i) => {
      const pnl = walk(BOOK_PNL_MEAN_USD / strategies + edges[i]! - meanEdge, perStrategyStd, PNL_REVERSION, -Infinity);
      pnl.value = pnl.mean + perStrategyStd * setup.normal();
      const tradesPerSecond = s.family.tradesPerSecond * (0.5 + setup.next());
      const fill = walk(s.family.fillRatePct + 5 * setup.normal(), 2, 0.01, 0, 100);
      fill.value = Math.min(100, Math.max(0, fill.mean));
      return {
        ...s,
        naturalPnlUsd: pnl,
        scenarioPnlUsd: 0,
        trades: Math.floor(tradesPerSecond * DAY_ELAPSED_S),
        tradesPerStep: tradesPerSecond * (STRATEGY_EVERY_TICKS * TICK_MS) / 1000,
        fillRatePct: fill,
        statusBeforeKillswitch: null,
      };
    });
  }

  /** Ticks done since the start. */
  get tick(): number {
    return this.tickCount;
  }

  /** Wall-clock ms of the latest tick. */
  get tickMs(): number {
    return this.startMs + this.tickCount * TICK_MS;
  }

  /** Runs every tick due by `nowMs`. Asking about the past is a no-op: the model never rewinds. */
  advanceTo(nowMs: number): void {
    const due = Math.floor((nowMs - this.startMs) / TICK_MS);
    while (this.tickCount < due) this.step();
  }

  /** Index price of an asset, USD. */
  assetPrice(assetIndex: number): number {
    return ASSETS[assetIndex]!.basePrice * Math.exp(this.priceDeviation[assetIndex]!.value);
  }

  /** The position's mark price: the index price with its venue's basis, as of its last re-mark. */
  markPrice(position: PositionBook): number {
    return this.marks?.get(position) ?? this.indexMark(position);
  }

  private indexMark(position: PositionBook): number {
    return this.assetPrice(position.assetIndex) * (1 + position.basis);
  }

  /** Re-marks the next slice of the book when only some positions move per tick. */
  private remark(): void {
    if (this.marks === null) return;
    const n = this.positions.length;
    for (let k = 0; k < this.marksPerTick; k++) {
      const p = this.positions[this.markCursor]!;
      this.marks.set(p, this.indexMark(p));
      this.markCursor = (this.markCursor + 1) % n;
    }
  }

  strategyPnlUsd(s: StrategyLive): number {
    return s.naturalPnlUsd.value + s.scenarioPnlUsd;
  }

  dailyPnlUsd(): number {
    let total = 0;
    for (const s of this.strategies) total += this.strategyPnlUsd(s);
    return total;
  }

  /** shared/hft-api.md: max(0, -daily_pnl_usd) / daily_loss_limit_usd * 100. */
  lossLimitUsedPct(): number {
    return (Math.max(0, -this.dailyPnlUsd()) / this.dailyLossLimitUsd) * 100;
  }

  get tradingEnabled(): boolean {
    return !this.killswitch.active;
  }

  /** Idempotent: while active, answers the original activation and changes nothing. */
  activateKillswitch(reason: string, source: KillswitchSource, atMs: number): Killswitch {
    if (this.killswitch.active) return { ...this.killswitch };
    Object.assign(this.killswitch, { active: true, reason, activatedAtMs: atMs, source });
    for (const s of this.strategies) {
      s.statusBeforeKillswitch = s.status;
      s.status = 'stopped';
    }
    return { ...this.killswitch };
  }

  /** Clears the killswitch and puts every strategy back as it was before it (a drill's reset, not a real system's). */
  resetKillswitch(): boolean {
    if (!this.killswitch.active) return false;
    Object.assign(this.killswitch, { active: false, reason: null, activatedAtMs: null, source: null });
    for (const s of this.strategies) {
      if (s.statusBeforeKillswitch !== null) s.status = s.statusBeforeKillswitch;
      s.statusBeforeKillswitch = null;
    }
    return true;
  }

  findStrategy(id: string): StrategyLive | undefined {
    return this.strategies.find((s) => s.id === id);
  }

  stopStrategy(id: string): boolean {
    const s = this.findStrategy(id);
    if (!s) return false;
    s.status = 'stopped';
    // Stopped by hand: a killswitch reset must not restart it.
    s.statusBeforeKillswitch = null;
    return true;
  }

  startStrategy(id: string): StartResult {
    const s = this.findStrategy(id);
    if (!s) return 'unknown';
    if (this.killswitch.active) return 'killswitch_active';
    s.status = 'running';
    return 'running';
  }

  disconnectExchange(name: string): boolean {
    const e = this.exchanges.find((x) => x.name === name);
    if (!e) return false;
    e.connected = false;
    return true;
  }

  reconnectAllExchanges(): void {
    for (const e of this.exchanges) e.connected = true;
  }

  /** Order latency under load: p99 to `p99Ms` at once, p50 and market data dragged up with it; null restores normal. */
  setOrderLatency(p99Ms: number | null): void {
    const p99 = p99Ms ?? NORMAL_ORDER_P99_MS;
    const excess = Math.max(0, p99 - NORMAL_ORDER_P99_MS);
    this.orderP99Ms.mean = this.orderP99Ms.value = p99;
    this.orderP50Ms.mean = this.orderP50Ms.value = NORMAL_ORDER_P50_MS + 0.15 * excess;
    this.marketDataP99Ms.mean = this.marketDataP99Ms.value = NORMAL_MARKET_DATA_P99_MS + 0.05 * excess;
  }

  /** Disk fills to `pct` at once; null frees it back to normal, as archiving old logs would. */
  setDiskUsed(pct: number | null): void {
    this.diskPct.mean = this.diskPct.value = pct ?? NORMAL_DISK_PCT;
  }

  /**
   * Daily P&L ramps linearly from where it is now to `targetPct` of the loss
   * limit over `overMs`, then stays there; the loss is pinned on the worst
   * running strategies, so the strategies endpoint shows who is losing.
   */
  startLossRamp(targetPct: number, overMs: number, atMs: number): void {
    const running = this.strategies
      .map((s, i) => ({ i, pnl: this.strategyPnlUsd(s), running: s.status === 'running' }))
      .filter((x) => x.running)
      .sort((a, b) => a.pnl - b.pnl);
    this.lossRamp = {
      targetPct,
      overMs,
      startedAtMs: atMs,
      startPnlUsd: this.dailyPnlUsd(),
      culprits: running.slice(0, RAMP_WEIGHTS.length).map((x) => x.i),
    };
  }

  /** Ends the loss ramp; running strategies drop the loss it pinned on them at the next tick. */
  stopLossRamp(): void {
    this.lossRamp = null;
  }

  private step(): void {
    this.tickCount++;
    const now = this.tickMs;
    const r = this.random;
    // Every draw is taken whether or not it is used, so a stopped strategy
    // or a lost exchange does not shift the walks of everything after it.
    for (const w of this.priceDeviation) step(w, r.normal());
    this.remark();
    for (const e of this.exchanges) {
      const nLatency = r.normal();
      const nRate = r.normal();
      const lag = r.next();
      if (!e.connected) continue;
      step(e.latencyMs, nLatency);
      step(e.rateLimitUsedPct, nRate);
      // The last message arrived some time within the tick.
      e.lastMessageMs = now - Math.floor(lag * TICK_MS);
    }
    step(this.orderP50Ms, r.normal());
    step(this.orderP99Ms, r.normal());
    step(this.marketDataP99Ms, r.normal());
    step(this.cpuPct, r.normal());
    step(this.memoryPct, r.normal());
    step(this.diskPct, r.normal());
    if (this.tickCount % STRATEGY_EVERY_TICKS === 0) this.stepStrategies();
    this.applyLossRamp(now);
    if (!this.killswitch.active && this.lossLimitUsedPct() >= 100 - 1e-9) {
      const reason = `daily loss limit reached: ${this.lossLimitUsedPct().toFixed(1)}% of ${this.dailyLossLimitUsd} USD`;
      this.activateKillswitch(reason, 'auto_loss_limit', now);
    }
  }

  private stepStrategies(): void {
    const r = this.random;
    for (const s of this.strategies) {
      const nPnl = r.normal();
      const nFill = r.normal();
      const uTrades = r.next();
      if (s.status !== 'running') continue;
      step(s.naturalPnlUsd, nPnl);
      step(s.fillRatePct, nFill);
      s.trades += 2 * uTrades * s.tradesPerStep;
    }
  }

  private applyLossRamp(now: number): void {
    // A stopped strategy keeps the P&L it stopped with; a running one carries only what the ramp pins on it.
    for (const s of this.strategies) if (s.status === 'running') s.scenarioPnlUsd = 0;
    const ramp = this.lossRamp;
    if (!ramp) return;
    const progress = ramp.overMs <= 0 ? 1 : Math.min(1, (now - ramp.startedAtMs) / ramp.overMs);
    const targetPnl = -(ramp.targetPct / 100) * this.dailyLossLimitUsd;
    const wanted = ramp.startPnlUsd + (targetPnl - ramp.startPnlUsd) * progress;
    let others = 0;
    let culpritsNatural = 0;
    for (let i = 0; i < this.strategies.length; i++) {
      const s = this.strategies[i]!;
      if (ramp.culprits.includes(i)) culpritsNatural += s.naturalPnlUsd.value;
      else others += this.strategyPnlUsd(s);
    }
    // Shares are fixed at the start: stopping a losing strategy freezes its
    // share, so the book ends short of the target by that much, as stopping
    // the losers does on a real desk.
    const weights = ramp.culprits.map((_, k) => RAMP_WEIGHTS[k]!);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    ramp.culprits.forEach((i, k) => {
      const s = this.strategies[i]!;
      if (s.status === 'running') s.scenarioPnlUsd = ((wanted - others - culpritsNatural) * weights[k]!) / weightSum;
    });
  }
}
