import { defineConfig } from '@playwright/test';

/**
 * The desktop app itself: Playwright's `_electron.launch` starts the built
 * main bundle on the stock Electron binary (never a packaged app, whose fuses
 * turn off the --inspect Playwright drives the main process with), against
 * a simulator on a loopback port the OS picks. Run through
 * `npm run test:electron` (test/electron/run.ts), which finds the binary.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.electron\.ts$/,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  use: { trace: 'off', screenshot: 'off' },
});
