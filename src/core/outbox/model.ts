/**
 * The outbox as plain data: every message the cockpit owes another system
 * (PagerDuty, Slack, the status page, Alertmanager), rebuilt from the audit
 * log's `outbox.*` records by folding them in order. Nothing here sends or
 * waits; the service (src/services/outbox) owns time and the network.
 *
 * A message's life: `queued` (its whole content, before any attempt) →
 * `sending` (an attempt is about to go out) → `sent` (the far side
 * confirmed, with the ids it gave back) or `retry` (that attempt failed and
 * why; the next one is due at `nextAt`) or `failed` (refused for good: the
 * far side will never take it as it is). A message whose last record is
 * `sending` was in flight when the cockpit stopped: it may have arrived, so
 * before it goes again the channel is asked whether it did (`uncertain`).
 */

export const CHANNELS = ['pagerduty', 'slack', 'statuspage', 'alertmanager'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  pagerduty: 'PagerDuty',
  slack: 'Slack',
  statuspage: 'Status page',
  alertmanager: 'Alertmanager',
};

export type DeliveryStatus = 'queued' | 'sending' | 'uncertain' | 'sent' | 'failed';

/** What a producer hands the outbox; the outbox adds the id, order and times. */
export interface OutgoingMessage {
  channel: Channel;
  /** What it does on the far side, e.g. "pagerduty.acknowledge", "slack.post". */
  kind: string;
  /**
   * The producer's dedup key: a second message with a key already in the
   * outbox (in any status, across restarts) is the same message and is dropped.
   */
  key: string;
  incidentId: string | null;
  /** One line for the engineer: what this message says or does. */
  summary: string;
  /** The request body the channel builds its call from (never a token). */
  payload: unknown;
}

export interface OutboxMessage extends OutgoingMessage {
  /** Stable id, also the idempotency key the far side sees where it takes one. */
  id: string;
  /** Position in the channel's queue: messages go out in this order. */
  order: number;
  queuedAt: number;
  status: DeliveryStatus;
  attempts: number;
  /** Why the last attempt failed, or why the message was refused for good. */
  lastError: string | null;
  lastAttemptAt: number | null;
  /** When the next attempt is due (epoch ms); null when not waiting. */
  nextAt: number | null;
  sentAt: number | null;
  /** Ids the far side gave back, by name (e.g. "slack.thread:INC-3" → ts). */
  refs: Record<string, string>;
}

export type OutboxRecord =
  | { type: 'outbox.queued'; at: number; message: OutgoingMessage & { id: string; order: number } }
  | { type: 'outbox.sending'; at: number; id: string; attempt: number }
  | { type: 'outbox.sent'; at: number; id: string; refs: Record<string, string>; recovered?: boolean }
  | { type: 'outbox.retry'; at: number; id: string; reason: string; nextAt: number }
  | { type: 'outbox.failed'; at: number; id: string; reason: string };

export const OUTBOX_RECORD_TYPES = ['outbox.queued', 'outbox.sending', 'outbox.sent', 'outbox.retry', 'outbox.failed'] as const;

export interface OutboxState {
  /** Every message, by id, in the order they were queued. */
  messages: Map<string, OutboxMessage>;
  /** Dedup keys seen, to the message id. */
  keys: Map<string, string>;
  /** Every id the far sides gave back, by name. */
  refs: Map<string, string>;
  nextOrder: number;
}

export const emptyOutbox = (): OutboxState => ({ messages: new Map(), keys: new Map(), refs: new Map(), nextOrder: 1 });

/**
 * Folds one record into the state (mutating it: the state is private to
 * the service, and a log of thousands of messages must not copy maps per
 * record). Records for unknown ids are ignored.
 */
export function applyOutboxRecord(state: OutboxState, record: OutboxRecord): OutboxState {
  if (record.type === 'outbox.queued') {
    const m = record.message;
    if (state.messages.has(m.id) || state.keys.has(m.key)) return state;
    state.messages.set(m.id, {
      ...m, queuedAt: record.at, status: 'queued', attempts: 0, lastError: null,
      lastAttemptAt: null, nextAt: null, sentAt: null, refs: {},
    });
    state.keys.set(m.key, m.id);
    state.nextOrder = Math.max(state.nextOrder, m.order + 1);
    return state;
  }
  const message = state.messages.get(record.id);
  if (!message) return state;
  switch (record.type) {
    case 'outbox.sending':
      Object.assign(message, { status: 'sending', attempts: record.attempt, lastAttemptAt: record.at, nextAt: null });
      break;
    case 'outbox.sent':
      Object.assign(message, { status: 'sent', sentAt: record.at, nextAt: null, refs: record.refs, lastError: null });
      for (const [name, value] of Object.entries(record.refs)) state.refs.set(name, value);
      break;
    case 'outbox.retry':
      Object.assign(message, { status: 'queued', lastError: record.reason, nextAt: record.nextAt });
      break;
    case 'outbox.failed':
      Object.assign(message, { status: 'failed', lastError: record.reason, nextAt: null });
      break;
  }
  return state;
}

/** After a replay: what was in flight when the cockpit stopped may have arrived. */
export function markInFlightUncertain(state: OutboxState): void {
  for (const m of state.messages.values()) if (m.status === 'sending') m.status = 'uncertain';
}

const waiting = (m: OutboxMessage) => m.status === 'queued' || m.status === 'sending' || m.status === 'uncertain';

/** The channel's messages still owed, oldest first: the head goes out next. */
export function pendingFor(state: OutboxState, channel: Channel): OutboxMessage[] {
  return [...state.messages.values()].filter((m) => m.channel === channel && waiting(m)).sort((a, b) => a.order - b.order);
}

/** Everything the outbox holds for one incident, in the order it was queued. */
export function deliveriesFor(state: OutboxState, incidentId: string): OutboxMessage[] {
  return [...state.messages.values()].filter((m) => m.incidentId === incidentId).sort((a, b) => a.order - b.order);
}
