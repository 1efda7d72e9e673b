/**
 * The arming tokens of the killswitch: the host mints one when the renderer
 * asks to prepare, and `fire(token, reason)` sends the request only for a
 * token that is known, unexpired and unused. A renderer that fires on its
 * own has no token; one that replays a token finds it used.
 *
 * The store is a small array, not an object keyed by id: ids come from the
 * renderer, and a key like "__proto__" must not reach an object's prototype.
 */

/**
 * How long a token may wait for its fire, ms. 30 s covers choosing a reason
 * and the 1.5 s hold with room to hesitate; a token found later (a leaked
 * log line, a replayed message) is useless. The dialog prepares again,
 * silently, if it outlives one.
 */
export const ARMING_TOKEN_TTL_MS = 30_000;

/** Tokens kept at once; a renderer that asks to prepare in a loop only pushes out its own older tokens. */
export const MAX_OUTSTANDING_TOKENS = 8;

export interface ArmingToken {
  id: string;
  /** Host clock, ms. */
  issuedAt: number;
  expiresAt: number;
  used: boolean;
}

export type TokenStore = readonly ArmingToken[];

export type TokenCheck = 'ok' | 'unknown' | 'expired' | 'replayed';

/** What the renderer is told for each refusal: enough to act on, nothing to probe with. */
export const TOKEN_REFUSALS: Record<Exclude<TokenCheck, 'ok'>, string> = {
  unknown: 'not armed: prepare the killswitch first',
  expired: 'the arming expired: hold the button again',
  replayed: 'this arming was already used: hold the button again',
};

/**
 * Adds a token. Tokens expired for a whole TTL are forgotten (until then a
 * replay is still told apart from a made-up id); past MAX_OUTSTANDING_TOKENS
 * the oldest go.
 */
export function issueToken(store: TokenStore, id: string, now: number, ttlMs = ARMING_TOKEN_TTL_MS): TokenStore {
  const kept = store.filter((t) => now < t.expiresAt + ttlMs && t.id !== id);
  const token: ArmingToken = { id, issuedAt: now, expiresAt: now + ttlMs, used: false };
  return [...kept, token].slice(-MAX_OUTSTANDING_TOKENS);
}

/** The token's standing at `now`; anything that is not a string is unknown. It expires at `expiresAt` exactly. */
export function checkToken(store: TokenStore, id: unknown, now: number): TokenCheck {
  if (typeof id !== 'string' || id.length === 0) return 'unknown';
  const token = store.find((t) => t.id === id);
  if (token === undefined) return 'unknown';
  if (token.used) return 'replayed';
  if (now >= token.expiresAt) return 'expired';
  return 'ok';
}

/** Checks and, when it is ok, marks the token used: a token fires once. */
export function spendToken(store: TokenStore, id: unknown, now: number): { check: TokenCheck; store: TokenStore } {
  const check = checkToken(store, id, now);
  if (check !== 'ok') return { check, store };
  return { check, store: store.map((t) => (t.id === id ? { ...t, used: true } : t)) };
}
