import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, checkChain, GENESIS_HASH, openAuditLog, recordHash, type AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';

let dir: string;
let path: string;
const logs: AuditLog[] = [];

const fixedClock = (start: number): Clock => {
  let t = start;
  return { now: () => t++, monotonic: () => t };
};

async function openLog(): Promise<AuditLog> {
  const log = await openAuditLog(path, { clock: fixedClock(1_000) });
  logs.push(log);
  return log;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-log-'));
  path = join(dir, 'audit.jsonl');
});

afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  await rm(dir, { recursive: true, force: true });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('the audit log', () => {
  it('appends chained records, one JSON line each, in order', async () => {
    const log = await openLog();
    const a = await log.append({ type: 'incident.raised', incidentId: 'INC-1', data: { severity: 'SEV2' } });
    const b = await log.append({ type: 'incident.acknowledged', incidentId: 'INC-1', actor: 'ana', at: 5_000 });
    expect(a).toMatchObject({ seq: 1, at: 1_000, actor: null, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, at: 5_000, actor: 'ana', prevHash: a.hash });
    expect(b.hash).toBe(recordHash(b));
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[1]!)).toEqual(b);
  });

  it('keeps concurrent appends in order, with no interleaved lines', async () => {
    const log = await openLog();
    const records = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ type: 'tick', data: { i } })));
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(records.map((r) => (r.data as { i: number }).i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(await log.verify()).toMatchObject({ ok: true, records: 50 });
  });

  it('continues the chain after a reopen', async () => {
    const first = await openLog();
    await first.append({ type: 'a' });
    await first.close();
    const second = await openLog();
    expect(second.opened).toEqual({ integrity: { ok: true, records: 1, lastHash: expect.any(String), head: { seq: 1, hash: expect.any(String) } }, cutBytes: 0, torn: null });
    expect(second.head()).toEqual({ seq: 1, hash: second.opened.integrity.ok ? second.opened.integrity.lastHash : '' });
    const r = await second.append({ type: 'b' });
    expect(r.seq).toBe(2);
    expect(await second.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('reads by incident, type and position', async () => {
    const log = await openLog();
    await log.append({ type: 'incident.raised', incidentId: 'INC-1' });
    await log.append({ type: 'incident.raised', incidentId: 'INC-2' });
    await log.append({ type: 'incident.acknowledged', incidentId: 'INC-1', actor: 'ana' });
    expect((await log.read({ incidentId: 'INC-1' })).map((r) => r.seq)).toEqual([1, 3]);
    expect((await log.read({ type: 'incident.raised' })).map((r) => r.incidentId)).toEqual(['INC-1', 'INC-2']);
    expect((await log.read({ afterSeq: 1 })).map((r) => r.seq)).toEqual([2, 3]);
    await log.append({ type: 'incident.resolved', incidentId: 'INC-2' });
    // Several types in one pass, in log order.
    expect((await log.read({ type: ['incident.resolved', 'incident.acknowledged'] })).map((r) => r.seq)).toEqual([3, 4]);
  });

  it('cuts a torn last line without a newline, and nothing before it', async () => {
    const log = await openLog();
    await log.append({ type: 'a' });
    await log.append({ type: 'b' });
    await log.close();
    const good = await readFile(path);
    await appendFile(path, '{"seq":3,"at":1,"ty');
    const reopened = await openLog();
    expect(reopened.opened.cutBytes).toBe(19);
    expect(reopened.opened.integrity).toMatchObject({ ok: true, records: 2 });
    expect(await readFile(path)).toEqual(good);
    expect((await reopened.append({ type: 'c' })).seq).toBe(3);
    expect(await reopened.verify()).toMatchObject({ ok: true, records: 3 });
  });

  it('cuts a last line that ends in a newline but is garbage', async () => {
    const log = await openLog();
    await log.append({ type: 'a' });
    await log.close();
    await appendFile(path, '\u0000\u0000\u0000\n');
    const reopened = await openLog();
    expect(reopened.opened.cutBytes).toBe(4);
    expect(reopened.opened.integrity).toMatchObject({ ok: true, records: 1 });
  });

  it('reports a broken record in the middle and does not repair it', async () => {
    const log = await openLog();
    for (const type of ['a', 'b', 'c']) await log.append({ type, actor: 'ana' });
    await log.close();
    const text = await readFile(path, 'utf8');
    const tampered = text.replace('"type":"b"', '"type":"B"');
    await writeFile(path, tampered);
    const reopened = await openLog();
    expect(reopened.opened.cutBytes).toBe(0);
    expect(reopened.opened.integrity).toEqual({ ok: false, records: 1, line: 2, seq: 2, reason: 'hash does not match the record' });
    expect(await readFile(path, 'utf8')).toBe(tampered);
    // It keeps recording after the last line while a person looks into it.
    expect((await reopened.append({ type: 'd' })).seq).toBe(4);
  });

  it('reports a line missing from the middle', async () => {
    const log = await openLog();
    for (const type of ['a', 'b', 'c']) await log.append({ type });
    await log.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(checkChain([lines[0]!, lines[2]!])).toMatchObject({ ok: false, line: 2, reason: 'expected seq 2, found 3' });
  });

  it('creates the file on first open and refuses appends once closed', async () => {
    const log = await openLog();
    expect(log.opened.integrity).toEqual({ ok: true, records: 0, lastHash: GENESIS_HASH, head: { seq: 0, hash: GENESIS_HASH } });
    expect(log.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
    await log.close();
    await expect(log.append({ type: 'late' })).rejects.toThrow('closed');
  });
});
