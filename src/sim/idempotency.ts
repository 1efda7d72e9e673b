/**
 * Remembers the answer to each write that carried an `Idempotency-Key`, so a
 * retried press (the cockpit resends after a timeout) gets the first answer
 * instead of acting twice.
 */

/** Keys remembered; older ones are forgotten first. A shift's worth of presses is a handful. */
const MAX_KEYS = 1_000;

export interface RememberedAnswer {
  status: number;
  body: unknown;
}

export class IdempotencyCache {
  private readonly answers = new Map<string, RememberedAnswer>();

  /** Scoped by method and path: one key reused on another endpoint is a different request. */
  private static scope(method: string, path: string, key: string): string {
    return `${method} ${path} ${key}`;
  }

  get(method: string, path: string, key: string): RememberedAnswer | undefined {
    return this.answers.get(IdempotencyCache.scope(method, path, key));
  }

  remember(method: string, path: string, key: string, answer: RememberedAnswer): void {
    this.answers.set(IdempotencyCache.scope(method, path, key), answer);
    if (this.answers.size > MAX_KEYS) this.answers.delete(this.answers.keys().next().value!);
  }
}
