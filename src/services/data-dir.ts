/**
 * Where the cockpit keeps its settings and state: the per-user application
 * data folder, the same one Electron's `app.getPath('userData')` returns for
 * an app named `oncall-cockpit`, so the desktop and browser hosts share one
 * `config.json`.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The app name; main/ sets it on Electron so `userData` lands in the same folder. */
export const APP_NAME = 'oncall-cockpit';

export interface PlatformFacts {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * Electron's own rule (`appData` + app name): Linux `$XDG_CONFIG_HOME` or
 * `~/.config`, macOS `~/Library/Application Support`, Windows `%APPDATA%`.
 */
export function defaultDataDir(
  { platform, env, home }: PlatformFacts = { platform: process.platform, env: process.env, home: homedir() },
): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_NAME);
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const configHome = xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(configHome, APP_NAME);
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** Owner-only, whatever the umask: the folder holds the audit log, the chain key and the session token. */
export const OWNER_ONLY_DIR = 0o700;

/** Makes the data folder if needed and makes it owner-only (an existing 0755 one too). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (process.platform !== 'win32') await chmod(dir, OWNER_ONLY_DIR);
}
