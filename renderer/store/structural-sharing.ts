/**
 * Structural sharing for poll results: the new answer is rebuilt from the
 * previous one wherever nothing changed, so a row object that is equal to
 * the last poll's row IS the last poll's row. Per-row selectors compare by
 * identity, so React re-renders only the rows that moved.
 */

type Json = unknown;
export type KeyOf = (row: Json, index: number) => string;

/** Structural equality of JSON-like values (what crosses the host boundary). */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN cannot arrive over JSON; structured clone (Electron IPC) can carry it.
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  // for-in rather than Object.keys: no allocation per row, and this runs on
  // every row of every poll (10,000 positions a second).
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  let count = 0;
  for (const k in ao) {
    if (!Object.hasOwn(bo, k) || !sameJson(ao[k], bo[k])) return false;
    count++;
  }
  for (const _ in bo) count--;
  return count === 0;
}

/**
 * `next`, with every part equal to the matching part of `prev` replaced by
 * that part of `prev`. Arrays listed in `keys` (by property name, at any
 * depth) match rows by key rather than by position, so a row that moves in
 * the list keeps its identity.
 */
export function share<T>(prev: T | null | undefined, next: T, keys: Readonly<Record<string, KeyOf>> = {}, keyOf?: KeyOf): T {
  if (prev === null || prev === undefined) return next;
  if ((prev as unknown) === next) return next;
  if (typeof next !== 'object' || next === null || typeof prev !== 'object') return sameJson(prev, next) ? prev : next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    return shareRows(prev, next, keys, keyOf) as T;
  }
  if (Array.isArray(prev)) return next;
  const p = prev as Record<string, Json>;
  const n = next as Record<string, Json>;
  const out: Record<string, Json> = {};
  let allReused = Object.keys(p).length === Object.keys(n).length;
  for (const k of Object.keys(n)) {
    const v = Object.hasOwn(p, k) ? share(p[k], n[k], keys, keys[k]) : n[k];
    out[k] = v;
    if (!Object.hasOwn(p, k) || v !== p[k]) allReused = false;
  }
  return (allReused ? prev : out) as T;
}

function shareRows(prev: Json[], next: Json[], keys: Readonly<Record<string, KeyOf>>, keyOf?: KeyOf): Json[] {
  const out = new Array<Json>(next.length);
  let allReused = prev.length === next.length;
  // Rows usually keep their place between polls: match by position first and
  // build the key index only when a row has moved.
  let byKey: Map<string, Json> | null = null;
  for (let i = 0; i < next.length; i++) {
    const row = next[i];
    let v: Json;
    if (i < prev.length && sameJson(prev[i], row)) {
      // The common case: the row is where it was and did not change.
      v = prev[i];
    } else {
      let match: Json = undefined;
      if (keyOf === undefined) {
        match = prev[i];
      } else if (i < prev.length && keyOf(prev[i], i) === keyOf(row, i)) {
        match = prev[i];
      } else {
        byKey ??= indexRows(prev, keyOf);
        match = byKey.get(keyOf(row, i));
      }
      v = match === undefined ? row : share(match, row, keys);
    }
    out[i] = v;
    if (v !== prev[i]) allReused = false;
  }
  return allReused ? prev : out;
}

function indexRows(rows: Json[], keyOf: KeyOf): Map<string, Json> {
  const index = new Map<string, Json>();
  rows.forEach((row, i) => {
    const key = keyOf(row, i);
    // With duplicate keys the first row wins; later ones match by position only.
    if (!index.has(key)) index.set(key, row);
  });
  return index;
}
