import { describe, expect, it } from 'vitest';
import { takeSessionToken, tokenFromHash, TOKEN_STORAGE_KEY, type TokenPlace } from './session-token.js';

function place(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const p: TokenPlace = {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState: (_d, _u, url) => replaced.push(url) },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { p, storage, replaced };
}

describe('session token', () => {
  it('reads the token from the hash', () => {
    expect(tokenFromHash('#token=abc-123')).toBe('abc-123');
    expect(tokenFromHash('#other=1&token=z')).toBe('z');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('remembers a token from the hash and removes it from the address bar', () => {
    const { p, storage, replaced } = place('#token=abc');
    expect(takeSessionToken(p)).toBe('abc');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?x=1']);
  });

  it('uses the remembered token after a reload without a hash', () => {
    const { p, replaced } = place('', { [TOKEN_STORAGE_KEY]: 'kept' });
    expect(takeSessionToken(p)).toBe('kept');
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the hash over a remembered one', () => {
    const { p, storage } = place('#token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeSessionToken(p)).toBe('new');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has nothing when neither the hash nor the session has a token', () => {
    expect(takeSessionToken(place('').p)).toBeNull();
  });
});
