/**
 * The embedded terminal in Chromium against the browser host: a local
 * shell on a real PTY, a quick command from the palette typed but not run
 * until Enter, and a `yes` flood that Ctrl-C stops with the prompt back.
 * xterm.js may draw with WebGL (no text in the DOM), so the tests read the
 * rows from xterm.js's own buffer through the terminal view's test probe.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBundledHost, startTs } from '../harness/process.js';
import { expect, openCockpit, test } from './fixtures.js';
import { screenText, watchTerminals } from './terminal-screen.js';

test.beforeEach(async ({ page }) => {
  await watchTerminals(page);
});

async function openLocalTerminal(page: Page) {
  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('menuitem', { name: 'Local shell' }).click();
  await expect(page.getByRole('tab', { name: /Local/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => screenText(page)).toMatch(/\S/);
}

test('a local terminal runs a command and shows its output', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.type('echo $((6*7))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^42\s*$/m);
  await page.screenshot({ path: 'test-results/terminal-local.png' });
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /Local.*ended/ })).toBeVisible();
  await expect.poll(() => screenText(page)).toContain('[session ended — exit code 0]');
});

test('a quick command from the palette is typed, and runs only on Enter', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await palette.getByRole('searchbox').fill('system resources');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/terminal-palette.png' });
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect.poll(() => screenText(page)).toContain('uptime; free -m; df -h');
  // Typed, not run: nothing of its output yet.
  await page.waitForTimeout(500);
  expect(await screenText(page)).not.toMatch(/load average/);
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page), { timeout: 15_000 }).toMatch(/load average/);
});

test('the palette never offers the killswitch', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('searchbox').fill('killswitch');
  await expect(palette.getByRole('option')).toHaveCount(0);
});

test('a yes flood keeps the page alive and Ctrl-C brings the prompt back', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  const pane = page.locator('.terminal-pane:not([hidden])');
  await expect.poll(async () => Number(await pane.getAttribute('data-chars-rendered')), { timeout: 15_000 }).toBeGreaterThan(2_000_000);
  // The page still answers while the flood runs.
  const started = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - started).toBeLessThan(1_000);
  await page.keyboard.press('Control+c');
  await page.keyboard.type('echo after-$((2+3))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page), { timeout: 15_000 }).toMatch(/after-5/);
  const settled = Number(await pane.getAttribute('data-chars-rendered'));
  await page.waitForTimeout(500);
  expect(Number(await pane.getAttribute('data-chars-rendered'))).toBeLessThan(settled + 1_000);
  await page.screenshot({ path: 'test-results/terminal-flood.png' });
});

test('after the backend is killed and restarted, the tab says ended, refuses typing, and Enter starts a new shell in it', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.type('echo before-$((1+1))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^before-2\s*$/m);

  await cockpit.restart({ crash: true });
  const tab = page.getByRole('tab', { name: /^Local/ });
  await expect(tab).toHaveAccessibleName(/ended \(the cockpit restarted\)/, { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/terminal-ended-after-restart.png' });

  await page.locator('.terminal-pane:not([hidden]) .xterm-helper-textarea').focus();
  await page.keyboard.type('ls');
  await expect.poll(() => screenText(page)).toContain('nothing typed is sent; press Enter to start it again');
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAccessibleName(/^Local live$/);
  await page.keyboard.type('echo after-$((2+2))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page), { timeout: 15_000 }).toMatch(/^after-4\s*$/m);
  // A local shell starts anew: the previous one's output is gone from the screen.
  expect(await screenText(page)).not.toContain('before-2');
  await expect(page.getByRole('tab')).toHaveCount(1);
});

test("the cockpit's keys reach the cockpit from inside the terminal, and the shell keeps the rest", async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  await page.keyboard.press('Alt+h');
  const handoff = page.getByRole('dialog', { name: 'Handoff' });
  await expect(handoff).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(handoff).toBeHidden();

  await page.locator('.terminal-pane:not([hidden]) .xterm-helper-textarea').focus();
  await page.keyboard.press('Alt+Comma');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Alt+B (readline's word back) still goes to the shell: the cursor moves, so the insertion lands mid-line.
  await page.locator('.terminal-pane:not([hidden]) .xterm-helper-textarea').focus();
  await page.keyboard.type('echo tail');
  await page.keyboard.press('Alt+b');
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^xtail\s*$/m);
});

test('the panel resizes by keyboard and by drag, maximises and restores, and keeps its size across a reload', async ({ page, cockpit }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCockpit(page, cockpit);
  await openLocalTerminal(page);
  const handle = page.getByRole('separator', { name: 'Resize terminals' });
  const body = page.locator('#terminal-body');
  const height = async () => Number(await handle.getAttribute('aria-valuenow'));
  const first = await height();
  expect(first).toBeGreaterThan(200);

  await handle.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  expect(await height()).toBe(first + 72);
  expect(Math.round((await body.boundingBox())!.height)).toBe(first + 72);

  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + 200, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + box.height / 2 - 100, { steps: 5 });
  await page.mouse.up();
  expect(await height()).toBe(first + 172);

  await page.getByRole('button', { name: 'Maximise' }).click();
  expect(await height()).toBe(800 - 140);
  await page.screenshot({ path: 'test-results/terminal-maximised.png' });
  await page.getByRole('button', { name: 'Restore' }).click();
  expect(await height()).toBe(first + 172);

  // Enter on the handle collapses the panel, and again shows it.
  await handle.focus();
  await page.keyboard.press('Enter');
  await expect(body).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(body).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tab', { name: /^Local/ })).toBeVisible();
  await expect(body).toBeVisible();
  expect(await height()).toBe(first + 172);
});

test("in DEMO, the palette's status command in a local shell calls the embedded simulator and prints its status", async ({ page }) => {
  // No --api and a fresh data folder: the cockpit watches its embedded simulator (DEMO).
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-demo-'));
  const host = await startBundledHost(['--port', '0', '--data-dir', dataDir], /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
  try {
    await page.goto(host.match[1]!);
    await expect(page.getByText(/^DEMO — simulated trading system/)).toBeVisible();
    await openLocalTerminal(page);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('searchbox').fill('system status');
    const option = palette.getByRole('option', { name: /System status/ });
    await expect(option).toContainText(/curl -s http:\/\/127\.0\.0\.1:\d+\/api\/v1\/status \| jq \./);
    await expect(option).not.toContainText('localhost:8080');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await page.keyboard.press('Enter');
    // The last lines of the simulator's status, pretty-printed by jq.
    await expect.poll(() => screenText(page), { timeout: 15_000 }).toMatch(/"disk_pct": \d/);
    expect(await screenText(page)).not.toMatch(/Connection refused|curl: \(7\)/);
    await page.screenshot({ path: 'test-results/terminal-demo-status.png' });
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
