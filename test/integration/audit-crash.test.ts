/**
 * Crash safety of the audit log: a writer appending as fast as it can is
 * killed with SIGKILL at random moments, again and again on the same file.
 * After each kill the log must reopen with its chain intact and hold every
 * record the writer reported as appended (it prints a seq only after fsync).
 *
 * The writer runs as `node --import tsx`, one process: the tsx launcher
 * would put a second process in between that SIGKILL cannot pass through,
 * leaving the real writer running.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/services/audit-log.js';
import { crashRandom, killAllRounds, runAndKill } from '../harness/kill-round.js';
import { ROOT } from '../harness/process.js';

const WRITER = resolve(ROOT, 'test/integration/fixtures/audit-writer.ts');
/** Kill rounds; each costs a Node start-up (about a second here). */
const ROUNDS = 8;
/** Upper bound on appends per round, so a round that is never killed still ends. */
const MAX_APPENDS_PER_ROUND = 5000;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-crash-'));
});

afterAll(async () => {
  killAllRounds();
  await rm(dir, { recursive: true, force: true });
});

interface Round {
  acknowledged: number[];
  readyLine: string;
}

const SEQ_LINE = /^\d+$/;
const seqsIn = (out: string) => out.split('\n').filter((l) => SEQ_LINE.test(l)).map(Number);

/** Starts the writer, waits until it has appended `killAfter` more records plus a random pause, then SIGKILLs it. */
async function runWriterAndKill(path: string, killAfter: number, extraDelayMs: number): Promise<Round> {
  const round = await runAndKill(WRITER, [path, String(MAX_APPENDS_PER_ROUND)], {
    acknowledged: (out) => seqsIn(out).length,
    killAfter,
    extraDelayMs,
    guardMs: 30_000,
  });
  const readyLine = round.out.split('\n').find((l) => l.startsWith('ready')) ?? '';
  if (!readyLine) throw new Error(`writer never got ready (code ${round.code}, signal ${round.signal}):\n${round.err}`);
  return { acknowledged: seqsIn(round.out), readyLine };
}

const { seed, random } = crashRandom('audit-crash');

describe(`audit log under SIGKILL (seed ${seed})`, () => {
  it('reopens with the chain intact and every acknowledged record present', async () => {
    const path = join(dir, 'audit.jsonl');
    const everAcknowledged: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 1 + random.int(200);
      const extraDelayMs = random.int(15);
      const { acknowledged } = await runWriterAndKill(path, killAfter, extraDelayMs);
      everAcknowledged.push(...acknowledged);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

      const log = await openAuditLog(path);
      try {
        expect(log.opened.integrity.ok, JSON.stringify(log.opened.integrity)).toBe(true);
        const seqs = new Set((await log.read()).map((r) => r.seq));
        const missing = everAcknowledged.filter((s) => !seqs.has(s));
        expect(missing).toEqual([]);
        expect(await log.verify()).toMatchObject({ ok: true, records: seqs.size });
      } finally {
        await log.close();
      }
    }
    // A seq acknowledged twice would mean a later writer reused it: the
    // record first acknowledged under it was lost and its place retaken.
    expect(new Set(everAcknowledged).size).toBe(everAcknowledged.length);
  }, 120_000);
});
