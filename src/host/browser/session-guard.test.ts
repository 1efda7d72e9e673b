import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOwnHost, isOwnOrigin } from './origin.js';
import { loadOrCreateSessionToken, newSessionToken, TOKEN_FILE, tokensMatch } from './session-token.js';

describe('origin checks', () => {
  it('accepts only our loopback origin on our port', () => {
    expect(isOwnOrigin('http://127.0.0.1:7420', 7420)).toBe(true);
    expect(isOwnOrigin('http://localhost:7420', 7420)).toBe(true);
    for (const origin of [
      undefined,
      'null',
      'http://127.0.0.1:7421',
      'https://127.0.0.1:7420',
      'http://evil.example',
      'http://127.0.0.1:7420.evil.example',
      'http://127.0.0.1',
    ]) {
      expect(isOwnOrigin(origin, 7420), String(origin)).toBe(false);
    }
  });

  it('accepts only loopback Host headers on our port', () => {
    expect(isOwnHost('127.0.0.1:80', 80)).toBe(true);
    expect(isOwnHost('LOCALHOST:80', 80)).toBe(true);
    expect(isOwnHost('rebind.example:80', 80)).toBe(false);
    expect(isOwnHost(undefined, 80)).toBe(false);
  });
});

describe('session token', () => {
  it('is 32 random bytes in base64url', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
  });

  it('matches only the same token', () => {
    const token = newSessionToken();
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(token, token.slice(1))).toBe(false);
    expect(tokensMatch(token, '')).toBe(false);
    expect(tokensMatch(token, null)).toBe(false);
  });
});

describe('saved session token', () => {
  it('is created owner-only, reused by the next start, and replaced when malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cockpit-token-'));
    try {
      const first = loadOrCreateSessionToken(dir);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
      chmodSync(join(dir, TOKEN_FILE), 0o644);
      expect(loadOrCreateSessionToken(dir)).toBe(first);
      expect(statSync(join(dir, TOKEN_FILE)).mode & 0o777).toBe(0o600);
      writeFileSync(join(dir, TOKEN_FILE), 'short');
      const replaced = loadOrCreateSessionToken(dir);
      expect(replaced).not.toBe(first);
      expect(replaced).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
