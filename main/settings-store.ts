/**
 * Settings for the desktop host: electron-store on the same `config.json`
 * in the same data dir the browser host's `conf` uses, with the same repair
 * rules (src/services/settings.ts).
 *
 * The store class comes in as a parameter: main.ts passes electron-store,
 * whose module reaches for the real `electron` package as soon as it loads,
 * so tests pass a stand-in instead.
 */
import { openSettingsStore, type JsonFileStore, type SettingsStore } from '../src/services/settings.js';

/** The constructor shape electron-store has (it names the file `name`, not `configName`). */
export type ElectronStoreClass = new (options: {
  cwd: string;
  name: string;
  defaults: Record<string, unknown>;
  configFileMode: number;
}) => JsonFileStore;

export function createElectronSettingsStore(dataDir: string, Store: ElectronStoreClass): SettingsStore {
  return openSettingsStore({
    dataDir,
    open: ({ cwd, name, defaults, fileMode }) => new Store({ cwd, name, defaults, configFileMode: fileMode }),
  });
}
