/**
 * The browser host's session token. The host prints a URL ending in
 * `#token=...`; the page keeps the token in sessionStorage so a reload (or a
 * host restart on the same port) still works, and removes it from the address
 * bar so it does not end up in screenshots, history or a pasted link.
 */

export const TOKEN_STORAGE_KEY = 'cockpit-session-token';

/** The parts of `window` this needs, so tests can pass plain objects. */
export interface TokenPlace {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** The token from `#token=...` in a URL hash, or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && token.length > 0 ? token : null;
}

/** Takes the token from the hash (remembering it) or from an earlier visit; null when neither has one. */
export function takeSessionToken(place: TokenPlace): string | null {
  const fromHash = tokenFromHash(place.location.hash);
  if (fromHash !== null) {
    place.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    place.history.replaceState(null, '', place.location.pathname + place.location.search);
    return fromHash;
  }
  return place.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}
