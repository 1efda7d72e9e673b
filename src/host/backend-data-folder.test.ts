/**
 * The data folder as the backend leaves it: owner-only (0700, every file
 * 0600, whatever the umask and whatever the folder was before), and held
 * by one backend at a time.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUse } from '../services/data-lock.js';
import { createConfSettingsStore } from '../services/settings.js';
import { createFakeFeed } from '../../test/support/fake-feed.js';
import { FakeTime } from '../../test/support/hft-fakes.js';
import { createBackend, type Backend } from './backend.js';

let root: string;
let dataDir: string;
const open: Backend[] = [];
const start = () => {
  const time = new FakeTime();
  return createBackend({ apiUrl: 'http://127.0.0.1:1', dataDir, hostKind: 'browser', clock: time, timers: time, settings: createConfSettingsStore(dataDir), feed: createFakeFeed(), log: () => {} });
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-data-folder-'));
  dataDir = join(root, 'oncall-cockpit');
});
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  rmSync(root, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the data folder', () => {
  it('is made owner-only, and every file the backend writes in it too, even under a permissive umask', async () => {
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const umask = process.umask(0o000);
    try {
      const backend = await start();
      open.push(backend);
      await backend.handle('settings.update', { operatorName: 'ana' });
      await backend.handle('incidents.open', { title: 'Odd fills on okx', severity: 'SEV3' });
      await backend.handle('handoff.save', { fields: { summary: 'quiet' } });
    } finally {
      process.umask(umask);
    }
    expect(modeOf(dataDir)).toBe(0o700);
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['audit.log', 'audit-chain.key', 'backend.lock', 'config.json', 'incidents.json']));
    expect(Object.fromEntries(files.map((f) => [f, modeOf(join(dataDir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, 0o600])));
  });

  it('is held by one backend: a second start refuses, naming the first; after a stop it starts', async () => {
    const first = await start();
    await first.lock.noteUrl('http://127.0.0.1:7420');
    const second = start();
    await expect(second).rejects.toBeInstanceOf(DataFolderInUse);
    await expect(second).rejects.toThrow(`is in use by a browser host (pid ${process.pid}) at http://127.0.0.1:7420`);
    await first.close();
    open.push(await start());
  });
});
