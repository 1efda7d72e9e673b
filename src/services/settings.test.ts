import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../contract/app.js';
import { createConfSettingsStore, createMemorySettingsStore, repairSettings, SETTINGS_FILE } from './settings.js';

const clock = { now: () => 1_700_000_000_000, monotonic: () => 0 };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cockpit-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const onDisk = () => JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'));
const corruptCopies = () => readdirSync(dir).filter((f) => f.startsWith('config.corrupt-'));

describe('conf-backed settings', () => {
  it('starts from the defaults and writes config.json', () => {
    const store = createConfSettingsStore(dir, clock);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists an update across reopening', () => {
    createConfSettingsStore(dir, clock).update({ apiUrl: 'http://hft-prod-01:8080', pollMs: 500 });
    const again = createConfSettingsStore(dir, clock);
    expect(again.get()).toEqual({ ...DEFAULT_SETTINGS, apiUrl: 'http://hft-prod-01:8080', pollMs: 500 });
  });

  it('refuses an invalid patch and leaves the file alone', () => {
    const store = createConfSettingsStore(dir, clock);
    expect(() => store.update({ pollMs: 5 })).toThrow();
    expect(() => store.update({ apiUrl: 'not a url' })).toThrow();
    expect(() => store.update({ nope: 1 } as never)).toThrow();
    expect(onDisk()).toEqual(DEFAULT_SETTINGS);
  });

  it('recovers from a file that is not JSON, keeping a copy of it', () => {
    writeFileSync(join(dir, SETTINGS_FILE), '{"apiUrl": "http://x:8080", pollMs');
    const store = createConfSettingsStore(dir, clock);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(corruptCopies()).toEqual(['config.corrupt-1700000000000.json']);
    expect(readFileSync(join(dir, corruptCopies()[0]!), 'utf8')).toContain('pollMs');
  });

  it('keeps the fields that still validate and resets the rest', () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ apiUrl: 'http://hft-prod-02:8080', pollMs: -3, extra: true }));
    const store = createConfSettingsStore(dir, clock);
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, apiUrl: 'http://hft-prod-02:8080' });
    expect(corruptCopies()).toHaveLength(1);
  });

  it('treats a JSON value that is not an object as corrupt', () => {
    writeFileSync(join(dir, SETTINGS_FILE), '[1,2,3]');
    expect(createConfSettingsStore(dir, clock).get()).toEqual(DEFAULT_SETTINGS);
    expect(corruptCopies()).toHaveLength(1);
  });

  it('survives the file being broken while it is open', () => {
    const store = createConfSettingsStore(dir, clock);
    store.update({ pollMs: 750 });
    writeFileSync(join(dir, SETTINGS_FILE), 'garbage');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(corruptCopies()).toHaveLength(1);
    expect(store.update({ historyHours: 2 }).historyHours).toBe(2);
  });
});

describe('repairSettings', () => {
  it('reports missing fields as defaults, not damage', () => {
    expect(repairSettings({ pollMs: 300 })).toEqual({ settings: { ...DEFAULT_SETTINGS, pollMs: 300 }, damaged: false });
  });
  it('ignores prototype keys', () => {
    const raw = JSON.parse('{"__proto__": {"pollMs": 5}, "constructor": 1}');
    expect(repairSettings(raw)).toEqual({ settings: DEFAULT_SETTINGS, damaged: false });
  });
});

describe('memory settings', () => {
  it('validates like the real one', () => {
    const store = createMemorySettingsStore({ pollMs: 400 });
    expect(store.get().pollMs).toBe(400);
    expect(() => store.update({ historyHours: 100 })).toThrow();
    expect(store.update({ historyHours: 3 }).historyHours).toBe(3);
  });
});
