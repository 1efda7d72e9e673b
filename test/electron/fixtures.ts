/**
 * Fixtures for the desktop suite: a simulator (seed 7, as in test/e2e), and the real Electron app
 * (dist/main/main.cjs on the binary test/electron/run.ts found) pointed at
 * it with a data folder of its own, fresh for each test and quit after it.
 */
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../harness/process.js';
import { startSimulator } from '../../src/sim/index.js';
import { expect, simulatorAt, type Simulator } from '../e2e/fixtures.js';

export const MAIN_BUNDLE = join(ROOT, 'dist', 'main', 'main.cjs');

function electronBinary(): string {
  const binary = process.env.COCKPIT_ELECTRON_BINARY;
  if (!binary) throw new Error('COCKPIT_ELECTRON_BINARY is not set: run this suite with `npm run test:electron`');
  return binary;
}

export interface Desktop {
  app: ElectronApplication;
  window: Page;
  dataDir: string;
  /** The flags the app was started with, for a second start on the same folder. */
  args: string[];
}

/** Starts the app once more with `args`, as an engineer would; resolves with its exit code. */
export function startAgain(args: readonly string[], limitMs = 30_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(electronBinary(), [MAIN_BUNDLE, ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the second start did not end within ${limitMs} ms`));
    }, limitMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export const test = base.extend<{ sim: Simulator; desktop: Desktop }>({
  // In this process rather than as a child: the suite runs on Windows too, where the
  // harness's process groups do not exist.
  sim: async ({}, use) => {
    const running = await startSimulator({ host: '127.0.0.1', port: 0, seed: 7 });
    await use(simulatorAt(running.url));
    await running.close();
  },
  desktop: async ({ sim }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-'));
    const args = ['--api', sim.url, '--data-dir', dataDir, '--poll-ms', '500'];
    const app = await _electron.launch({ executablePath: electronBinary(), args: [MAIN_BUNDLE, ...args], cwd: ROOT });
    const window = await app.firstWindow();
    await expect(window.getByRole('region', { name: 'Exchanges' })).toBeVisible();
    await use({ app, window, dataDir, args });
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
