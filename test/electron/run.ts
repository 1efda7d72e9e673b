/**
 * `npm run test:electron`: the end-to-end suite in the real Electron app.
 * Where the Electron binary is not installed (`npm run electron:install`
 * fetches it, Node >= 22.12) it prints one line and runs nothing, with exit
 * code 0: the suite is not part of `npm test`, and the release workflow
 * (.github/workflows/desktop.yml) is where it runs on all three platforms.
 * Otherwise it builds the bundles and runs Playwright with
 * test/electron/playwright.config.ts; extra arguments go to Playwright.
 *
 * ELECTRON_PROBE_ROOT names another folder to look for node_modules/electron
 * in (the suite's own test of the one-line path uses it).
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from '../harness/process.js';
import { findElectronBinary } from '../../src/host/electron-binary.js';

const electron = findElectronBinary(process.env.ELECTRON_PROBE_ROOT ?? ROOT);
if (electron === null) {
  console.log('test:electron: no Electron binary installed (run `npm run electron:install` with Node >= 22.12); nothing run');
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) process.exit(built.status ?? 1);

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = spawnSync(npx, ['playwright', 'test', '-c', 'test/electron/playwright.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, COCKPIT_ELECTRON_BINARY: electron },
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
