/**
 * The outbox: every message the cockpit owes PagerDuty, Slack, the status
 * page or Alertmanager goes through here, so none is lost and none goes
 * twice.
 *
 * - Recorded first: `enqueue` resolves once the message's whole content is
 *   in the audit log (fsync'd); only then can it be sent.
 * - In order: each channel sends one message at a time, oldest first. A
 *   message that fails for a passing reason (offline, 5xx, 429, a refused
 *   token) is retried with backoff and holds the ones behind it, so the far
 *   side sees them in the order they were written. One the far side refuses
 *   for good (a 400 naming a bad field) is marked failed, with why, and the
 *   queue moves on.
 * - Exactly once: before every attempt an `outbox.sending` record goes to
 *   the log. A message tried before (in flight at a crash, or an attempt
 *   that timed out) may have arrived; the channel is asked (`findDelivered`,
 *   by the message id it carried) before it goes again. Channels without such a lookup send
 *   only what the far side deduplicates itself (PagerDuty events by dedup
 *   key, status changes, Alertmanager alerts by labels).
 * - Replayed: opening folds every `outbox.*` record of the log, so a
 *   restart carries on where the last run stopped.
 */
import { randomUUID } from 'node:crypto';
import {
  applyOutboxRecord,
  CHANNELS,
  deliveriesFor,
  emptyOutbox,
  markInFlightUncertain,
  pendingFor,
  type Channel,
  type OutboxMessage,
  type OutboxRecord,
  type OutgoingMessage,
} from '../../core/outbox/model.js';
import { backoffDelayMs } from '../../core/backoff.js';
import type { AuditLog } from '../audit-log.js';
import type { Clock } from '../clock.js';
import type { TimerHandle, Timers } from '../hft/timers.js';

/** First retry after about this long, doubling per failure in a row, ms. */
export const RETRY_BASE_MS = 1_000;
/** Longest wait between attempts of a failing channel, ms: a laptop back online drains within a minute. */
export const RETRY_CAP_MS = 60_000;

export type SendOutcome =
  | { ok: true; refs?: Record<string, string> }
  /** A passing failure: offline, 5xx, 429 (with the far side's Retry-After), a refused token. */
  | { ok: false; retry: true; reason: string; retryAfterMs?: number }
  /** The far side will never take this message as it is. */
  | { ok: false; retry: false; reason: string };

export type DeliveredCheck = { found: true; refs?: Record<string, string> } | { found: false } | { unknown: string };

/** The ids earlier messages got back, by name. */
export type RefLookup = (name: string) => string | undefined;

export interface ChannelTransport {
  /** False until the integration is set up; its messages wait meanwhile. */
  configured(): boolean;
  send(message: OutboxMessage, refs: RefLookup): Promise<SendOutcome>;
  /** Whether a message that was in flight at a crash reached the far side. */
  findDelivered?(message: OutboxMessage, refs: RefLookup): Promise<DeliveredCheck>;
}

export interface ChannelStatus {
  channel: Channel;
  configured: boolean;
  /** Messages still owed, including the one in flight. */
  queued: number;
  /** Epoch ms of the first failure in the current run of failures; null while delivering. */
  failingSince: number | null;
  reason: string | null;
  /** Epoch ms the next attempt is due, while waiting. */
  nextAttemptAt: number | null;
  lastSentAt: number | null;
  failedForGood: number;
}

export interface Outbox {
  /** Records the new ones (dedup by key) and resolves once they are on disk; then sends. */
  enqueue(messages: readonly OutgoingMessage[]): Promise<OutboxMessage[]>;
  has(key: string): boolean;
  ref(name: string): string | undefined;
  deliveries(incidentId: string): OutboxMessage[];
  status(): ChannelStatus[];
  /** Try the channel now, ignoring its backoff (a token was set, the engineer asked). */
  kick(channel?: Channel): void;
  subscribe(listener: () => void): () => void;
  /** Resolves once no channel has an attempt in flight. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface OutboxOptions {
  audit: AuditLog;
  clock: Clock;
  timers: Timers;
  transports: Partial<Record<Channel, ChannelTransport>>;
  /** Jitter source in [0, 1); Math.random by default. */
  random?: () => number;
  log?: (line: string) => void;
}

interface Lane {
  running: Promise<void> | null;
  timer: TimerHandle | null;
  failures: number;
  failingSince: number | null;
  reason: string | null;
  lastSentAt: number | null;
}

export async function openOutbox(options: OutboxOptions): Promise<Outbox> {
  const { audit, clock, timers, transports } = options;
  const random = options.random ?? Math.random;
  const log = options.log ?? ((line: string) => console.error(line));
  const state = emptyOutbox();

  for (const r of await audit.read()) {
    if (!r.type.startsWith('outbox.')) continue;
    applyOutboxRecord(state, { ...(r.data as object), type: r.type, at: r.at } as OutboxRecord);
  }
  markInFlightUncertain(state);

  const lanes = new Map<Channel, Lane>(
    CHANNELS.map((c) => [c, { running: null, timer: null, failures: 0, failingSince: null, reason: null, lastSentAt: null }]),
  );
  for (const m of state.messages.values()) {
    const lane = lanes.get(m.channel)!;
    if (m.sentAt !== null) lane.lastSentAt = Math.max(lane.lastSentAt ?? 0, m.sentAt);
  }
  const listeners = new Set<() => void>();
  let closed = false;
  const changed = () => {
    for (const l of [...listeners]) {
      try {
        l();
      } catch {
        // A broken subscriber must not stop delivery.
      }
    }
  };

  // One writer for outbox records, so the log holds them in the order they happened.
  let writes: Promise<unknown> = Promise.resolve();
  const record = (rec: OutboxRecord, incidentId: string | null): Promise<void> => {
    const { type, at, ...data } = rec;
    const done = writes.then(async () => {
      await audit.append({ type, at, data, ...(incidentId ? { incidentId } : {}) });
      applyOutboxRecord(state, rec);
    });
    writes = done.catch(() => undefined);
    return done;
  };
  const refs: RefLookup = (name) => state.refs.get(name);

  const arm = (channel: Channel, at: number) => {
    const lane = lanes.get(channel)!;
    if (lane.timer !== null) timers.clearTimeout(lane.timer);
    lane.timer = timers.setTimeout(() => {
      lane.timer = null;
      drain(channel);
    }, Math.max(0, at - clock.now()));
  };

  /** One attempt at the channel's head; true when the next message may go at once. */
  const attempt = async (channel: Channel, transport: ChannelTransport, head: OutboxMessage): Promise<boolean> => {
    const lane = lanes.get(channel)!;
    // An earlier attempt (before a crash, or one that timed out) may have arrived: ask before sending again.
    if (head.attempts > 0 && transport.findDelivered) {
      const check = await transport.findDelivered(head, refs).catch((e: Error): DeliveredCheck => ({ unknown: e.message }));
      if ('found' in check && check.found) {
        await record({ type: 'outbox.sent', at: clock.now(), id: head.id, refs: check.refs ?? {}, recovered: true }, head.incidentId);
        lane.lastSentAt = clock.now();
        return true;
      }
      if ('unknown' in check) return failed(channel, head, { ok: false, retry: true, reason: `cannot tell whether it arrived before the restart: ${check.unknown}` });
    }
    await record({ type: 'outbox.sending', at: clock.now(), id: head.id, attempt: head.attempts + 1 }, head.incidentId);
    changed();
    const outcome = await transport.send(head, refs).catch((e: Error): SendOutcome => ({ ok: false, retry: true, reason: e.message }));
    if (!outcome.ok) return failed(channel, head, outcome);
    await record({ type: 'outbox.sent', at: clock.now(), id: head.id, refs: outcome.refs ?? {} }, head.incidentId);
    Object.assign(lane, { failures: 0, failingSince: null, reason: null, lastSentAt: clock.now() });
    return true;
  };

  const failed = async (channel: Channel, head: OutboxMessage, outcome: Extract<SendOutcome, { ok: false }>): Promise<boolean> => {
    const lane = lanes.get(channel)!;
    const now = clock.now();
    if (!outcome.retry) {
      await record({ type: 'outbox.failed', at: now, id: head.id, reason: outcome.reason }, head.incidentId);
      return true;
    }
    lane.failures += 1;
    lane.failingSince ??= now;
    lane.reason = outcome.reason;
    const wait = Math.max(outcome.retryAfterMs ?? 0, backoffDelayMs(lane.failures, RETRY_BASE_MS, random(), RETRY_CAP_MS));
    await record({ type: 'outbox.retry', at: now, id: head.id, reason: outcome.reason, nextAt: now + wait }, head.incidentId);
    arm(channel, now + wait);
    return false;
  };

  const run = async (channel: Channel) => {
    const transport = transports[channel];
    while (!closed && transport?.configured()) {
      const head = pendingFor(state, channel)[0];
      if (!head) return;
      if (head.nextAt !== null && head.nextAt > clock.now()) {
        arm(channel, head.nextAt);
        return;
      }
      const goOn = await attempt(channel, transport, head);
      changed();
      if (!goOn) return;
    }
  };

  function drain(channel: Channel): void {
    const lane = lanes.get(channel)!;
    if (lane.running || closed) return;
    lane.running = run(channel)
      .catch((e: Error) => {
        // The audit log refused a record: nothing is sent that is not on disk.
        lane.failingSince ??= clock.now();
        lane.reason = `the audit log could not be written (${e.message})`;
        log(`outbox: ${channel}: ${lane.reason}; delivery stops until the cockpit restarts`);
      })
      .finally(() => {
        lane.running = null;
        changed();
      });
  }

  for (const channel of CHANNELS) drain(channel);

  return {
    async enqueue(messages) {
      const added: OutboxMessage[] = [];
      const fresh = new Set<string>();
      for (const m of messages) {
        if (state.keys.has(m.key) || fresh.has(m.key)) continue;
        fresh.add(m.key);
        const id = randomUUID();
        await record({ type: 'outbox.queued', at: clock.now(), message: { ...m, id, order: state.nextOrder++ } }, m.incidentId);
        added.push(state.messages.get(id)!);
      }
      if (added.length > 0) {
        changed();
        for (const channel of new Set(added.map((m) => m.channel))) drain(channel);
      }
      return added;
    },
    has: (key) => state.keys.has(key),
    ref: refs,
    deliveries: (incidentId) => deliveriesFor(state, incidentId).map((m) => ({ ...m })),
    status: () =>
      CHANNELS.map((channel) => {
        const lane = lanes.get(channel)!;
        const pending = pendingFor(state, channel);
        const head = pending[0];
        return {
          channel,
          configured: transports[channel]?.configured() ?? false,
          queued: pending.length,
          failingSince: lane.failingSince,
          reason: lane.reason,
          nextAttemptAt: head?.nextAt ?? null,
          lastSentAt: lane.lastSentAt,
          failedForGood: [...state.messages.values()].filter((m) => m.channel === channel && m.status === 'failed').length,
        };
      }),
    kick(channel) {
      for (const c of channel ? [channel] : CHANNELS) {
        const lane = lanes.get(c)!;
        lane.failures = 0;
        const head = pendingFor(state, c)[0];
        if (head) head.nextAt = null;
        if (lane.timer !== null) timers.clearTimeout(lane.timer);
        lane.timer = null;
        drain(c);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async idle() {
      // A drain can start another (a send that succeeds moves to the next), so wait until none runs.
      for (;;) {
        const running = [...lanes.values()].map((l) => l.running).filter((p): p is Promise<void> => p !== null);
        if (running.length === 0) break;
        await Promise.all(running);
      }
      await writes;
    },
    async close() {
      closed = true;
      for (const lane of lanes.values()) if (lane.timer !== null) timers.clearTimeout(lane.timer);
      await Promise.all([...lanes.values()].map((l) => l.running));
      await writes;
      listeners.clear();
    },
  };
}
