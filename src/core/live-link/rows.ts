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

/** Composite key of a row: the key fields' values, JSON-encoded so no separator can collide. */
export function rowKey(row: Row, spec: RowsSpec): string {
  if (spec.key.length === 1) return String(row[spec.key[0]!]);
  return JSON.stringify(spec.key.map((field) => row[field]));
}

/** Deep equality of JSON values (what a validated answer is made of). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameJson((a as Row)[k], (b as Row)[k])) return false;
  }
  return true;
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

  const prevIndex = new Map<string, number>();
  for (let i = 0; i < prevRows.length; i++) {
    const key = rowKey(prevRows[i]!, spec);
    if (prevIndex.has(key)) return null;
    prevIndex.set(key, i);
  }

  const added: Row[] = [];
  const changed: Row[] = [];
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
    let delta: Row | null = null;
    for (const field of Object.keys(old)) if (!Object.hasOwn(row, field)) return null;
    for (const field of Object.keys(row)) {
      if (!sameJson(old[field], row[field])) {
        delta ??= keyFields(row, spec);
        delta[field] = row[field];
      }
    }
    if (delta !== null) changed.push(delta);
  }
  const removed: Row[] = [];
  for (let i = 0; i < prevRows.length; i++) if (kept[i] === 0) removed.push(keyFields(prevRows[i]!, spec));
  return { kind: 'rows', head: headOf(next, spec), added, removed, changed };
}

/**
 * Rebuilds the newer answer from `prev` and a delta. Rows that did not
 * change are the very objects of `prev`. A delta that does not fit `prev`
 * (a changed or removed row it does not hold, an added row it already has)
 * answers not ok: the receiver's base is not the sender's, and only a fresh
 * snapshot can mend that.
 */
export function applyRows(prev: Row | null, delta: RowsDelta, spec: RowsSpec): ApplyResult {
  if (prev === null) return { ok: false, reason: 'a row delta with no earlier answer' };
  const prevRows = rowsOf(prev, spec);
  if (prevRows === null) return { ok: false, reason: `the earlier answer has no ${spec.list}` };
  const present = new Set<string>();
  for (const row of prevRows) present.add(rowKey(row, spec));
  const removed = new Set<string>();
  for (const row of delta.removed) {
    const key = rowKey(row, spec);
    if (!present.has(key)) return { ok: false, reason: `removed row ${key} is not held` };
    removed.add(key);
  }
  const changed = new Map<string, Row>();
  for (const row of delta.changed) {
    const key = rowKey(row, spec);
    if (!present.has(key) || removed.has(key)) return { ok: false, reason: `changed row ${key} is not held` };
    changed.set(key, row);
  }
  const rows: Row[] = [];
  for (const row of prevRows) {
    const key = rowKey(row, spec);
    if (removed.has(key)) continue;
    const change = changed.get(key);
    rows.push(change === undefined ? row : { ...row, ...change });
  }
  for (const row of delta.added) {
    const key = rowKey(row, spec);
    if (present.has(key) && !removed.has(key)) return { ok: false, reason: `added row ${key} is already held` };
    rows.push(row);
  }
  return { ok: true, data: { ...delta.head, [spec.list]: rows } };
}
