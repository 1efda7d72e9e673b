/**
 * The audit log's guarantees, proven through its file seam: each record is
 * fsync'd before its append resolves, a new log's folder is fsync'd, a
 * failed write stops every later one, an unreadable end is kept in a file
 * beside the log before it is cut, recovery works on bytes, and the chain
 * is keyed.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingFiles } from '../../../test/support/recording-files.js';
import { chainKeyId, openAuditLog, recordHash, type AuditLog, type AuditLogOptions, type ChainKeys } from '../audit-log.js';
import type { Clock } from '../clock.js';

let dir: string;
let path: string;
const logs: AuditLog[] = [];
/** 2026-11-24T18:00:00.000Z */
const T0 = Date.UTC(2026, 10, 24, 18, 0, 0);
const clock: Clock = { now: () => T0, monotonic: () => 0 };

async function openLog(options: AuditLogOptions = {}): Promise<AuditLog> {
  const log = await openAuditLog(path, { clock, ...options });
  logs.push(log);
  return log;
}

function keysOf(text: string): ChainKeys {
  const secret = Buffer.from(text.padEnd(32, '.'));
  return { signing: { id: chainKeyId(secret), secret }, known: [] };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-files-'));
  path = join(dir, 'audit.log');
});

afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the audit log on disk', () => {
  it('fsyncs each record before its append resolves, and the folder of a new log', async () => {
    const files = new RecordingFiles();
    const log = await openLog({ files });
    expect(files.kinds()).toEqual(['syncDir']);
    await log.append({ type: 'a' });
    expect(files.kinds()).toEqual(['syncDir', 'append', 'sync']);
    await Promise.all([log.append({ type: 'b' }), log.append({ type: 'c' })]);
    expect(files.kinds()).toEqual(['syncDir', 'append', 'sync', 'append', 'sync', 'append', 'sync']);
    await log.close();

    const again = new RecordingFiles();
    await openLog({ files: again });
    // An existing log's folder already holds it.
    expect(again.kinds()).toEqual([]);
  });

  it('refuses every append after a failed write, without writing again', async () => {
    const files = new RecordingFiles();
    const log = await openLog({ files });
    await log.append({ type: 'a' });
    files.failNext('sync');
    await expect(log.append({ type: 'b' })).rejects.toThrow('sync failed: EIO');
    const before = files.ops.length;
    await expect(log.append({ type: 'c' })).rejects.toThrow('sync failed: EIO');
    expect(files.ops.length).toBe(before);
  });

  it('makes the log owner-only, whatever mode it had', async () => {
    await writeFile(path, '', { mode: 0o644 });
    await openLog();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps an unreadable end in a file beside the log, durably, before cutting it', async () => {
    const log = await openLog();
    await log.append({ type: 'a' });
    await log.close();
    const good = await readFile(path);
    const garbage = Buffer.concat([Buffer.from('null\n\u0000\u0000\n'), Buffer.from('{"seq":2,"at":1,"ty')]);
    await appendFile(path, garbage);

    const files = new RecordingFiles();
    const reopened = await openLog({ files });
    const tornPath = join(dir, 'audit.log.torn-2026-11-24T18-00-00.000Z');
    expect(reopened.opened.torn).toEqual({ path: tornPath, bytes: garbage.length });
    expect(await readFile(tornPath)).toEqual(garbage);
    expect((await stat(tornPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(path)).toEqual(good);
    expect(files.kinds()).toEqual(['writeNew', 'syncDir', 'truncate', 'sync']);
    expect((await reopened.append({ type: 'b' })).seq).toBe(2);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 2 });
    await reopened.close();

    // Found again at the same instant: a second file, the first one untouched.
    await appendFile(path, 'x');
    const third = await openLog();
    expect(third.opened.torn?.path).toBe(`${tornPath}-1`);
    expect((await readdir(dir)).sort()).toEqual(['audit.log', 'audit.log.torn-2026-11-24T18-00-00.000Z', 'audit.log.torn-2026-11-24T18-00-00.000Z-1']);
  });

  it('finds the cut on bytes: invalid UTF-8 earlier in the log moves nothing but the torn end', async () => {
    const log = await openLog();
    for (const type of ['a', 'b', 'c']) await log.append({ type });
    await log.close();
    const lines = (await readFile(path)).toString('latin1').split('\n');
    // One byte of record 2 replaced by 0xff: decoding it as text would make it 3 bytes and move every offset after it.
    const broken = Buffer.from(`${lines[0]}\n${lines[1]!.replace('"type":"b"', '"type":"\u00ff"')}\n${lines[2]}\n`, 'latin1');
    await writeFile(path, Buffer.concat([broken, Buffer.from('{"seq":4,')]));

    const reopened = await openLog();
    expect(reopened.opened.torn?.bytes).toBe(9);
    expect(await readFile(path)).toEqual(broken);
    expect(reopened.opened.integrity).toEqual({ ok: false, records: 1, line: 2, seq: null, reason: 'not valid UTF-8' });
    expect((await reopened.append({ type: 'd' })).seq).toBe(4);
    expect((await reopened.read()).map((r) => r.type)).toEqual(['a', 'c', 'd']);
  });

  it('reports lines that are not records (null, a number, an array) without failing to open', async () => {
    const log = await openLog();
    await log.append({ type: 'a' });
    await log.close();
    await appendFile(path, 'null\n42\n[]\n');
    const middle = await readFile(path, 'utf8');
    await writeFile(path, middle.replace(/^/, 'null\n'));
    const reopened = await openLog();
    expect(reopened.opened.integrity).toMatchObject({ ok: false, line: 1, reason: 'not an audit record' });
    expect(reopened.opened.torn?.bytes).toBe('null\n42\n[]\n'.length);
    expect((await reopened.append({ type: 'b' })).seq).toBe(2);
  });

  it('keys the chain: a history rewritten and re-hashed without the key is caught', async () => {
    const keys = keysOf('the folder key');
    const log = await openLog({ keys });
    const a = await log.append({ type: 'a', data: { amount: 1 } });
    await log.append({ type: 'b' });
    await log.close();
    expect(a.keyId).toBe(keys.signing.id);
    expect(a.hash).toBe(recordHash(a, keys.signing.secret));
    expect(a.hash).not.toBe(recordHash({ ...a, keyId: undefined }));

    // A forger without the key rewrites record 1 and re-hashes the whole chain, both ways.
    const [first, second] = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const forge = (keep: boolean) => {
      const one = { ...first, data: { amount: 1_000 }, ...(keep ? {} : { keyId: undefined }) };
      one.hash = recordHash(one);
      const two = { ...second, prevHash: one.hash, ...(keep ? {} : { keyId: undefined }) };
      two.hash = recordHash(two);
      return `${JSON.stringify(one)}\n${JSON.stringify(two)}\n`;
    };
    await writeFile(path, forge(true));
    expect((await openLog({ keys })).opened.integrity).toMatchObject({ ok: false, line: 1, reason: 'hash does not match the record (chain key)' });

    // Without key ids the forgery passes the chain: the head in an export catches it.
    await writeFile(path, forge(false));
    const unkeyed = await openLog({ keys });
    expect(unkeyed.opened.integrity).toMatchObject({ ok: true, head: { seq: 2 } });
    expect(unkeyed.head().hash).not.toBe(second.hash);
    // A plain record spliced in after keyed ones, correctly linked, is a break.
    const c = await unkeyed.append({ type: 'c' });
    const plain = { seq: 4, at: T0, type: 'd', actor: null, incidentId: null, data: null, prevHash: c.hash };
    await appendFile(path, `${JSON.stringify({ ...plain, hash: recordHash(plain) })}\n`);
    expect(await unkeyed.verify()).toEqual({ ok: false, records: 3, line: 4, seq: 4, reason: 'a record without a chain key after keyed ones' });
  });

  it('checks every link of records under a key it does not hold, and counts them', async () => {
    const desktop = await openLog({ keys: keysOf('desktop') });
    await desktop.append({ type: 'a' });
    await desktop.close();
    const browser = await openLog({ keys: keysOf('browser') });
    await browser.append({ type: 'b' });
    expect(await browser.verify()).toMatchObject({ ok: true, records: 2, unauthenticated: 1 });
    const both = await openLog({ keys: { ...keysOf('browser'), known: [keysOf('desktop').signing] } });
    expect(both.opened.integrity).toEqual({ ok: true, records: 2, lastHash: both.head().hash, head: both.head() });
  });
});
