/**
 * Structural sharing for poll results: the new answer is rebuilt from the
 * previous one wherever nothing changed, so a row object that is equal to
 * the last poll's row IS the last poll's row. Per-row selectors compare by
 * identity, so React re-renders only the rows that moved.
 */

import { sameJson } from '../../src/core/live-link/rows.js';

type Json = unknown;

/**
 * How one list (named by its property, at any depth) is merged with its
 * previous version. Returns `prev` itself when no row changed. Lists without
 * one are shared row by row, by position.
 */
export type ListMerge = (prev: readonly Json[], next: readonly Json[]) => readonly Json[];
export type ListMerges = Readonly<Record<string, ListMerge>>;

/** Structural equality of JSON-like values (what crosses the host boundary). */
export { sameJson };

/**
 * `next`, with every part equal to the matching part of `prev` replaced by
 * that part of `prev`. Arrays named in `lists` are merged by their own
 * ListMerge (keyed rows, a tight comparison of known fields); other arrays
 * row by row, by position.
 */
export function share<T>(prev: T | null | undefined, next: T, lists: ListMerges = {}, merge?: ListMerge): T {
  if (prev === null || prev === undefined) return next;
  if ((prev as unknown) === next) return next;
  if (typeof next !== 'object' || next === null || typeof prev !== 'object') return sameJson(prev, next) ? prev : next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    return (merge ? merge(prev, next) : shareByPosition(prev, next, lists)) as T;
  }
  if (Array.isArray(prev)) return next;
  const p = prev as Record<string, Json>;
  const n = next as Record<string, Json>;
  const out: Record<string, Json> = {};
  let allReused = true;
  let prevKeys = 0;
  for (const _ in p) prevKeys++;
  let nextKeys = 0;
  for (const k in n) {
    nextKeys++;
    const had = Object.hasOwn(p, k);
    const v = had ? share(p[k], n[k], lists, lists[k]) : n[k];
    out[k] = v;
    if (!had || v !== p[k]) allReused = false;
  }
  return (allReused && prevKeys === nextKeys ? prev : out) as T;
}

function shareByPosition(prev: readonly Json[], next: readonly Json[], lists: ListMerges): readonly Json[] {
  const out = new Array<Json>(next.length);
  let allReused = prev.length === next.length;
  for (let i = 0; i < next.length; i++) {
    const v = i < prev.length ? share(prev[i], next[i], lists) : next[i];
    out[i] = v;
    if (v !== prev[i]) allReused = false;
  }
  return allReused ? prev : out;
}

/**
 * A ListMerge that matches rows by key, so a row that moves in the list
 * keeps its identity, and compares them with `sameRow`. A changed row is
 * taken as it came (the answer's objects are fresh from JSON.parse or a
 * delta's rebuild, and never mutated), and so is the list itself while
 * every row in it is either its own or the previous row it equals: merging
 * a delta's rebuilt list, whose unchanged rows already are the held ones,
 * costs one identity check per row and allocates nothing.
 */
export function keyedRows<T>(keyOf: (row: T) => string, sameKey: (a: T, b: T) => boolean, sameRow: (a: T, b: T) => boolean): ListMerge {
  return (prevRows, nextRows) => {
    const prev = prevRows as readonly T[];
    const next = nextRows as readonly T[];
    /** Made only once a row of `next` is replaced by the equal row held before. */
    let out: T[] | null = null;
    let allReused = prev.length === next.length;
    // Rows usually keep their place between polls: match by position first and
    // build the key index only when a row has moved.
    let byKey: Map<string, T> | null = null;
    for (let i = 0; i < next.length; i++) {
      const row = next[i]!;
      let match: T | undefined = prev[i];
      // A row a delta left alone is the very object held before: nothing to compare.
      if (match === row) {
        if (out !== null) out[i] = row;
        continue;
      }
      if (match === undefined || !sameKey(match, row)) {
        byKey ??= indexRows(prev, keyOf);
        match = byKey.get(keyOf(row));
      }
      const v = match !== undefined && sameRow(match, row) ? match : row;
      if (v !== row) out ??= next.slice(0, i);
      if (out !== null) out[i] = v;
      if (v !== prev[i]) allReused = false;
    }
    return allReused ? prev : (out ?? next);
  };
}

/** keyedRows for rows whose shape is not known here: keys from `keyOf`, rows compared structurally. */
export const rowsByKey = (keyOf: (row: Json) => string): ListMerge =>
  keyedRows<Json>(keyOf, (a, b) => keyOf(a) === keyOf(b), (a, b) => sameJson(a, b));

function indexRows<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T> {
  const index = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    // With duplicate keys the first row wins; later ones are matched by position only.
    if (!index.has(key)) index.set(key, row);
  }
  return index;
}
