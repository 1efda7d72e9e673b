import { describe, expect, it } from 'vitest';
import { ARMING_TOKEN_TTL_MS, checkToken, issueToken, MAX_OUTSTANDING_TOKENS, spendToken, type TokenStore } from './tokens.js';

const T0 = 1_000_000;

describe('arming tokens', () => {
  it('accepts a fresh token up to, not including, its expiry instant', () => {
    const store = issueToken([], 'tok-a', T0);
    expect(checkToken(store, 'tok-a', T0)).toBe('ok');
    expect(checkToken(store, 'tok-a', T0 + ARMING_TOKEN_TTL_MS - 1)).toBe('ok');
    expect(checkToken(store, 'tok-a', T0 + ARMING_TOKEN_TTL_MS)).toBe('expired');
  });

  it('fires once: a spent token is a replay', () => {
    const store = issueToken([], 'tok-a', T0);
    const first = spendToken(store, 'tok-a', T0 + 10);
    expect(first.check).toBe('ok');
    const second = spendToken(first.store, 'tok-a', T0 + 20);
    expect(second.check).toBe('replayed');
    expect(second.store).toBe(first.store);
  });

  it('does not spend a token that is refused', () => {
    const store = issueToken([], 'tok-a', T0);
    const late = spendToken(store, 'tok-a', T0 + ARMING_TOKEN_TTL_MS);
    expect(late.check).toBe('expired');
    expect(late.store).toBe(store);
  });

  it('knows nothing of a fire without prepare, or of ids that are not strings', () => {
    const empty: TokenStore = [];
    expect(checkToken(empty, 'anything', T0)).toBe('unknown');
    const store = issueToken([], 'tok-a', T0);
    for (const id of ['', 'tok-b', '__proto__', 'constructor', null, undefined, 42, {}, ['tok-a']]) {
      expect(checkToken(store, id, T0)).toBe('unknown');
    }
  });

  it('tells a replay from a made-up id for a TTL after expiry, then forgets', () => {
    let store = issueToken([], 'tok-a', T0);
    store = spendToken(store, 'tok-a', T0 + 1).store;
    store = issueToken(store, 'tok-b', T0 + ARMING_TOKEN_TTL_MS * 2 - 1);
    expect(checkToken(store, 'tok-a', T0 + ARMING_TOKEN_TTL_MS * 2 - 1)).toBe('replayed');
    store = issueToken(store, 'tok-c', T0 + ARMING_TOKEN_TTL_MS * 2);
    expect(checkToken(store, 'tok-a', T0 + ARMING_TOKEN_TTL_MS * 2)).toBe('unknown');
  });

  it('keeps at most MAX_OUTSTANDING_TOKENS, dropping the oldest', () => {
    let store: TokenStore = [];
    for (let i = 0; i < 100; i++) store = issueToken(store, `tok-${i}`, T0 + i);
    expect(store).toHaveLength(MAX_OUTSTANDING_TOKENS);
    expect(checkToken(store, 'tok-99', T0 + 100)).toBe('ok');
    expect(checkToken(store, 'tok-0', T0 + 100)).toBe('unknown');
  });
});
