/**
 * Drills end to end in the browser host watching its embedded simulator
 * (DEMO): the palette opens the Drill view, a scripted drill of two
 * scenarios is picked and started from the keyboard, its incidents show
 * DRILL in the queue, the page title, the header and the kill switch
 * dialog, they are acknowledged with the keyboard, and the report gives the
 * timings against the clocks. Against an API without /sim/v1 the drill is
 * refused, in words.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startBundledHost, startTs, type Started } from '../harness/process.js';

const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
const SHOTS = process.env.SHOTS_DIR ?? join(tmpdir(), 'cockpit-shots', 'drill');
mkdirSync(SHOTS, { recursive: true });
const RAISE_TIMEOUT_MS = 25_000;

const started: Started[] = [];
const dirs: string[] = [];
let plain: Server | null = null;

async function startHost(args: string[]): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-drill-'));
  dirs.push(dataDir);
  const host = await startBundledHost(['--port', '0', '--data-dir', dataDir, ...args], HOST_READY);
  started.push(host);
  return host.match[1]!;
}

test.afterEach(async () => {
  for (const host of started.splice(0)) await host.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (plain) await new Promise((done) => plain!.close(done));
  plain = null;
});

const queueRow = (page: Page, subject: string | RegExp) =>
  page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: subject });

async function openDrillFromPalette(page: Page) {
  await page.keyboard.press('Control+KeyK');
  await page.getByRole('searchbox', { name: 'Search commands' }).fill('drill');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Drill' });
  await expect(dialog.getByRole('heading', { name: 'Drill' })).toBeVisible();
  return dialog;
}

test('a scripted drill of two scenarios, worked with the keyboard, ends in a report with timings', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(await startHost([]));
  await expect(page.getByRole('region', { name: 'Exchanges' })).toBeVisible();

  const dialog = await openDrillFromPalette(page);
  const scripted = dialog.getByRole('radio', { name: 'Exchange down, then the loss limit approaching' });
  await scripted.focus();
  await page.keyboard.press('Space');
  await expect(scripted).toBeChecked();
  await expect(dialog.getByRole('list', { name: 'Steps of Exchange down, then the loss limit approaching' })).toContainText('0:10 loss_limit_approach');
  await page.screenshot({ path: join(SHOTS, 'pick-1280.png') });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.screenshot({ path: join(SHOTS, 'pick-1600.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'Start drill' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status', { name: 'Drill running' })).toContainText('DRILL running: Exchange down, then the loss limit approaching');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Drill' })).toContainText('DRILL running');

  // Both scenarios become DRILL incidents: the exchange at once, the loss limit after its step at 10 s.
  await expect(queueRow(page, 'binance')).toContainText('DRILL', { timeout: RAISE_TIMEOUT_MS });
  await expect(queueRow(page, 'loss limit')).toContainText('DRILL', { timeout: RAISE_TIMEOUT_MS });
  await expect.poll(() => page.title()).toContain('DRILL');
  await expect(page.getByRole('status', { name: 'Most urgent deadline' })).toContainText('DRILL');

  // Acknowledge both from the keyboard: A on the selected one, J to the next.
  const lastKey = page.getByRole('status', { name: 'Last incident key' });
  await page.keyboard.press('a');
  await expect(lastKey).toContainText('Acknowledged INC-');
  const first = (await lastKey.innerText()).match(/INC-\d+/)![0];
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await expect(lastKey).not.toContainText(first);
  await expect(lastKey).toContainText('Acknowledged INC-');
  await expect(page.getByRole('region', { name: 'Selected incident' })).toContainText('DRILL');

  // The kill switch dialog says it is a drill.
  await page.getByRole('button', { name: 'Kill switch' }).click();
  const ks = page.getByRole('dialog', { name: 'Kill switch' });
  await expect(ks.getByRole('note', { name: 'Drill' })).toContainText('DRILL: this is the drill "Exchange down, then the loss limit approaching"');
  await expect(ks.getByRole('note', { name: 'Drill' })).toContainText('not to a real trading system');
  await page.screenshot({ path: join(SHOTS, 'killswitch-1280.png') });
  await page.keyboard.press('Escape');
  await expect(ks).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'working-1280.png') });

  // Finish and read the report.
  await page.getByRole('button', { name: 'Drill report…' }).click();
  const again = page.getByRole('dialog', { name: 'Drill' });
  await again.getByRole('button', { name: 'Finish drill and see the report' }).focus();
  await page.keyboard.press('Enter');
  const report = again.getByRole('region', { name: 'Drill report: Exchange down, then the loss limit approaching' });
  const timings = report.getByRole('list', { name: 'Timings' });
  await expect(timings).toContainText(/met acknowledged in \d+ s of 5 min/);
  await expect(timings).toContainText('MISSED missed: desk told');
  await expect(timings).toContainText('MISSED missed: status update');
  await expect(report).toContainText('clocks of SEV1');
  await page.screenshot({ path: join(SHOTS, 'report-1280.png') });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.screenshot({ path: join(SHOTS, 'report-1600.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status', { name: 'Drill' })).toHaveCount(0);

  // The weekly routine is ticked by the report.
  await expect(page.getByRole('region', { name: 'Shift' }).getByRole('checkbox', { name: 'Test an emergency procedure' })).toBeChecked();
});

test('a drill is refused where the watched API does not answer /sim/v1', async ({ page }) => {
  plain = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise<void>((done) => plain!.listen(0, '127.0.0.1', done));
  const api = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  await page.goto(await startHost(['--api', api]));
  // Not the demo, and no /sim/v1: no drill control in the header.
  await expect(page.getByRole('button', { name: 'Drill' })).toHaveCount(0);
  const dialog = await openDrillFromPalette(page);
  await expect(dialog.getByRole('alert')).toContainText(`No drill here: ${api} answers GET /sim/v1/scenario with HTTP 404`);
  await expect(dialog.getByRole('button', { name: 'Start drill' })).toBeDisabled();
  await page.screenshot({ path: join(SHOTS, 'refused-1600.png') });
});
