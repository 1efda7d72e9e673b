/**
 * The audit log: every action the cockpit takes or sees, one JSON line per
 * record, each carrying the hash of the one before, so an edit or a lost
 * line anywhere shows.
 *
 * Durability: `append` resolves only after the line is written and the file
 * is fsync'd, so an action reported done is on disk. Appends go through one
 * queue: one writer, records in order, no interleaved lines.
 *
 * Crash recovery on open: a crash can tear the last line (written in part,
 * or, after a power cut, with garbage where the end should be). Only that
 * last line is cut off. A bad record anywhere before it is never repaired:
 * the log opens, reports where the chain breaks (`integrity`), and keeps
 * appending after the last line, so nothing more is lost while a person
 * looks at it.
 *
 * The hash is SHA-256 over the canonical JSON (keys sorted, no spaces) of
 * the record without its `hash` field; the first record's prevHash is 64
 * zeros.
 */
import { createHash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** What happened, e.g. "incident.acknowledged", "killswitch.pressed". */
  type: string;
  /** Who did it; absent for what the cockpit observed by itself. */
  actor?: string;
  incidentId?: string;
  /** Any JSON value. */
  data?: unknown;
  /** Epoch ms; the log's clock when absent. */
  at?: number;
}

export interface AuditRecord {
  seq: number;
  at: number;
  type: string;
  actor: string | null;
  incidentId: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; records: number; lastHash: string }
  | { ok: false; records: number; line: number; seq: number | null; reason: string };

export interface AuditFilter {
  incidentId?: string;
  type?: string;
  /** Only records with seq greater than this. */
  afterSeq?: number;
}

export interface AuditLog {
  readonly path: string;
  /** What opening found: the chain check and how many bytes of a torn last line were cut. */
  readonly opened: { integrity: ChainCheck; cutBytes: number };
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** Re-reads the whole file and checks every link. */
  verify(): Promise<ChainCheck>;
  read(filter?: AuditFilter): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, at, type, actor, incidentId, data, prevHash } = record;
  return createHash('sha256').update(canonicalJson({ seq, at, type, actor, incidentId, data, prevHash })).digest('hex');
}

/** Checks the links of already-split lines; `lines` holds complete lines only. */
export function checkChain(lines: readonly string[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  for (const [i, line] of lines.entries()) {
    const fail = (reason: string, seq: number | null = null): ChainCheck => ({ ok: false, records: i, line: i + 1, seq, reason });
    let r: AuditRecord;
    try {
      r = JSON.parse(line) as AuditRecord;
    } catch {
      return fail('not valid JSON');
    }
    if (typeof r !== 'object' || r === null || typeof r.hash !== 'string') return fail('not an audit record');
    if (r.seq !== i + 1) return fail(`expected seq ${i + 1}, found ${String(r.seq)}`, r.seq ?? null);
    if (r.prevHash !== prevHash) return fail('prevHash does not match the record before', r.seq);
    if (recordHash(r) !== r.hash) return fail('hash does not match the record', r.seq);
    prevHash = r.hash;
  }
  return { ok: true, records: lines.length, lastHash: prevHash };
}

const NEWLINE = 0x0a;

/** Splits the file's bytes into complete lines and the length of the part to keep. */
function splitLog(bytes: Buffer): { lines: string[]; keepBytes: number } {
  const end = bytes.lastIndexOf(NEWLINE) + 1; // bytes after the last newline are a torn line
  const lines = end === 0 ? [] : bytes.subarray(0, end - 1).toString('utf8').split('\n');
  let keepBytes = end;
  // A last line that ends in a newline but does not parse was torn too
  // (a crash can leave the newline and lose bytes before it); only the last.
  const last = lines.at(-1);
  if (last !== undefined && !parses(last)) {
    lines.pop();
    keepBytes = lines.length === 0 ? 0 : Buffer.byteLength(lines.join('\n'), 'utf8') + 1;
  }
  return { lines, keepBytes };
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function fsyncDir(path: string): Promise<void> {
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Last seq and hash of the lines, tolerant of a broken chain (appends go on after the last line). */
function tailOf(lines: readonly string[]): { seq: number; hash: string } {
  const last = lines.at(-1);
  if (last === undefined) return { seq: 0, hash: GENESIS_HASH };
  const r = JSON.parse(last) as Partial<AuditRecord>;
  return { seq: typeof r.seq === 'number' ? r.seq : lines.length, hash: typeof r.hash === 'string' ? r.hash : GENESIS_HASH };
}

export async function openAuditLog(path: string, options: { clock?: Clock } = {}): Promise<AuditLog> {
  const clock = options.clock ?? systemClock;
  const existing = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  const { lines, keepBytes } = splitLog(existing ?? Buffer.alloc(0));
  const cutBytes = (existing?.length ?? 0) - keepBytes;

  const handle: FileHandle = await open(path, 'a+');
  if (existing === null) await fsyncDir(path);
  if (cutBytes > 0) {
    await handle.truncate(keepBytes);
    await handle.sync();
  }
  const integrity = checkChain(lines);
  let tail = tailOf(lines);
  let queue: Promise<unknown> = Promise.resolve();
  let failure: Error | null = null;
  let closed = false;

  const writeOne = async (entry: AuditEntry): Promise<AuditRecord> => {
    if (closed) throw new Error('audit log is closed');
    if (failure) throw failure;
    const body = {
      seq: tail.seq + 1,
      at: entry.at ?? clock.now(),
      type: entry.type,
      actor: entry.actor ?? null,
      incidentId: entry.incidentId ?? null,
      data: entry.data ?? null,
      prevHash: tail.hash,
    };
    const record: AuditRecord = { ...body, hash: recordHash(body) };
    try {
      await handle.appendFile(`${JSON.stringify(record)}\n`, 'utf8');
      await handle.sync();
    } catch (e) {
      // After a failed write the file's end is unknown: stop rather than
      // chain onto a line that may not be there. Reopening recovers.
      failure = e instanceof Error ? e : new Error(String(e));
      throw failure;
    }
    tail = { seq: record.seq, hash: record.hash };
    return record;
  };

  const readAll = async (): Promise<string[]> => splitLog(await readFile(path)).lines;

  return {
    path,
    opened: { integrity, cutBytes },
    append(entry) {
      const result = queue.then(() => writeOne(entry));
      queue = result.catch(() => undefined);
      return result;
    },
    async verify() {
      await queue;
      return checkChain(await readAll());
    },
    async read(filter = {}) {
      await queue;
      const records: AuditRecord[] = [];
      for (const line of await readAll()) {
        // A damaged line is verify()'s to report; reading shows what can be read.
        if (!parses(line)) continue;
        const r = JSON.parse(line) as AuditRecord;
        if (filter.incidentId !== undefined && r.incidentId !== filter.incidentId) continue;
        if (filter.type !== undefined && r.type !== filter.type) continue;
        if (filter.afterSeq !== undefined && r.seq <= filter.afterSeq) continue;
        records.push(r);
      }
      return records;
    },
    async close() {
      if (closed) return;
      await queue;
      closed = true;
      await handle.close();
    },
  };
}
