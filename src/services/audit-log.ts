/**
 * The audit log: every action the cockpit takes or sees, one JSON line per
 * record, hash-chained (audit/chain.ts).
 *
 * Durability: `append` resolves only after the line is written and the file
 * is fsync'd (and, for a new file, its folder), so an action reported done
 * is on disk. Appends go through one queue: one writer, records in order,
 * no interleaved lines. After a failed write the file's end is unknown, so
 * every later append is refused rather than chained onto a line that may
 * not be there; reopening recovers.
 *
 * Recovery on open, on the file's bytes (nothing is decoded and re-encoded
 * to find a cut): everything after the last line that reads as a record (a
 * line torn by a crash, garbage a power cut left, a partial line) is never
 * deleted. It is written to `<log>.torn-<time>` beside the log and fsync'd
 * first, then cut from the log, and `opened.torn` names the kept file. A
 * bad line before the last record is not touched: the log opens, reports
 * where the chain breaks (`integrity`), and appends go on after the last
 * record while a person looks at it.
 */
import { basename, dirname, join } from 'node:path';
import { checkChain, GENESIS_HASH, parseLine, recordHash, type AuditRecord, type ChainCheck, type ChainHead, type ChainKeys, type ParsedLine } from './audit/chain.js';
import { nodeAuditFiles, type AuditFiles } from './audit/files.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';

export { canonicalJson, chainKeyId, checkChain, GENESIS_HASH, recordHash, type AuditRecord, type ChainCheck, type ChainHead, type ChainKey, type ChainKeys } from './audit/chain.js';

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

export interface AuditFilter {
  incidentId?: string;
  /** One record type, or any of several (read in one pass over the log). */
  type?: string | readonly string[];
  /** Only records with seq greater than this. */
  afterSeq?: number;
}

/** The unreadable end of the log, as found on open and kept beside it. */
export interface TornTail {
  /** Where the bytes were kept. */
  path: string;
  bytes: number;
}

export interface AuditOpened {
  /** The chain check of what stayed in the log. */
  integrity: ChainCheck;
  /** Bytes moved out of the log's end (0 when none). */
  cutBytes: number;
  torn: TornTail | null;
}

export interface AuditLog {
  readonly path: string;
  /** What opening found. */
  readonly opened: AuditOpened;
  append(entry: AuditEntry): Promise<AuditRecord>;
  /** The last record written: seq 0 and the genesis hash for an empty log. */
  head(): ChainHead;
  /** Re-reads the whole file and checks every link. */
  verify(): Promise<ChainCheck>;
  read(filter?: AuditFilter): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

export interface AuditLogOptions {
  clock?: Clock;
  /** The file operations; the real ones unless a test records or breaks them. */
  files?: AuditFiles;
  /** The chain keys; without them records are chained with plain SHA-256 (tests, and logs from before keyed chains). */
  keys?: ChainKeys;
}

const NEWLINE = 0x0a;

export interface ScannedLog {
  /** The lines up to and including the last one that reads as a record. */
  lines: ParsedLine[];
  /** Byte length of those lines, newlines included: where the log is cut. */
  keepBytes: number;
}

/** Splits the log's bytes into lines and finds the end of the last record, by byte offsets. */
export function scanLog(bytes: Uint8Array): ScannedLog {
  const lines: ParsedLine[] = [];
  let keepBytes = 0;
  let keepLines = 0;
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    // Bytes after the last newline are a line a crash cut short.
    if (end === -1) break;
    const parsed = parseLine(bytes.subarray(start, end));
    lines.push(parsed);
    start = end + 1;
    if ('record' in parsed) {
      keepBytes = start;
      keepLines = lines.length;
    }
  }
  return { lines: lines.slice(0, keepLines), keepBytes };
}

/** `audit.log.torn-2026-11-24T18-00-00.000Z`: beside the log, named for when it was found; colons are not allowed on every file system. */
export function tornPathFor(path: string, now: number, attempt = 0): string {
  const stamp = new Date(now).toISOString().replace(/:/g, '-');
  return join(dirname(path), `${basename(path)}.torn-${stamp}${attempt > 0 ? `-${attempt}` : ''}`);
}

function headOf(lines: readonly ParsedLine[]): ChainHead {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if ('record' in line) return { seq: line.record.seq, hash: line.record.hash };
  }
  return { seq: 0, hash: GENESIS_HASH };
}

/** Moves the bytes after `keepBytes` to a new file beside the log, durably, before anything is cut. */
async function keepTornTail(files: AuditFiles, path: string, tail: Uint8Array, now: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const tornPath = tornPathFor(path, now, attempt);
    try {
      await files.writeNew(tornPath, tail);
      await files.syncDir(tornPath);
      return tornPath;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw e;
    }
  }
}

export async function openAuditLog(path: string, options: AuditLogOptions = {}): Promise<AuditLog> {
  const clock = options.clock ?? systemClock;
  const files = options.files ?? nodeAuditFiles;
  const keys = options.keys;
  const existing = (await files.read(path)) ?? Buffer.alloc(0);
  const { lines, keepBytes } = scanLog(existing);
  const cutBytes = existing.length - keepBytes;
  const torn = cutBytes > 0 ? { path: await keepTornTail(files, path, existing.subarray(keepBytes), clock.now()), bytes: cutBytes } : null;

  const { handle, created } = await files.openAppend(path);
  if (created) await files.syncDir(path);
  if (cutBytes > 0) {
    await handle.truncate(keepBytes);
    await handle.sync();
  }
  const integrity = checkChain(lines, keys);
  let tail = headOf(lines);
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
      ...(keys ? { keyId: keys.signing.id } : {}),
    };
    const record: AuditRecord = { ...body, hash: recordHash(body, keys?.signing.secret) };
    try {
      await handle.append(Buffer.from(`${JSON.stringify(record)}\n`, 'utf8'));
      await handle.sync();
    } catch (e) {
      failure = e instanceof Error ? e : new Error(String(e));
      throw failure;
    }
    tail = { seq: record.seq, hash: record.hash };
    return record;
  };

  const readAll = async (): Promise<ParsedLine[]> => scanLog((await files.read(path)) ?? Buffer.alloc(0)).lines;

  return {
    path,
    opened: { integrity, cutBytes, torn },
    append(entry) {
      const result = queue.then(() => writeOne(entry));
      queue = result.catch(() => undefined);
      return result;
    },
    head: () => ({ ...tail }),
    async verify() {
      await queue;
      return checkChain(await readAll(), keys);
    },
    async read(filter = {}) {
      await queue;
      const records: AuditRecord[] = [];
      for (const line of await readAll()) {
        // A damaged line is verify()'s to report; reading shows what can be read.
        if (!('record' in line)) continue;
        const r = line.record;
        if (filter.incidentId !== undefined && r.incidentId !== filter.incidentId) continue;
        if (filter.type !== undefined && (typeof filter.type === 'string' ? r.type !== filter.type : !filter.type.includes(r.type))) continue;
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
