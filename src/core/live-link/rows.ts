/**
 * Row deltas for the books (positions, strategies): what changed between two
 * answers of one endpoint, keyed by each row's identity in the trading
 * system, and the inverse that rebuilds the newer answer from the older one.
 *
 * A delta names rows by their key fields only. `changed` rows carry their key
 * fields and the fields whose value moved; `removed` rows their key fields;
 * `added` rows whole. Everything of the answer but its rows (the server
 * timestamp) travels whole in `head`.
 *
 * `diffRows` answers null, meaning "send the answer whole", whenever a delta
 * could not rebuild the newer answer exactly: no older answer, a key that two
 * rows share, a field that disappeared, or rows that changed order (apply
 * keeps the older order and appends the added rows at the end).
 */

type Row = Record<string, unknown>;

/** Which field of an answer holds its rows, and which fields of a row make its identity. */
export interface RowsSpec {
  readonly list: string;
  readonly key: readonly string[];
}

export interface RowsDelta {
  kind: 'rows';
  /** The answer's fields other than the rows, whole. */
  head: Row;
  added: Row[];
  /** Key fields of the rows that left. */
  removed: Row[];
  /** Key fields plus the fields that changed, of rows present in both answers. */
  changed: Row[];
}

export type ApplyResult = { ok: true; data: Row } | { ok: false; reason: string };

/**
 * Composite key of a row: its key fields' values joined by NUL; a value that
 * holds a NUL itself (or is not a string) makes the whole key JSON, which
 * starts with "[" where a joined key cannot, so no two rows collide.
 */
export function rowKey(row: Row, spec: RowsSpec): string {
  const fields = spec.key;
  if (fields.length === 1) {
    const only = row[fields[0]!];
    return typeof only === 'string' && !only.startsWith('[') ? only : JSON.stringify([only]);
  }
  let key = '';
  for (let i = 0; i < fields.length; i++) {
    const value = row[fields[i]!];
    if (typeof value !== 'string' || value.includes('\u0000') || (i === 0 && value.startsWith('['))) {
      return JSON.stringify(fields.map((field) => row[field]));
    }
    key = i === 0 ? value : `${key}\u0000${value}`;
  }
  return key;
}

/** The two rows have the same identity (every key field equal). */
export function sameKey(a: Row, b: Row, spec: RowsSpec): boolean {
  for (const field of spec.key) if (a[field] !== b[field]) return false;
  return true;
}

/** The fields of `next` that differ from `old` with its key fields, null when none; undefined when a field went missing. */
function changedFields(old: Row, next: Row, spec: RowsSpec): Row | null | undefined {
  let delta: Row | null = null;
  let oldCount = 0;
  for (const field in old) {
    oldCount++;
    if (!Object.hasOwn(next, field)) return undefined;
  }
  let nextCount = 0;
  for (const field in next) {
    nextCount++;
    if (!sameJson(old[field], next[field])) {
      delta ??= keyFields(next, spec);
      delta[field] = next[field];
    }
  }
  return nextCount < oldCount ? undefined : delta;
}

/**
 * Deep equality of JSON values (what a validated answer or a host message is
 * made of), without allocating: for-in rather than Object.keys, as it runs
 * for every row of a book. NaN equals NaN: JSON cannot carry it, structured
 * clone (Electron IPC) can.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Row;
  const bo = b as Row;
  let count = 0;
  for (const k in ao) {
    if (!Object.hasOwn(bo, k) || !sameJson(ao[k], bo[k])) return false;
    count++;
  }
  // Every field of `a` is in `b`: equal when `b` has no more.
  for (const k in bo) if (Object.hasOwn(bo, k)) count--;
  return count === 0;
}

function keyFields(row: Row, spec: RowsSpec): Row {
  const out: Row = {};
  for (const field of spec.key) out[field] = row[field];
  return out;
}

function headOf(data: Row, spec: RowsSpec): Row {
  const head: Row = {};
  for (const field of Object.keys(data)) if (field !== spec.list) head[field] = data[field];
  return head;
}

function rowsOf(data: Row, spec: RowsSpec): Row[] | null {
  const rows = data[spec.list];
  return Array.isArray(rows) ? (rows as Row[]) : null;
}

/** The delta from `prev` to `next`, or null when only the whole answer can say it. */
export function diffRows(prev: Row | null, next: Row, spec: RowsSpec): RowsDelta | null {
  if (prev === null) return null;
  const prevRows = rowsOf(prev, spec);
  const nextRows = rowsOf(next, spec);
  if (prevRows === null || nextRows === null) return null;
  const changed: Row[] = [];
  // The common case, the same rows in the same order, walks both lists side by side with no keys built.
  if (prevRows.length === nextRows.length) {
    let aligned = true;
    for (let i = 0; i < nextRows.length; i++) {
      const old = prevRows[i]!;
      const row = nextRows[i]!;
      // The very row of the older answer (the client keeps unchanged rows so): same key, nothing changed.
      if (old === row) continue;
      if (!sameKey(old, row, spec)) {
        aligned = false;
        break;
      }
      const delta = changedFields(old, row, spec);
      if (delta === undefined) return null;
      if (delta !== null) changed.push(delta);
    }
    // Same keys in the same places: `next` holds two rows with one key only if `prev` does.
    if (aligned && (uniqueRows.has(prevRows) || !hasDuplicateKey(nextRows, spec))) {
      uniqueRows.add(nextRows);
      return { kind: 'rows', head: headOf(next, spec), added: [], removed: [], changed };
    }
    if (aligned) return null;
    changed.length = 0;
  }

  const prevIndex = new Map<string, number>();
  for (let i = 0; i < prevRows.length; i++) {
    const key = rowKey(prevRows[i]!, spec);
    if (prevIndex.has(key)) return null;
    prevIndex.set(key, i);
  }
  const added: Row[] = [];
  const kept = new Uint8Array(prevRows.length);
  const seen = new Set<string>();
  // Rows present in both must come in the older order, all before any added row.
  let lastPrev = -1;
  for (const row of nextRows) {
    const key = rowKey(row, spec);
    if (seen.has(key)) return null;
    seen.add(key);
    const at = prevIndex.get(key);
    if (at === undefined) {
      added.push(row);
      continue;
    }
    if (added.length > 0 || at < lastPrev) return null;
    lastPrev = at;
    kept[at] = 1;
    const old = prevRows[at]!;
    if (old === row) continue;
    const delta = changedFields(old, row, spec);
    if (delta === undefined) return null;
    if (delta !== null) changed.push(delta);
  }
  const removed: Row[] = [];
  for (let i = 0; i < prevRows.length; i++) if (kept[i] === 0) removed.push(keyFields(prevRows[i]!, spec));
  uniqueRows.add(nextRows);
  return { kind: 'rows', head: headOf(next, spec), added, removed, changed };
}

/**
 * Row lists already seen to hold no two rows with one key. A memo of a fact
 * about immutable values (answers are never mutated once validated), so it
 * changes no result: it only spares the keyed check of a list whose keys
 * are those of a list already checked.
 */
const uniqueRows = new WeakSet<readonly Row[]>();

function hasDuplicateKey(rows: readonly Row[], spec: RowsSpec): boolean {
  const keys = new Set<string>();
  for (const row of rows) {
    const key = rowKey(row, spec);
    if (keys.has(key)) return true;
    keys.add(key);
  }
  return false;
}

/**
 * Rebuilds the newer answer from `prev` and a delta. Rows that did not
 * change are the very objects of `prev`. A delta that does not fit `prev`
 * (a changed or removed row it does not hold, an added row it already has)
 * answers not ok: the receiver's base is not the sender's, and only a fresh
 * snapshot can mend that.
 *
 * `diffRows` lists removed and changed rows in the older order, so both are
 * matched in one walk over `prev` with no keys built; only added rows need
 * the keys of what is held, to refuse one it already has.
 */
export function applyRows(prev: Row | null, delta: RowsDelta, spec: RowsSpec): ApplyResult {
  if (prev === null) return { ok: false, reason: 'a row delta with no earlier answer' };
  const prevRows = rowsOf(prev, spec);
  if (prevRows === null) return { ok: false, reason: `the earlier answer has no ${spec.list}` };
  const rows: Row[] = [];
  let r = 0;
  let c = 0;
  const { removed, changed, added } = delta;
  for (const row of prevRows) {
    if (r < removed.length && sameKey(row, removed[r]!, spec)) {
      r++;
      continue;
    }
    if (c < changed.length && sameKey(row, changed[c]!, spec)) {
      rows.push({ ...row, ...changed[c]! });
      c++;
      continue;
    }
    rows.push(row);
  }
  if (r < removed.length) return { ok: false, reason: `removed row ${rowKey(removed[r]!, spec)} is not held` };
  if (c < changed.length) return { ok: false, reason: `changed row ${rowKey(changed[c]!, spec)} is not held` };
  if (added.length > 0) {
    const held = new Set<string>();
    for (const row of rows) held.add(rowKey(row, spec));
    for (const row of added) {
      const key = rowKey(row, spec);
      if (held.has(key)) return { ok: false, reason: `added row ${key} is already held` };
      held.add(key);
      rows.push(row);
    }
  }
  return { ok: true, data: { ...delta.head, [spec.list]: rows } };
}
