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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/services/audit-log.js';
import { ROOT } from '../harness/process.js';

const WRITER = resolve(ROOT, 'test/integration/fixtures/audit-writer.ts');
/** Kill rounds; each costs a Node start-up (about a second here). */
const ROUNDS = 8;
/** Upper bound on appends per round, so a round that is never killed still ends. */
const MAX_APPENDS_PER_ROUND = 5000;

let dir: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-crash-'));
});

afterAll(async () => {
  for (const proc of running) proc.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

interface Round {
  acknowledged: number[];
  readyLine: string;
}

/** Starts the writer, waits until it has appended `killAfter` more records plus a random pause, then SIGKILLs it. */
function runAndKill(path: string, killAfter: number, extraDelayMs: number): Promise<Round> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(MAX_APPENDS_PER_ROUND)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    let out = '';
    let err = '';
    let killing = false;
    const guard = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (killing) return;
      const appended = out.split('\n').filter((l) => /^\d+$/.test(l)).length;
      if (appended >= killAfter) {
        killing = true;
        setTimeout(() => proc.kill('SIGKILL'), extraDelayMs);
      }
    });
    // 'close' comes after the process is gone and its pipes are drained:
    // every seq it printed before dying has been read by then.
    proc.once('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(proc);
      const lines = out.split('\n');
      const readyLine = lines.find((l) => l.startsWith('ready')) ?? '';
      if (!readyLine) return fail(new Error(`writer never got ready (code ${code}, signal ${signal}):\n${err}`));
      done({ acknowledged: lines.filter((l) => /^\d+$/.test(l)).map(Number), readyLine });
    });
  });
}

describe('audit log under SIGKILL', () => {
  it('reopens with the chain intact and every acknowledged record present', async () => {
    const path = join(dir, 'audit.jsonl');
    const everAcknowledged: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 1 + Math.floor(Math.random() * 200);
      const extraDelayMs = Math.floor(Math.random() * 15);
      const { acknowledged } = await runAndKill(path, killAfter, extraDelayMs);
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
