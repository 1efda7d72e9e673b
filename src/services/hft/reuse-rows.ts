/**
 * Validating a book (positions, strategies) one changed row at a time.
 *
 * Between two polls most rows of a large book are what they were: at
 * 10,000 positions with 10% moving, zod would check 9,000 rows again only to
 * build 9,000 copies of objects already held. A row whose parsed JSON is
 * equal, field for field, to a row of the previous good answer of the same
 * endpoint validates into what that row did (checking a row depends on the
 * row alone), so its validated object is taken over as is; only the other
 * rows, and the answer's fields other than its rows, go through zod.
 *
 * A row that moved (a held row with its key, some fields changed) has only
 * its changed fields validated, each by its own field schema, when its
 * schema is a plain z.object with no checks of its own: validating such an
 * object is validating each field alone, so the validated row is the held
 * validated row with those fields replaced (same keys, same order). At
 * 1,000 moved positions a second, whole rows through zod were the largest
 * share of the garbage the poll made. A field that went missing or came,
 * or any other schema, takes the row through zod whole.
 *
 * The result is exactly what validating the whole answer gives, and so is
 * a failure: whenever any part fails, the whole answer is validated again
 * and its report is the one given, the same first issue and the same count
 * as without this shortcut. Rows taken over keep their identity, so the
 * link's row diff and the page's merge see at once that they did not move.
 */
import type { z } from 'zod';
import { rowKey, sameJson, sameKey, type RowsSpec } from '../../core/live-link/rows.js';

type Json = Record<string, unknown>;

/** What the previous good answer's rows were: their parsed JSON and their validated objects, index for index. */
export interface HeldRows {
  readonly raw: readonly unknown[];
  readonly value: readonly unknown[];
}

export type RowsValidation<T> =
  | { success: true; data: T; rows: HeldRows | null }
  | { success: false; error: z.ZodError };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema of one row: the element of the array at `spec.list` of an object schema. */
function rowSchemaOf(schema: z.ZodType, spec: RowsSpec): z.ZodType | null {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  const list = shape?.[spec.list] as { element?: z.ZodType } | undefined;
  return list?.element ?? null;
}

/**
 * The fields a row's validated object is made of, when that is all it is
 * made of: a plain z.object drops every other field, so two rows equal in
 * these validate alike whatever else they carry. Null for any other kind of
 * row schema (passthrough, catchall, transforms), where whole rows are compared.
 */
function strippedFieldsOf(rowSchema: z.ZodType): readonly string[] | null {
  const def = (rowSchema as unknown as { _zod?: { def?: { type?: string; catchall?: unknown; shape?: Record<string, unknown> } } })._zod?.def;
  if (def?.type !== 'object' || def.catchall !== undefined || def.shape === undefined) return null;
  return Object.keys(def.shape);
}

/** What a row schema allows: its fields when plain (strippedFieldsOf), and each field's schema when the row has no checks of its own. */
interface RowShape {
  readonly fields: readonly string[] | null;
  readonly fieldSchemas: Readonly<Record<string, z.ZodType>> | null;
}

function shapeOf(rowSchema: z.ZodType): RowShape {
  const fields = strippedFieldsOf(rowSchema);
  const def = (rowSchema as unknown as { _zod: { def: { checks?: unknown[]; shape?: Record<string, z.ZodType> } } })._zod.def;
  const plain = fields !== null && (def.checks === undefined || def.checks.length === 0);
  return { fields, fieldSchemas: plain ? def.shape! : null };
}

const shapeCache = new WeakMap<z.ZodType, RowShape>();

/** Outcome of validating a moved row by its changed fields. */
const WHOLE_ROW = 0;
const INVALID = 1;

/**
 * The validated row for `row`, from the held row it moved from: its changed
 * fields validated alone, the rest the held row's. WHOLE_ROW when a field
 * came or went (the row goes through zod whole), INVALID when a changed
 * field breaks the contract.
 */
function patchRow(old: Json, oldValue: Json, row: Json, shape: RowShape): Json | typeof WHOLE_ROW | typeof INVALID {
  const fields = shape.fields!;
  const schemas = shape.fieldSchemas!;
  let patched: Json | null = null;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const x = old[f];
    const y = row[f];
    if (x === y || sameJson(x, y)) continue;
    if (x === undefined || y === undefined) return WHOLE_ROW;
    const checked = schemas[f]!.safeParse(y);
    if (!checked.success) return INVALID;
    // A field validated into nothing is left to the whole row, where zod decides whether the key stays.
    if (checked.data === undefined) return WHOLE_ROW;
    patched ??= { ...oldValue };
    patched[f] = checked.data;
  }
  return patched ?? WHOLE_ROW;
}

function sameRow(a: Json, b: Json, fields: readonly string[] | null): boolean {
  if (fields === null) return sameJson(a, b);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const x = a[f];
    const y = b[f];
    // A parsed JSON value is never undefined: undefined on both sides means absent on both.
    if (x !== y && !sameJson(x, y)) return false;
  }
  return true;
}

function whole<T>(json: unknown, schema: z.ZodType<T>, spec: RowsSpec): RowsValidation<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { success: false, error: parsed.error };
  const raw = (json as Json)[spec.list];
  const value = (parsed.data as Json)[spec.list];
  const rows = Array.isArray(raw) && Array.isArray(value) && raw.length === value.length ? { raw, value } : null;
  return { success: true, data: parsed.data, rows };
}

/**
 * Validates `json` against `schema` (an object whose `spec.list` is an array
 * of rows), taking over the validated rows of `held` for rows whose parsed
 * JSON is unchanged. Matches a row to the held row at its own index first,
 * then by its key.
 */
export function validateRows<T>(json: unknown, schema: z.ZodType<T>, spec: RowsSpec, held: HeldRows | null): RowsValidation<T> {
  const rowSchema = rowSchemaOf(schema, spec);
  if (held === null || rowSchema === null || !isObject(json) || !Array.isArray(json[spec.list])) return whole(json, schema, spec);
  const rows = json[spec.list] as unknown[];

  let byKey: Map<string, number> | null = null;
  const keyIndex = (): Map<string, number> => {
    if (byKey !== null) return byKey;
    byKey = new Map();
    for (let j = held.raw.length - 1; j >= 0; j--) {
      const row = held.raw[j];
      if (isObject(row)) byKey.set(rowKey(row, spec), j);
    }
    return byKey;
  };

  let shape = shapeCache.get(rowSchema);
  if (shape === undefined) shapeCache.set(rowSchema, (shape = shapeOf(rowSchema)));
  const fields = shape.fields;

  const raw = new Array<unknown>(rows.length);
  const value = new Array<unknown>(rows.length);
  /** Rows to validate, and where each goes. */
  const fresh: unknown[] = [];
  const freshAt: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (isObject(row)) {
      const same = held.raw[i];
      // Most rows are the held row at their own index, unchanged: one comparison settles them
      // (none for a row the text walk already took over: text-rows.ts).
      let at = -1;
      /** The held row with this row's key, changed: the one it moved from. */
      let from = -1;
      if (same === row || (isObject(same) && sameRow(same, row, fields))) at = i;
      else if (isObject(same) && sameKey(same, row, spec)) from = i;
      else {
        // Not the row held at this index: the held row with its key, if any.
        const j = keyIndex().get(rowKey(row, spec));
        if (j !== undefined && sameRow(held.raw[j] as Json, row, fields)) at = j;
        else if (j !== undefined) from = j;
      }
      if (at >= 0) {
        // The held parsed row, not the new equal one: the new one is garbage at once.
        raw[i] = held.raw[at];
        value[i] = held.value[at];
        continue;
      }
      if (from >= 0 && shape.fieldSchemas !== null && isObject(held.value[from])) {
        const patched = patchRow(held.raw[from] as Json, held.value[from] as Json, row, shape);
        // A bad field: the whole answer is validated again, for whole validation's own report.
        if (patched === INVALID) return whole(json, schema, spec);
        if (patched !== WHOLE_ROW) {
          raw[i] = row;
          value[i] = patched;
          continue;
        }
      }
    }
    fresh.push(row);
    freshAt.push(i);
  }
  // The answer's own fields and its new rows, in one pass of the whole schema.
  const checked = schema.safeParse({ ...json, [spec.list]: fresh });
  if (!checked.success) return whole(json, schema, spec);
  const checkedRows = (checked.data as Json)[spec.list] as unknown[];
  for (let j = 0; j < fresh.length; j++) {
    raw[freshAt[j]!] = fresh[j];
    value[freshAt[j]!] = checkedRows[j];
  }
  (checked.data as Json)[spec.list] = value;
  return { success: true, data: checked.data, rows: { raw, value } };
}
