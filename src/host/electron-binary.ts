/**
 * Whether the Electron binary is installed, judged from files only: the
 * `electron` package's own entry point would try to download a missing
 * binary, so it is never required from Node. The package writes the
 * binary's path, relative to its dist/ folder, into path.txt on install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

export interface FileProbe {
  exists(path: string): boolean;
  read(path: string): string;
}

const realFiles: FileProbe = { exists: existsSync, read: (path) => readFileSync(path, 'utf8') };

/** The absolute path of the Electron executable, or null when it is not installed. */
export function findElectronBinary(projectRoot: string, files: FileProbe = realFiles): string | null {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!files.exists(pathTxt)) return null;
  let named: string;
  try {
    named = files.read(pathTxt).trim();
  } catch {
    return null;
  }
  if (named === '') return null;
  const dist = join(pkg, 'dist');
  const binary = resolve(dist, named);
  const rel = relative(dist, binary);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return files.exists(binary) ? binary : null;
}

export const NO_ELECTRON_NOTICE =
  'cockpit: the Electron binary is not installed (run `npm run electron:install` with Node >= 22.12), so the desktop window cannot open; starting the browser host instead';
