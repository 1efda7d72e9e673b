import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/contract/app.js';
import { createConfSettingsStore, SETTINGS_FILE } from '../src/services/settings.js';
import { createElectronSettingsStore } from './settings-store.js';

/**
 * electron-store is Conf with `name` renamed to `configName` and the cwd
 * defaulted to userData; it cannot load under vitest (it imports the real
 * electron package), so this does the same renaming over Conf.
 */
const opened: unknown[] = [];
class StoreLikeElectronStore extends Conf<Record<string, unknown>> {
  constructor({ cwd, name, defaults }: { cwd: string; name: string; defaults: Record<string, unknown> }) {
    opened.push({ cwd, name });
    super({ cwd, configName: name, defaults });
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-estore-'));
  opened.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('electron settings store', () => {
  it('opens config.json in the data dir, the file the browser host uses', () => {
    createElectronSettingsStore(dir, StoreLikeElectronStore).update({ apiUrl: 'http://hft-prod-01:8080', historyHours: 6 });
    expect(opened).toEqual([{ cwd: dir, name: 'config' }]);
    expect(readdirSync(dir)).toContain(SETTINGS_FILE);
    expect(createConfSettingsStore(dir).get()).toEqual({ ...DEFAULT_SETTINGS, apiUrl: 'http://hft-prod-01:8080', historyHours: 6 });
  });

  it('recovers from a corrupt file the same way', () => {
    writeFileSync(join(dir, SETTINGS_FILE), '{oops');
    expect(createElectronSettingsStore(dir, StoreLikeElectronStore).get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir).some((f) => f.startsWith('config.corrupt-'))).toBe(true);
  });
});
