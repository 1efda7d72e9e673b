/**
 * The host's half of the two-step killswitch. The renderer asks to prepare
 * and gets a token minted here (32 random bytes, kept in memory only, never
 * written anywhere); `fire(token, reason)` sends the request only for a
 * token that is known, unexpired and unused, and spends it. Anything else
 * (no prepare, a made-up or replayed token, a malformed message) gets an
 * error and nothing is sent.
 *
 * Each token is one press, so each spent token gets its own idempotency
 * key: the retries of one press are one request to the trading system.
 *
 * The dialog should prepare when the hold starts: the round trip then runs
 * during the 1.5 s hold and costs the engineer nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../contract/result.js';
import type { KillswitchOutcome } from '../../core/killswitch/outcome.js';
import { ARMING_TOKEN_TTL_MS, issueToken, spendToken, TOKEN_REFUSALS, type TokenStore } from '../../core/killswitch/tokens.js';
import type { Clock } from '../clock.js';
import type { AuditAppender } from './fire.js';

/** Token entropy, bytes: 256 bits, beyond guessing. */
const TOKEN_BYTES = 32;
/** Longest reason accepted, characters: a sentence or two for the audit log and the desk, not a document. */
export const MAX_REASON_CHARS = 500;

export interface PreparedKillswitch {
  token: string;
  /** Host wall clock, ms. */
  expiresAt: number;
}

export interface FireRequest {
  reason: string;
  idempotencyKey: string;
}

export interface KillswitchArmingOptions {
  clock: Clock;
  /** Sends and proves the halt (fireKillswitch bound to its client, audit and desk). */
  fire: (request: FireRequest) => Promise<KillswitchOutcome>;
  /** Where refused fires are recorded: a renderer firing on its own is worth knowing about. */
  audit?: AuditAppender;
  ttlMs?: number;
  /** Token bytes; crypto.randomBytes unless a test pins them. */
  random?: (bytes: number) => Buffer;
}

export interface KillswitchArming {
  prepare(): PreparedKillswitch;
  fire(token: unknown, reason: unknown): Promise<Result<KillswitchOutcome>>;
}

/** The reason as sent, or why it cannot be. */
export function checkReason(reason: unknown): { ok: true; reason: string } | { ok: false; message: string } {
  if (typeof reason !== 'string') return { ok: false, message: 'a reason is required' };
  const trimmed = reason.trim();
  if (trimmed.length === 0) return { ok: false, message: 'a reason is required' };
  if (trimmed.length > MAX_REASON_CHARS) return { ok: false, message: `the reason is longer than ${MAX_REASON_CHARS} characters` };
  return { ok: true, reason: trimmed };
}

export function createKillswitchArming(options: KillswitchArmingOptions): KillswitchArming {
  const { clock } = options;
  const random = options.random ?? randomBytes;
  const ttlMs = options.ttlMs ?? ARMING_TOKEN_TTL_MS;
  let store: TokenStore = [];

  const refuse = async (why: string, code: 'unauthorized' | 'invalid_request', message: string): Promise<Result<never>> => {
    await options.audit?.append({ type: 'killswitch.refused', data: { why } }).catch(() => undefined);
    return fail(code, message);
  };

  return {
    prepare() {
      const now = clock.now();
      const token = random(TOKEN_BYTES).toString('base64url');
      store = issueToken(store, token, now, ttlMs);
      return { token, expiresAt: now + ttlMs };
    },

    async fire(token, reason) {
      const now = clock.now();
      const checked = checkReason(reason);
      // The token is spent first, synchronously: two fires racing with one token cannot both pass.
      const spent = spendToken(store, token, now);
      store = spent.store;
      if (spent.check !== 'ok') return refuse(spent.check, 'unauthorized', TOKEN_REFUSALS[spent.check]);
      if (!checked.ok) return refuse('no reason', 'invalid_request', `${checked.message}: hold the button again`);
      return ok(await options.fire({ reason: checked.reason, idempotencyKey: randomUUID() }));
    },
  };
}
