/**
 * The pre-shift check end to end in Chromium: the browser host watches a
 * simulator (the trading API) and checks a real PostgreSQL on loopback,
 * named in the data folder's config.json before the host starts. The
 * password is in neither ~/.pgpass nor PGPASSWORD, so the wizard asks for
 * it. Then the server is stopped and the database check re-run alone: it
 * fails in words, with the raw error behind a disclosure. The report is
 * exported and holds every check.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPostgres, type PostgresHarness } from '../harness/postgres.js';
import { startBundledHost, startTs, type Started } from '../harness/process.js';

const SIM_READY = /(http:\/\/127\.0\.0\.1:\d+)/;
const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
const SHOTS = join(process.cwd(), 'test-results', 'preshift');

let pg: PostgresHarness;
let sim: Started;
let host: Started;
let dataDir: string;
let home: string;

test.beforeAll(async () => {
  pg = await startPostgres();
  sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '7'], SIM_READY);
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-preshift-'));
  home = mkdtempSync(join(tmpdir(), 'cockpit-e2e-home-'));
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ operatorName: 'ana', timeZone: 'UTC', checksDatabase: { host: pg.host, port: pg.port, user: pg.user, database: pg.database } }),
  );
  host = await startBundledHost(['--api', sim.match[1]!, '--port', '0', '--data-dir', dataDir], HOST_READY, {
    // An empty home (no ~/.pgpass) and no PGPASSWORD: the password has to be asked.
    env: { HOME: home, PGPASSWORD: '', PGPASSFILE: join(home, 'none') },
  });
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await host?.stop();
  await sim?.stop();
  await pg?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A check as the engineer sees it: the list item naming it. */
const check = (page: Page, label: string | RegExp) =>
  page.getByRole('dialog', { name: 'Pre-shift check' }).getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ hasText: label });

test('run all checks, re-run the database after it stops, export the report', async ({ page }) => {
  await page.goto(host.match[1]!);
  await expect(page.getByRole('status', { name: 'Access check' })).toContainText('Access not verified this shift');

  // Keyboard first: Alt+P opens the wizard.
  await page.keyboard.press('Alt+KeyP');
  const dialog = page.getByRole('dialog', { name: 'Pre-shift check' });
  await expect(dialog.getByRole('heading', { name: 'Pre-shift check' })).toBeVisible();
  await expect(check(page, 'Trading API health')).toContainText('not run');

  await dialog.getByRole('button', { name: 'Run all checks' }).click();
  const prompt = dialog.getByRole('form', { name: 'Database password' });
  await expect(prompt).toContainText(`hft_user@127.0.0.1:${pg.port}/hft_db`);
  await prompt.getByLabel('Password').fill(pg.password);
  await page.screenshot({ path: join(SHOTS, '1-password.png') });
  await prompt.getByRole('button', { name: 'Use password' }).click();

  await expect(check(page, 'Trading API health')).toContainText('passed');
  await expect(check(page, 'Database hft_db as hft_user')).toContainText('passed');
  await expect(check(page, 'Database hft_db as hft_user')).toContainText('password from you');
  await expect(prompt).toHaveCount(0);

  await dialog.getByRole('checkbox', { name: 'VPN connected' }).check();
  await expect(check(page, 'VPN connected')).toContainText('confirmed');
  await expect(page.getByRole('status', { name: 'Access check' })).toContainText(/Access verified \d{2}:\d{2}, 3\/7 ok/);
  await page.screenshot({ path: join(SHOTS, '2-passed.png') });

  await pg.stopServer();
  await dialog.getByRole('button', { name: 'Re-run Database hft_db as hft_user' }).click();
  const database = check(page, 'Database hft_db as hft_user');
  await expect(database).toContainText('failed');
  await expect(database).toContainText(`Connection refused on ${pg.port}`);
  await expect(database).toContainText('Likely fix: Is the VPN up, and is PostgreSQL running on the database host?');
  await expect(check(page, 'Trading API health')).toContainText('passed');
  const raw = database.getByText('Raw error');
  await raw.click();
  await expect(database.locator('pre')).toContainText('ECONNREFUSED');
  await expect(page.getByRole('status', { name: 'Access check' })).toContainText(/2\/7 ok/);
  await page.screenshot({ path: join(SHOTS, '3-database-failed.png') });

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export report' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^preshift-check-\d{4}-\d{2}-\d{2}-\d{4}\.md$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('# Pre-shift access check');
  expect(text).toContain('- Engineer: ana');
  for (const label of ['Trading API health', 'Database hft_db as hft_user', 'VPN connected', 'PagerDuty app logged in, notifications on']) {
    expect(text).toContain(`| ${label} |`);
  }
  expect(text).toMatch(/\| Database hft_db as hft_user \| 127\.0\.0\.1:\d+ \| FAILED \|/);
  expect(text).not.toContain(pg.password);

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await pg.startServer();
});

test('the shift panel lists the routines; ticks survive a reload; midday runs the health checks', async ({ page }) => {
  await page.goto(host.match[1]!);
  const shift = page.getByRole('region', { name: 'Shift' });
  await expect(shift).toContainText(/Primary on call · \d{4}-\d{2}-\d{2} 17:00 → \d{4}-\d{2}-\d{2} 17:00 \(UTC\)/);
  const morning = shift.getByRole('group', { name: 'Morning review' });
  const item = morning.getByRole('checkbox', { name: 'Every exchange connected, latency normal' });
  await item.check();
  await expect(morning).toContainText('1/4');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Shift' }).getByRole('checkbox', { name: 'Every exchange connected, latency normal' })).toBeChecked();

  await page.getByRole('group', { name: 'Midday health check' }).getByRole('button', { name: 'Run health checks' }).click();
  await expect(page.getByRole('status', { name: 'Quick status' })).toContainText(/exchanges connected/);
  await expect(check(page, 'Trading API health')).toContainText('passed');
  await page.screenshot({ path: join(SHOTS, '4-shift.png'), fullPage: true });
});
