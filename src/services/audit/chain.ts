/**
 * The audit log's hash chain: each record carries the hash of the one
 * before, so an edit or a lost line anywhere shows.
 *
 * A record's hash is HMAC-SHA-256, under the data folder's chain key, of
 * the canonical JSON (keys sorted, no spaces) of the record without its
 * `hash` field; `keyId` names the key so a host that does not hold it (the
 * desktop app keeps its key in the OS secret store) can still check every
 * link and say which records it could not authenticate. A record without a
 * `keyId` predates keyed chains and is plain SHA-256; one after a keyed
 * record is a break. Without the key a re-hashed rewrite would verify: the
 * chain head written into every export (seq and hash) catches it.
 *
 * The first record's prevHash is 64 zeros.
 */
import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  seq: number;
  at: number;
  type: string;
  actor: string | null;
  incidentId: string | null;
  data: unknown;
  prevHash: string;
  /** The chain key's id; absent on records from before keyed chains. */
  keyId?: string;
  hash: string;
}

/** The last record's seq and hash: what an export carries so a rewrite of the history before it shows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainKey {
  id: string;
  secret: Buffer;
}

/** The keys a host holds: the one it signs with, and any others it can check (by id). */
export interface ChainKeys {
  signing: ChainKey;
  known: readonly ChainKey[];
}

export type ChainCheck =
  | { ok: true; records: number; lastHash: string; head: ChainHead; unauthenticated?: number }
  | { ok: false; records: number; line: number; seq: number | null; reason: string };

/** A key's public name: the first 16 hex digits of a SHA-256 over it, never the key. */
export function chainKeyId(secret: Buffer): string {
  return createHash('sha256').update('oncall-cockpit audit chain key\n').update(secret).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The record's hash: HMAC under `secret` when it names a key, plain SHA-256 when it does not. */
export function recordHash(record: Omit<AuditRecord, 'hash'>, secret?: Buffer): string {
  const { seq, at, type, actor, incidentId, data, prevHash, keyId } = record;
  const text = canonicalJson({ seq, at, type, actor, incidentId, data, prevHash, keyId });
  return (keyId === undefined || secret === undefined ? createHash('sha256') : createHmac('sha256', secret)).update(text).digest('hex');
}

/** Whether a parsed line has the shape of a record (null, arrays, numbers and strings do not). */
export function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Partial<AuditRecord>;
  return typeof r.seq === 'number' && typeof r.hash === 'string' && typeof r.prevHash === 'string' && typeof r.type === 'string';
}

/** One line of the log as read: a record, or why it is not one. */
export type ParsedLine = { record: AuditRecord } | { problem: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one line's bytes (without its newline): strict UTF-8, then JSON, then the record's shape. */
export function parseLine(bytes: Uint8Array | string): ParsedLine {
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : strictUtf8.decode(bytes);
  } catch {
    return { problem: 'not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  return isAuditRecord(value) ? { record: value } : { problem: 'not an audit record' };
}

/** Checks every link of the lines, in order; `keys` authenticates the records whose key it holds. */
export function checkChain(lines: readonly (ParsedLine | string)[], keys?: ChainKeys): ChainCheck {
  const byId = new Map((keys ? [keys.signing, ...keys.known] : []).map((k) => [k.id, k.secret]));
  let prevHash = GENESIS_HASH;
  let keyed = false;
  let unauthenticated = 0;
  for (const [i, entry] of lines.entries()) {
    const parsed = typeof entry === 'string' ? parseLine(entry) : entry;
    const fail = (reason: string, seq: number | null = null): ChainCheck => ({ ok: false, records: i, line: i + 1, seq, reason });
    if ('problem' in parsed) return fail(parsed.problem);
    const r = parsed.record;
    if (r.seq !== i + 1) return fail(`expected seq ${i + 1}, found ${String(r.seq)}`, r.seq);
    if (r.prevHash !== prevHash) return fail('prevHash does not match the record before', r.seq);
    if (r.keyId === undefined) {
      if (keyed) return fail('a record without a chain key after keyed ones', r.seq);
      if (recordHash(r) !== r.hash) return fail('hash does not match the record', r.seq);
    } else {
      keyed = true;
      const secret = byId.get(r.keyId);
      if (secret === undefined) unauthenticated += 1;
      else if (recordHash(r, secret) !== r.hash) return fail('hash does not match the record (chain key)', r.seq);
    }
    prevHash = r.hash;
  }
  const head = { seq: lines.length, hash: prevHash };
  return unauthenticated > 0
    ? { ok: true, records: lines.length, lastHash: prevHash, head, unauthenticated }
    : { ok: true, records: lines.length, lastHash: prevHash, head };
}
