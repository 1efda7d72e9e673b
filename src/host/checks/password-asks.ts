/**
 * The database password, asked of the engineer when it is in none of the
 * usual places (settings, PGPASSWORD, ~/.pgpass, the secret store). One
 * question at a time per target; every open window shows it, the first
 * answer settles it, and an unanswered question counts as cancelled after
 * `timeoutMs` so a run never waits forever on a laptop nobody watches.
 */
import { randomBytes } from 'node:crypto';
import type { PasswordAsk } from '../../contract/checks.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';

/** Two minutes: long enough to find the password in the team's vault. */
export const PASSWORD_ASK_TIMEOUT_MS = 120_000;

export interface PasswordAsksOptions {
  clock: Clock;
  timers: Timers;
  emitAsk(ask: PasswordAsk): void;
  emitSettled(askId: string): void;
  timeoutMs?: number;
}

interface Pending {
  ask: PasswordAsk;
  resolve(password: string | null): void;
  timer: unknown;
}

export class UnknownAskError extends Error {}

export class PasswordAsks {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: PasswordAsksOptions) {}

  ask(target: string): Promise<string | null> {
    const timeoutMs = this.options.timeoutMs ?? PASSWORD_ASK_TIMEOUT_MS;
    const ask: PasswordAsk = { askId: randomBytes(9).toString('base64url'), target, expiresAt: this.options.clock.now() + timeoutMs };
    return new Promise((resolve) => {
      const timer = this.options.timers.setTimeout(() => this.settle(ask.askId, null), timeoutMs);
      this.pending.set(ask.askId, { ask, resolve, timer });
      this.options.emitAsk(ask);
    });
  }

  /** Questions still open, for a window that connects after they were asked. */
  open(): PasswordAsk[] {
    return [...this.pending.values()].map((p) => p.ask);
  }

  answer(askId: string, password: string | null): void {
    if (!this.pending.has(askId)) throw new UnknownAskError(`no open password question ${askId} (answered, cancelled or expired)`);
    this.settle(askId, password);
  }

  /** Cancels every open question (the host is closing). */
  close(): void {
    for (const askId of [...this.pending.keys()]) this.settle(askId, null);
  }

  private settle(askId: string, password: string | null): void {
    const pending = this.pending.get(askId);
    if (!pending) return;
    this.pending.delete(askId);
    this.options.timers.clearTimeout(pending.timer);
    pending.resolve(password);
    this.options.emitSettled(askId);
  }
}
