/**
 * The host-minted token the dialog holds while it is open: prepared when
 * the dialog opens, prepared again before it expires, so a completed hold
 * never waits on a round trip. The token is only ever handed back to the
 * host with `killswitch.fire`; the renderer cannot make one up.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { KillswitchPrepared } from '../../src/contract/killswitch.js';
import { fail, type Result } from '../../src/contract/result.js';

/** Prepare again this long before the host's expiry, ms: a press completing at the edge still finds a live token. */
export const REFRESH_BEFORE_EXPIRY_MS = 5_000;
/** Shortest wait between two prepares, ms, whatever the host's expiry says (a host clock far ahead or behind). */
const MIN_REFRESH_MS = 1_000;
/** Wait before retrying a prepare that failed (host link down), ms. */
const RETRY_MS = 2_000;

export interface ArmingTokenTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ArmingToken {
  /** The current token, prepared anew if none is ready (or after `discard`). */
  take(): Promise<Result<KillswitchPrepared>>;
  /** Forget the current token (spent or refused) so the next take prepares another. */
  discard(): void;
  close(): void;
}

export function keepArmingToken(host: Pick<CockpitHost, 'call'>, timers: ArmingTokenTimers): ArmingToken {
  let current: Promise<Result<KillswitchPrepared>> | null = null;
  let timer: unknown = null;
  let closed = false;

  const schedule = (ms: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = closed ? null : timers.setTimeout(refresh, ms);
  };
  function refresh() {
    timer = null;
    if (closed) return;
    const prepared = host.call('killswitch.prepare', {});
    current = prepared;
    void prepared.then((answer) => {
      if (current !== prepared) return;
      if (!answer.ok) {
        current = null;
        return schedule(RETRY_MS);
      }
      schedule(Math.max(MIN_REFRESH_MS, answer.value.expiresAt - timers.now() - REFRESH_BEFORE_EXPIRY_MS));
    });
  }

  refresh();
  return {
    take() {
      if (current === null) refresh();
      return current ?? Promise.resolve(fail('unavailable', 'the killswitch dialog is closed'));
    },
    discard() {
      current = null;
    },
    close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
