/**
 * A scripted trading system for the killswitch's own tests: it keeps a
 * killswitch, trading_enabled and strategy statuses, answers reads from
 * them, and answers each write as the test scripts it (apply, answer but
 * ignore, fail, hang), on FakeTime so delays and deadlines cost no real time.
 */
import type { EndpointData, EndpointName, KillswitchActivation, Strategy, StrategyCommandResult } from '../../src/contract/hft.js';
import type { ClientFailure, ClientResult, HftClient } from '../../src/services/hft/client.js';
import { sampleAnswer, type FakeTime } from './hft-fakes.js';
import type { AuditAppender } from '../../src/services/killswitch/fire.js';

export type WriteBehaviour =
  | { kind: 'apply'; delayMs?: number }
  /** Applied, and answered 200 with a body that cannot be read. */
  | { kind: 'garbled' }
  /** Applied the moment it arrives; answered after `answerAfterMs`, or never (null): a loaded system. */
  | { kind: 'lands'; answerAfterMs: number | null }
  /** 200, and nothing changes (the simulator's killswitch_ignored). */
  | { kind: 'ignore' }
  | { kind: 'fail'; failure: ClientFailure }
  | { kind: 'hang' };

export interface WriteCall {
  what: 'killswitch' | 'stop';
  id?: string;
  idempotencyKey?: string;
  at: number;
}

export class FakeHaltingSystem implements Pick<HftClient, 'get' | 'killswitch' | 'stopStrategy'> {
  readonly writes: WriteCall[] = [];
  readonly reads: EndpointName[] = [];
  killswitchActive = false;
  tradingEnabled = true;
  /** A halt shows in reads this long after it is applied, ms. */
  haltShowsAfterMs = 0;
  readsFail: ClientFailure | null = null;
  private haltAt: number | null = null;
  private queued: WriteBehaviour[] = [];
  private fallback: WriteBehaviour = { kind: 'apply' };
  readonly statuses = new Map<string, Strategy['status']>();

  constructor(private readonly time: FakeTime, strategies: Record<string, Strategy['status']>) {
    for (const [id, status] of Object.entries(strategies)) this.statuses.set(id, status);
  }

  /** Behaviours for the next writes, in order; then `then` for every write after. */
  script(behaviours: WriteBehaviour[], then: WriteBehaviour = { kind: 'apply' }): this {
    this.queued = [...behaviours];
    this.fallback = then;
    return this;
  }

  private respond<T>(signal: AbortSignal, behaviour: WriteBehaviour, apply: () => T): Promise<ClientResult<T>> {
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve({ ok: false, failure: { kind: 'timeout', message: 'aborted' } }), { once: true });
      if (behaviour.kind === 'hang' || (behaviour.kind === 'lands' && behaviour.answerAfterMs === null)) return;
      if (behaviour.kind === 'fail') return queueMicrotask(() => resolve({ ok: false, failure: behaviour.failure }));
      if (behaviour.kind === 'garbled') return queueMicrotask(() => (apply(), resolve({ ok: false, failure: { kind: 'invalid', message: 'not JSON (Unexpected end of JSON input)' } })));
      const answer = () => resolve({ ok: true, value: apply() });
      if (behaviour.kind === 'apply' && behaviour.delayMs) this.time.setTimeout(answer, behaviour.delayMs);
      else if (behaviour.kind === 'lands' && behaviour.answerAfterMs) this.time.setTimeout(answer, behaviour.answerAfterMs);
      else queueMicrotask(answer);
    });
  }

  private next(): WriteBehaviour {
    return this.queued.shift() ?? this.fallback;
  }

  killswitch(reason: string, { signal, idempotencyKey }: { signal: AbortSignal; idempotencyKey: string }): Promise<ClientResult<KillswitchActivation>> {
    this.writes.push({ what: 'killswitch', idempotencyKey, at: this.time.monotonic() });
    const behaviour = this.next();
    const halt = () => {
      if (this.killswitchActive) return;
      this.killswitchActive = true;
      this.haltAt = this.time.monotonic();
    };
    if (behaviour.kind === 'lands') halt();
    return this.respond(signal, behaviour, () => {
      if (behaviour.kind === 'apply' || behaviour.kind === 'garbled') halt();
      return { active: true as const, reason, activated_at: new Date(this.time.now()).toISOString(), source: 'manual' as const };
    });
  }

  stopStrategy(id: string, _reason: string, { signal }: { signal: AbortSignal }): Promise<ClientResult<StrategyCommandResult>> {
    this.writes.push({ what: 'stop', id, at: this.time.monotonic() });
    const behaviour = this.next();
    if (!this.statuses.has(id)) return Promise.resolve({ ok: false, failure: { kind: 'http', status: 404, message: `unknown strategy ${id}` } });
    if (behaviour.kind === 'lands') this.statuses.set(id, 'stopped');
    return this.respond(signal, behaviour, () => {
      if (behaviour.kind === 'apply' || behaviour.kind === 'garbled') this.statuses.set(id, 'stopped');
      return { strategy_id: id, status: 'stopped' as const };
    });
  }

  private halted(): boolean {
    return this.haltAt !== null && this.time.monotonic() - this.haltAt >= this.haltShowsAfterMs;
  }

  get<E extends EndpointName>(endpoint: E, signal: AbortSignal): Promise<ClientResult<EndpointData[E]>> {
    this.reads.push(endpoint);
    if (this.readsFail) return this.respond(signal, { kind: 'fail', failure: this.readsFail }, () => null as never);
    const stamp = new Date(this.time.now()).toISOString();
    const halted = this.halted();
    const answer = (): EndpointData[E] => {
      if (endpoint === 'status') {
        const status = sampleAnswer('status', stamp);
        return {
          ...status,
          trading_enabled: halted ? false : this.tradingEnabled,
          killswitch: halted ? { active: true, reason: 'x', activated_at: stamp, source: 'manual' } : status.killswitch,
        } as EndpointData[E];
      }
      if (endpoint === 'strategies') {
        const template = sampleAnswer('strategies', stamp).strategies[0]!;
        const strategies = [...this.statuses].map(([id, status]) => ({ ...template, strategy_id: id, status: halted ? 'stopped' : status }));
        return { timestamp: stamp, strategies } as EndpointData[E];
      }
      return sampleAnswer(endpoint, stamp);
    };
    return this.respond(signal, { kind: 'apply' }, answer);
  }
}

/** An audit log in memory that can be told to fail, to be slow, or to never finish a write. */
export class MemoryAudit implements AuditAppender {
  readonly entries: { type: string; data?: unknown; at: number }[] = [];
  failing = false;
  /** Each write takes this long to reach "disk", ms of fake time. */
  writeDelayMs = 0;
  /** Writes never complete (a hung disk). */
  stalled = false;
  constructor(private readonly time: FakeTime) {}
  async append(entry: Parameters<AuditAppender['append']>[0]) {
    if (this.failing) throw new Error('disk full');
    if (this.stalled) await new Promise(() => {});
    if (this.writeDelayMs > 0) await new Promise((resolve) => this.time.setTimeout(() => resolve(undefined), this.writeDelayMs));
    this.entries.push({ type: entry.type, data: entry.data, at: this.time.monotonic() });
    return { seq: this.entries.length, at: 0, type: entry.type, actor: null, incidentId: null, data: entry.data ?? null, prevHash: '', hash: '' };
  }
}
