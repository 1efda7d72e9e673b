/**
 * The desktop app end to end, in the real Electron: the window is locked
 * down, the live view runs over IPC, the kill switch halts the simulator and
 * proves it, Copy reaches the system clipboard (the permission handler lets
 * the cockpit page write it), a tel: link reaches shell.openExternal and
 * does not navigate the window, closing hides the window and a second start
 * brings it back, and that second start leaves at once (single-instance lock
 * on the same data folder).
 */
import { readFileSync } from 'node:fs';
import { holdWithMouse, killswitchState } from '../e2e/fixtures.js';
import { expect, startAgain, test } from './fixtures.js';

const PANELS = ['Risk', 'Exchanges', 'System', 'Strategies', 'Positions'];

test('the window is sandboxed and isolated, without Node, on app://cockpit', async ({ desktop: { app, window } }) => {
  // Electron no longer reports a window's web preferences, so each is checked by what it does.
  const renderer = await app.evaluate(({ app: electronApp, BrowserWindow }) => {
    const pid = BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId();
    return { pid, sandboxed: electronApp.getAppMetrics().find((m) => m.pid === pid)?.sandboxed ?? null };
  });
  // sandbox: the renderer runs under the OS sandbox (seccomp-bpf on Linux; the metric elsewhere).
  if (process.platform === 'linux') expect(readFileSync(`/proc/${renderer.pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
  else expect(renderer.sandboxed).toBe(true);

  expect(window.url()).toBe('app://cockpit/index.html');
  const globals = await window.evaluate(() => {
    const page = globalThis as Record<string, unknown>;
    return { require: typeof page.require, process: typeof page.process, module: typeof page.module, cockpit: typeof page.cockpit };
  });
  // nodeIntegration off: no Node in the page. contextIsolation on: the preload's contextBridge
  // refuses to run without it, so the bridge being there proves it.
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', cockpit: 'object' });
});

test('the live view shows the system from the simulator, every panel fresh', async ({ desktop: { window } }) => {
  for (const name of PANELS) {
    await expect(window.getByRole('region', { name }).locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh');
  }
  await expect(window.getByRole('region', { name: 'Exchanges' }).getByRole('row').filter({ hasText: /(?<!dis)connected/ })).toHaveCount(12);
  await expect(window.getByText(/DEMO/)).toHaveCount(0);
});

test('the kill switch halts the system and the dialog proves it', async ({ desktop: { window }, sim }) => {
  await window.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const dialog = window.getByRole('dialog', { name: 'Kill switch' });
  await dialog.getByRole('radio', { name: 'Exchange incident' }).check();
  await holdWithMouse(window, dialog.getByRole('button', { name: 'Hold to activate' }), 1_700);
  await expect(dialog.getByRole('status').filter({ hasText: 'Trading halted' })).toContainText(/Trading halted, verified at \d\d:\d\d:\d\d/);
  expect(await killswitchState(sim.url)).toMatchObject({ active: true, reason: 'Exchange incident', source: 'manual' });
});

test('Copy puts the command in the clipboard, and the desk link goes to the OS without navigating', async ({ desktop: { app, window }, sim }) => {
  await app.evaluate(({ clipboard, shell }) => {
    clipboard.writeText('before');
    const opened: string[] = [];
    (globalThis as Record<string, unknown>).openedExternally = opened;
    // The OS handler would dial; here it only records.
    shell.openExternal = async (url: string) => void opened.push(url);
  });
  await sim.stage({ name: 'killswitch_ignored' });
  await window.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const dialog = window.getByRole('dialog', { name: 'Kill switch' });
  await dialog.getByRole('radio', { name: 'Unexplained behaviour: when in doubt' }).check();
  await holdWithMouse(window, dialog.getByRole('button', { name: 'Hold to activate' }), 1_700);
  const alert = dialog.getByRole('alert').filter({ hasText: 'NOT VERIFIED' });
  await expect(alert).toBeVisible();

  // The async clipboard writes only for a focused page; under Xvfb no window manager gives focus.
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.focus());
  const command = (await alert.getByRole('list', { name: 'Next steps' }).locator('code').first().textContent())!;
  expect(command).toContain('curl -X POST');
  await alert.getByRole('button', { name: 'Copy command' }).first().click();
  await expect(alert.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe(command);

  await alert.getByRole('link', { name: /Call \+1-555-0103/ }).click();
  await expect.poll(() => app.evaluate(() => (globalThis as Record<string, unknown>).openedExternally)).toEqual(['tel:+15550103']);
  expect(window.url()).toBe('app://cockpit/index.html');
  await expect(alert).toBeVisible();
});

test('closing hides the window behind the tray; a second start on the same folder shows it and leaves', async ({ desktop: { app, window, args } }) => {
  const state = () =>
    app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), destroyed: w.isDestroyed() })));
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect.poll(state).toEqual([{ visible: false, destroyed: false }]);
  // Still running: the backend still answers the page.
  await expect(window.getByRole('region', { name: 'Exchanges' }).locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh');

  expect(await startAgain(args)).toBe(0);
  await expect.poll(state).toEqual([{ visible: true, destroyed: false }]);
  expect(app.process().exitCode).toBeNull();
});
