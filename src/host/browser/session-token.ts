/**
 * The browser host's per-start secret. Anything on the machine can reach a
 * loopback port, so the WebSocket only serves a page that was handed this
 * token in its URL by the person who started the host.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits), base64url so it survives a URL fragment and query unescaped. */
export const TOKEN_BYTES = 32;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
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
