/**
 * The user's settings (trading system URL, poll interval, ...), kept in
 * `config.json` in the data dir. Both hosts open the same file: the browser
 * host through `conf`, Electron through `electron-store` (a subclass of
 * `conf`), so the repair logic here is shared and only the opener differs.
 *
 * A file that cannot be read as valid settings never stops the cockpit: the
 * bad file is kept beside it as `config.corrupt-<ms>.json` for a human to
 * look at, every field that still validates is kept, and the rest falls back
 * to DEFAULT_SETTINGS.
 */
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_SETTINGS, Settings } from '../contract/app.js';
import { systemClock, type Clock } from './clock.js';
import { OWNER_ONLY_FILE } from './audit/files.js';

export interface SettingsStore {
  get(): Settings;
  /** Validates the patch, merges it, persists; throws on an invalid patch. */
  update(patch: Partial<Settings>): Settings;
}

export const SETTINGS_FILE_NAME = 'config';
export const SETTINGS_FILE = `${SETTINGS_FILE_NAME}.json`;

/** What `conf` and `electron-store` both are, as far as settings need. */
export interface JsonFileStore {
  readonly path: string;
  store: Record<string, unknown>;
}

/** `fileMode`: the mode the library writes the file with (conf's `configFileMode`): owner-only. */
export type OpenJsonFileStore = (options: { cwd: string; name: string; defaults: Settings; fileMode: number }) => JsonFileStore;

const SettingsPatch = Settings.partial().strict();
const FIELDS = Object.keys(Settings.shape) as (keyof Settings)[];

/**
 * Reads raw JSON into settings field by field. `damaged` says whether
 * anything had to be thrown away (not merely missing).
 */
export function repairSettings(raw: unknown): { settings: Settings; damaged: boolean } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: { ...DEFAULT_SETTINGS }, damaged: true };
  }
  const source = raw as Record<string, unknown>;
  const settings: Record<string, unknown> = {};
  let damaged = false;
  for (const field of FIELDS) {
    if (!Object.hasOwn(source, field)) {
      settings[field] = DEFAULT_SETTINGS[field];
      continue;
    }
    const parsed = Settings.shape[field].safeParse(source[field]);
    if (parsed.success) settings[field] = parsed.data;
    else {
      settings[field] = DEFAULT_SETTINGS[field];
      damaged = true;
    }
  }
  return { settings: settings as Settings, damaged };
}

export function openSettingsStore({
  dataDir,
  open,
  clock = systemClock,
}: {
  dataDir: string;
  open: OpenJsonFileStore;
  clock?: Clock;
}): SettingsStore {
  const path = join(dataDir, SETTINGS_FILE);
  const keepBadCopy = () => {
    if (!existsSync(path)) return;
    const copy = join(dataDir, `${SETTINGS_FILE_NAME}.corrupt-${clock.now()}.json`);
    copyFileSync(path, copy);
    chmodSync(copy, OWNER_ONLY_FILE);
  };

  // Repair before the library opens the file: `conf` throws on bad JSON.
  if (existsSync(path)) {
    let raw: unknown;
    let readable = true;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      readable = false;
    }
    const { settings, damaged } = repairSettings(raw);
    if (!readable || damaged) {
      keepBadCopy();
      if (readable) writeFileSync(path, JSON.stringify(settings, null, '\t'));
      else rmSync(path);
    }
  }

  const file = open({ cwd: dataDir, name: SETTINGS_FILE_NAME, defaults: DEFAULT_SETTINGS, fileMode: OWNER_ONLY_FILE });
  // The library sets the mode on its own writes; a file from before (0644) is made owner-only now.
  if (existsSync(path)) chmodSync(path, OWNER_ONLY_FILE);

  const read = (): Settings => {
    let raw: unknown;
    try {
      raw = file.store;
    } catch {
      // Hand-edited into invalid JSON while the cockpit runs.
      keepBadCopy();
      file.store = { ...DEFAULT_SETTINGS };
      return { ...DEFAULT_SETTINGS };
    }
    const { settings, damaged } = repairSettings(raw);
    if (damaged) {
      keepBadCopy();
      file.store = settings;
    }
    return settings;
  };

  return {
    get: read,
    update(patch) {
      const checked = SettingsPatch.parse(patch);
      const next = Settings.parse({ ...read(), ...checked });
      file.store = next;
      return next;
    },
  };
}

/** The browser host's (and the tests') settings: `conf` on `<dataDir>/config.json`. */
export function createConfSettingsStore(dataDir: string, clock: Clock = systemClock): SettingsStore {
  return openSettingsStore({
    dataDir,
    clock,
    open: ({ cwd, name, defaults, fileMode }) => new Conf<Record<string, unknown>>({ cwd, configName: name, defaults, configFileMode: fileMode }),
  });
}

/** Settings held in memory only, for tests of code that needs a SettingsStore. */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let current = Settings.parse({ ...DEFAULT_SETTINGS, ...initial });
  return {
    get: () => ({ ...current }),
    update(patch) {
      current = Settings.parse({ ...current, ...SettingsPatch.parse(patch) });
      return { ...current };
    },
  };
}
