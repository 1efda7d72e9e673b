import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderInUse, LOCK_FILE, pidAlive } from './data-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'data-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the data folder lock', () => {
  it('lets one backend in, and refuses a second with a sentence naming the first', async () => {
    const first = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 1, pid: 4242, alive: () => true });
    await first.noteUrl('http://127.0.0.1:7420');
    expect((await stat(join(dir, LOCK_FILE))).mode & 0o777).toBe(0o600);
    const second = acquireDataFolderLock(dir, { hostKind: 'electron', now: 2, pid: 4343, alive: () => true });
    await expect(second).rejects.toThrow(DataFolderInUse);
    await expect(second).rejects.toThrow(
      `the data folder ${dir} is in use by a browser host (pid 4242) at http://127.0.0.1:7420: use that one, stop it first, or start this one with --data-dir pointing elsewhere`,
    );
    await first.release();
    const third = await acquireDataFolderLock(dir, { hostKind: 'electron', now: 3, pid: 4343, alive: () => true });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 4343, hostKind: 'electron', url: null });
    await third.release();
  });

  it('takes over a lock whose process is gone, or that cannot be read', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 999_999, hostKind: 'electron', url: null, machine: hostname(), startedAt: 0 }));
    const lock = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 5, pid: 77, alive: (pid) => pid !== 999_999 });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 77, hostKind: 'browser' });
    await lock.release();

    await writeFile(join(dir, LOCK_FILE), '{"pi');
    const again = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 6, pid: 78, alive: () => true });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 78 });
    await again.release();
  });

  it('checks a real pid: this process is alive, a lock it left after exiting is not', async () => {
    const held = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 1 });
    await expect(acquireDataFolderLock(dir, { hostKind: 'browser', now: 2, pid: process.pid + 1 })).rejects.toThrow(`(pid ${process.pid})`);
    await held.release();
  });

  it('counts a zombie as gone: a killed backend nobody reaped holds no folder', () => {
    const stat = (state: string) => () => `${process.pid} (node (web.ts)) ${state} 1 ${process.pid} 0`;
    expect(pidAlive(process.pid, stat('S'))).toBe(true);
    expect(pidAlive(process.pid, stat('R'))).toBe(true);
    expect(pidAlive(process.pid, stat('Z'))).toBe(false);
    // No /proc (macOS, Windows): signal 0 alone decides.
    expect(pidAlive(process.pid, () => { throw new Error('ENOENT'); })).toBe(true);
    expect(pidAlive(process.pid)).toBe(true);
  });

  it('releases only its own lock, never one taken over since', async () => {
    const stale = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 1, pid: 10, alive: () => false });
    const next = await acquireDataFolderLock(dir, { hostKind: 'browser', now: 2, pid: 11, alive: () => false });
    await stale.release();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 11 });
    await next.release();
    await expect(stat(join(dir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });
});
