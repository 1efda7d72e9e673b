/**
 * The browser host's secret. Anything on the machine can reach a loopback
 * port, so the WebSocket only serves a page that was handed this token in
 * its URL by the person who started the host.
 *
 * The token is kept in the data dir (owner-only) and reused by the next
 * start, so that an open cockpit tab reconnects by itself when the host is
 * restarted or crashes mid-incident (the page keeps the token in
 * sessionStorage). Deleting the file rotates it at the next start.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** 32 random bytes (256 bits), base64url so it survives a URL fragment and query unescaped. */
export const TOKEN_BYTES = 32;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export const TOKEN_FILE = 'browser-host-token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The token saved in `dataDir`, or a new one saved there (mode 0600) when there is none or it is malformed. */
export function loadOrCreateSessionToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  if (existsSync(path)) {
    const saved = readFileSync(path, 'utf8').trim();
    if (TOKEN_SHAPE.test(saved)) {
      // Tighten a file someone loosened; the token is as good as a password for this host.
      chmodSync(path, 0o600);
      return saved;
    }
  }
  const token = newSessionToken();
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the
 * content nor the length of the expected token leaks through timing.
 */
export function tokensMatch(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
