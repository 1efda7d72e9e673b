/**
 * One backend per data folder. Two (the desktop app and the browser host,
 * or two browser hosts) would fork the audit chain and overwrite each
 * other's snapshots, so the backend takes `backend.lock` in the folder
 * before it opens anything: its pid, its host kind and, once it listens,
 * its URL. A second start on the folder refuses with a sentence naming the
 * one running. A lock left by a process that is gone (a crash, a power
 * cut) is taken over.
 *
 * The lock is created with O_EXCL, so of two starts racing only one gets
 * it; a stale one is replaced by a rename, then read back to see who won.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OWNER_ONLY_FILE } from './audit/files.js';

export const LOCK_FILE = 'backend.lock';

export interface LockHolder {
  pid: number;
  hostKind: 'electron' | 'browser';
  /** Where it can be reached: the browser host's address; null for the desktop app or until it listens. */
  url: string | null;
  /** The machine's name: a pid means nothing on another one (a data folder on a network share). */
  machine: string;
  startedAt: number;
}

export interface DataFolderLock {
  readonly path: string;
  /** Records the address once the host listens, so a second start can point to it. */
  noteUrl(url: string): Promise<void>;
  release(): Promise<void>;
}

export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const who = holder.hostKind === 'electron' ? 'the desktop app' : 'a browser host';
    const where = holder.url ? ` at ${holder.url}` : '';
    super(
      `the data folder ${dataDir} is in use by ${who} (pid ${holder.pid}${holder.machine !== hostname() ? ` on ${holder.machine}` : ''})${where}: ` +
        'use that one, stop it first, or start this one with --data-dir pointing elsewhere',
    );
  }
}

/**
 * Whether a process with this pid runs on this machine (EPERM: it runs, as
 * another user). A zombie answers signal 0 but holds nothing: a backend killed
 * whose parent is gone stays one until something reaps it (in a container,
 * often nothing does), and its lock must not keep the folder.
 */
export function pidAlive(pid: number, readStat: (path: string) => string = (path) => readFileSync(path, 'utf8')): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid, readStat);
}

/** Linux: the state field of /proc/PID/stat, after the command name in parentheses. */
function isZombie(pid: number, readStat: (path: string) => string): boolean {
  let stat: string;
  try {
    stat = readStat(`/proc/${pid}/stat`);
  } catch {
    return false;
  }
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || (h.hostKind !== 'electron' && h.hostKind !== 'browser')) return null;
    return { pid: h.pid, hostKind: h.hostKind, url: typeof h.url === 'string' ? h.url : null, machine: typeof h.machine === 'string' ? h.machine : hostname(), startedAt: Number(h.startedAt) || 0 };
  } catch {
    return null;
  }
}

async function writeNew(path: string, holder: LockHolder): Promise<void> {
  const file = await open(path, 'wx', OWNER_ONLY_FILE);
  try {
    await file.chmod(OWNER_ONLY_FILE);
    await file.writeFile(`${JSON.stringify(holder)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
}

export interface AcquireOptions {
  hostKind: LockHolder['hostKind'];
  now: number;
  pid?: number;
  /** Tests pin which pids are alive. */
  alive?: (pid: number) => boolean;
}

export async function acquireDataFolderLock(dataDir: string, o: AcquireOptions): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE);
  const alive = o.alive ?? pidAlive;
  let holder: LockHolder = { pid: o.pid ?? process.pid, hostKind: o.hostKind, url: null, machine: hostname(), startedAt: o.now };
  const mine = (h: LockHolder | null) => h !== null && h.pid === holder.pid && h.machine === holder.machine && h.startedAt === holder.startedAt;

  for (let attempt = 0; ; attempt++) {
    try {
      await writeNew(path, holder);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
    }
    const current = parseHolder(await readFile(path, 'utf8').catch(() => ''));
    // Another machine's pid cannot be checked from here: only a lock from this machine is known stale.
    if (current && (current.machine !== hostname() || alive(current.pid))) throw new DataFolderInUse(dataDir, current);
    // Gone (or unreadable): take it over, then see who won if another start did the same.
    const temp = `${path}.${holder.pid}.tmp`;
    await rm(temp, { force: true });
    await writeNew(temp, holder);
    await rename(temp, path);
    const after = parseHolder(await readFile(path, 'utf8').catch(() => ''));
    if (mine(after)) break;
    if (after) throw new DataFolderInUse(dataDir, after);
  }

  let released = false;
  return {
    path,
    async noteUrl(url) {
      if (released) return;
      holder = { ...holder, url };
      const temp = `${path}.${holder.pid}.tmp`;
      await rm(temp, { force: true });
      await writeNew(temp, holder);
      await rename(temp, path);
    },
    async release() {
      if (released) return;
      released = true;
      // Only our own lock: never remove one a later start took over.
      if (mine(parseHolder(await readFile(path, 'utf8').catch(() => '')))) await rm(path, { force: true });
    },
  };
}
