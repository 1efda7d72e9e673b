/**
 * Test doubles for the poller's dependencies: a clock and timers that move
 * only when a test says so, and a trading system client whose answers a test
 * scripts per endpoint. Time is one number; wall time is that number plus a
 * fixed epoch, so a test can reason about both at once.
 */
import type { EndpointData, EndpointName } from '../../src/contract/hft.js';
import type { Clock } from '../../src/services/clock.js';
import type { ClientFailure, ClientResult, HftClient } from '../../src/services/hft/client.js';
import type { TimerHandle, Timers } from '../../src/services/hft/timers.js';

/** Wall clock at monotonic zero: 2026-11-24T18:00:00.000Z. */
export const FAKE_EPOCH_MS = Date.UTC(2026, 10, 24, 18, 0, 0);

interface PendingTimer {
  id: number;
  due: number;
  callback: () => void;
}

/** Lets every promise that is already able to settle do so. */
export const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeTime implements Clock, Timers {
  private mono = 0;
  private nextId = 1;
  private pending: PendingTimer[] = [];

  now(): number {
    return FAKE_EPOCH_MS + this.mono;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.mono + Math.max(0, ms), callback };
    this.pending.push(timer);
    return timer.id;
  }
  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }
  /** Timers still waiting. */
  get timerCount(): number {
    return this.pending.length;
  }

  /**
   * Moves time forward by `ms`, firing each due timer at its own instant
   * (earliest first, ties in creation order) and letting promises settle
   * after each, as a real event loop would.
   */
  async advance(ms: number): Promise<void> {
    const until = this.mono + ms;
    await flushPromises();
    // Bounded: a loop that keeps scheduling zero-delay timers is a bug to surface, not to spin on.
    for (let fired = 0; fired < 100_000; fired++) {
      const next = this.pending.reduce<PendingTimer | null>(
        (best, t) => (t.due <= until && (best === null || t.due < best.due || (t.due === best.due && t.id < best.id)) ? t : best),
        null,
      );
      if (next === null) break;
      this.pending = this.pending.filter((t) => t !== next);
      this.mono = next.due;
      next.callback();
      await flushPromises();
    }
    this.mono = until;
    await flushPromises();
  }

  /** Moves time to an absolute monotonic instant. */
  advanceTo(mono: number): Promise<void> {
    return this.advance(mono - this.mono);
  }
}

/** A valid answer of each endpoint, stamped with `timestamp`. */
export function sampleAnswer<E extends EndpointName>(name: E, timestamp: string): EndpointData[E] {
  const answers: { [K in EndpointName]: EndpointData[K] } = {
    health: { status: 'ok', version: '2.14.1', uptime_s: 86400, timestamp },
    status: {
      timestamp,
      trading_enabled: true,
      killswitch: { active: false, reason: null, activated_at: null, source: null },
      exchanges: [
        { name: 'binance', connected: true, latency_ms: 3.2, last_message_at: timestamp, rate_limit_used_pct: 12 },
      ],
      latency: { order_p50_ms: 1.1, order_p99_ms: 4.8, market_data_p99_ms: 0.9 },
      resources: { cpu_pct: 35, memory_pct: 61.2, disk_pct: 72.5 },
    },
    positions: {
      timestamp,
      positions: [
        {
          exchange: 'binance',
          symbol: 'BTC-USDT',
          side: 'long',
          quantity: 1.25,
          avg_entry_price: 67000.5,
          mark_price: 67100,
          notional_usd: 83875,
          unrealized_pnl_usd: 124.38,
          strategy_id: 'mm-btc-01',
        },
      ],
    },
    strategies: {
      timestamp,
      strategies: [
        {
          strategy_id: 'mm-btc-01',
          name: 'BTC market making',
          status: 'running',
          exchanges: ['binance', 'okx'],
          performance: { daily_pnl_usd: -1520.4, trades_today: 18233, fill_rate_pct: 37.5 },
        },
      ],
    },
    risk: {
      timestamp,
      daily_pnl_usd: -41250,
      daily_loss_limit_usd: 50000,
      loss_limit_used_pct: 82.5,
      gross_exposure_usd: 2450000,
      net_exposure_usd: 120000,
      position_limit_usd: 5000000,
      killswitch_active: false,
    },
  };
  return answers[name];
}

/** How the fake trading system answers one endpoint. */
export type Behaviour =
  | { kind: 'answer'; delayMs?: number; serverOffsetMs?: number; frozenAt?: number; patch?: Record<string, unknown> }
  | { kind: 'fail'; failure: ClientFailure; delayMs?: number }
  | { kind: 'hang' };

export interface FakeCall {
  endpoint: EndpointName;
  startedAt: number;
  signal: AbortSignal;
}

/**
 * A client whose answers follow the scripted behaviour of each endpoint
 * (default: answer at once, stamped with the fake wall clock). Delays run on
 * the fake timers, so a slow answer takes fake time. The server stamps its
 * answer halfway through the delay, plus `serverOffsetMs`, so the true clock
 * skew is exactly that offset.
 */
export class FakeTradingSystem implements HftClient {
  readonly calls: FakeCall[] = [];
  private behaviours = new Map<EndpointName, Behaviour>();
  private inFlight = new Map<EndpointName, number>();
  readonly maxInFlight = new Map<EndpointName, number>();
  /** The last answer handed out per endpoint, to check identity downstream. */
  readonly lastAnswer = new Map<EndpointName, unknown>();

  constructor(private readonly time: FakeTime) {}

  behave(endpoint: EndpointName | EndpointName[], behaviour: Behaviour): void {
    for (const e of Array.isArray(endpoint) ? endpoint : [endpoint]) this.behaviours.set(e, behaviour);
  }

  callsTo(endpoint: EndpointName): FakeCall[] {
    return this.calls.filter((c) => c.endpoint === endpoint);
  }

  get<E extends EndpointName>(endpoint: E, signal: AbortSignal): Promise<ClientResult<EndpointData[E]>> {
    const behaviour = this.behaviours.get(endpoint) ?? { kind: 'answer' };
    const startedAt = this.time.monotonic();
    this.calls.push({ endpoint, startedAt, signal });
    const count = (this.inFlight.get(endpoint) ?? 0) + 1;
    this.inFlight.set(endpoint, count);
    this.maxInFlight.set(endpoint, Math.max(count, this.maxInFlight.get(endpoint) ?? 0));

    return new Promise<ClientResult<EndpointData[E]>>((resolve) => {
      let timer: TimerHandle | null = null;
      const finish = (result: ClientResult<EndpointData[E]>) => {
        if (timer !== null) this.time.clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.inFlight.set(endpoint, (this.inFlight.get(endpoint) ?? 1) - 1);
        resolve(result);
      };
      const onAbort = () => finish({ ok: false, failure: { kind: 'timeout', message: `${endpoint}: aborted` } });
      signal.addEventListener('abort', onAbort);
      if (behaviour.kind === 'hang') return;
      const delayMs = behaviour.delayMs ?? 0;
      const respond = () => {
        if (behaviour.kind === 'fail') return finish({ ok: false, failure: behaviour.failure });
        const stampedAt =
          behaviour.frozenAt ?? this.time.now() - delayMs / 2 + (behaviour.serverOffsetMs ?? 0);
        const answer = { ...sampleAnswer(endpoint, new Date(stampedAt).toISOString()), ...behaviour.patch };
        this.lastAnswer.set(endpoint, answer);
        finish({ ok: true, value: answer as EndpointData[E] });
      };
      if (delayMs > 0) timer = this.time.setTimeout(respond, delayMs);
      else queueMicrotask(respond);
    });
  }

  killswitch(): never {
    throw new Error('the fake trading system does not take writes');
  }
  stopStrategy(): never {
    throw new Error('the fake trading system does not take writes');
  }
  startStrategy(): never {
    throw new Error('the fake trading system does not take writes');
  }
}
