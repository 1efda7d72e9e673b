/**
 * The demo explains itself: the browser host started with no trading system
 * watches its embedded simulator; the DEMO badge's tooltip names the
 * simulator's address and how to stage a scenario; the pre-shift check runs
 * as it opens, passes what can run here, lists the production checks as
 * not configured with how to configure them, and the header never says
 * "verified".
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBundledHost, startTs, type Started } from '../harness/process.js';

const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)[\s\S]*simulator \(DEMO\) at (http:\/\/127\.0\.0\.1:\d+)/;
const SHOTS = process.env.SHOTS_DIR ?? join(tmpdir(), 'cockpit-shots', 'demo');

mkdirSync(SHOTS, { recursive: true });

let host: Started;
let dataDir: string;
let home: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-demo-'));
  home = mkdtempSync(join(tmpdir(), 'cockpit-e2e-demo-home-'));
  // No --api: the embedded simulator, DEMO. An empty home and no PGPASSWORD: nothing to find a password in.
  host = await startBundledHost(['--port', '0', '--data-dir', dataDir], HOST_READY, {
    env: { HOME: home, PGPASSWORD: '', PGPASSFILE: join(home, 'none') },
  });
});

test.afterAll(async () => {
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 1600, height: 1000 }]) {
  test(`the DEMO badge names the simulator; the pre-shift check runs what can run and fails nothing (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const simUrl = host.match[2]!;
    await page.goto(host.match[1]!);
    const badge = page.getByText('DEMO — simulated trading system');
    await expect(badge).toHaveAttribute('title', new RegExp(`^simulator \\(DEMO\\) at ${simUrl.replace(/[.]/g, '\\.')}: .*POST ${simUrl.replace(/[.]/g, '\\.')}/sim/v1/scenario`));

    await page.keyboard.press('Alt+KeyP');
    const dialog = page.getByRole('dialog', { name: 'Pre-shift check' });
    const checks = dialog.getByRole('list', { name: 'Checks' });
    // It runs as it opens: no button to press, no password asked.
    await expect(checks.getByRole('listitem', { name: 'Trading API health: passed' })).toBeVisible();
    await expect(checks.getByRole('listitem', { name: 'Local shell: passed' })).toBeVisible();
    await expect(dialog.getByRole('form', { name: 'Database password' })).toHaveCount(0);
    const database = checks.getByRole('listitem', { name: 'Database: not configured' });
    await expect(database).toContainText('To configure: The demo watches no database');
    await expect(checks.getByRole('listitem', { name: 'SSH to the production hosts: not configured' })).toContainText('Terminals → Hosts');
    await expect(checks.getByRole('listitem', { name: /failed$/ })).toHaveCount(0);
    await expect(dialog.getByRole('status', { name: 'Check progress' })).toContainText(/2 of 2 runnable checks passed; 5 not configured/);
    await page.screenshot({ path: join(SHOTS, `preshift-${viewport.width}.png`) });

    await page.keyboard.press('Escape');
    const status = page.getByRole('status', { name: 'Access check' });
    await expect(status).toContainText(/^Checked \d\d:\d\d: 2 of 2 runnable checks passed; 5 not configured/);
    await expect(status).not.toContainText('verified');
    await badge.hover();
    await page.screenshot({ path: join(SHOTS, `header-${viewport.width}.png`) });
  });
}

test('in DEMO the runbook beside an incident calls the simulator, not the procedures\' localhost:8080', async ({ page }) => {
  const simUrl = host.match[2]!;
  await page.goto(host.match[1]!);
  const staged = await fetch(`${simUrl}/sim/v1/scenario`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'loss_limit_approach', target_pct: 90, over_s: 0 }),
  });
  expect(staged.ok).toBe(true);
  const runbook = page.getByRole('region', { name: 'Selected incident' }).getByRole('group', { name: /^Runbook/ });
  await expect(runbook.locator('code').first()).toHaveText(`curl ${simUrl}/api/v1/risk/summary`, { timeout: 15_000 });
  await expect(runbook).not.toContainText('localhost:8080');
  await fetch(`${simUrl}/sim/v1/scenario`, { method: 'DELETE' });
});
