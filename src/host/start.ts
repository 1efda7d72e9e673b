/**
 * `npm start`: the desktop window when Electron's binary is installed,
 * otherwise the same cockpit as a browser host (same flags), with one line
 * saying why.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBrowserHostUntilSignalled } from './browser/run.js';
import { parseCliArgs, USAGE } from './cli-args.js';
import { findElectronBinary, NO_ELECTRON_NOTICE } from './electron-binary.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const mainBundle = fileURLToPath(new URL('../../dist/main/main.cjs', import.meta.url));

const parsed = parseCliArgs(argv, process.env);
if (!parsed.ok) {
  process.stderr.write(`cockpit: ${parsed.message}\n${USAGE}\n`);
  process.exit(2);
}

const electron = findElectronBinary(root);
if (electron && existsSync(mainBundle)) {
  const child = spawn(electron, [mainBundle, ...argv], { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.stderr.write(`${electron ? 'cockpit: dist/main/main.cjs is missing (run `npm run build:main`); starting the browser host instead' : NO_ELECTRON_NOTICE}\n`);
  await runBrowserHostUntilSignalled({
    argv,
    env: process.env,
    rendererDir: fileURLToPath(new URL('../../dist/renderer/', import.meta.url)),
  });
}
