/**
 * `npm run test:electron` where no Electron binary is installed (as here):
 * one line saying so, exit 0, and nothing built or run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, TSX } from './harness/process.js';

const empty = mkdtempSync(join(tmpdir(), 'cockpit-no-electron-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('npm run test:electron without Electron', () => {
  it('prints one line and runs nothing', () => {
    const run = spawnSync(TSX, [join(ROOT, 'test/electron/run.ts')], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_PROBE_ROOT: empty },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'test:electron: no Electron binary installed (run `npm run electron:install` with Node >= 22.12); nothing run',
    ]);
    expect(run.stderr).toBe('');
  });
});
