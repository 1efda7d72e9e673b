/**
 * The killswitch end to end in Chromium, against the simulator: a short
 * hold sends nothing; a full hold with a reason halts the system and the
 * dialog proves it; an ignored killswitch and a hung endpoint both end in
 * NOT VERIFIED (the hung one within 15 s); the audit log keeps intent and
 * outcome of each press; strategy stops are read back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, holdWithMouse, killswitchState, openCockpit, test, type Cockpit } from './fixtures.js';

const SHOTS = process.env.KILLSWITCH_SHOTS; // a folder to keep screenshots of the dialog's states in, when set

interface AuditRecord {
  type: string;
  data?: Record<string, unknown>;
}

function audit(cockpit: Cockpit): AuditRecord[] {
  let text = '';
  try {
    text = readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as AuditRecord);
}
const ofType = (cockpit: Cockpit, type: string) => audit(cockpit).filter((r) => r.type === type);


async function openDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Kill switch' });
  await expect(dialog).toBeVisible();
  return dialog;
}


async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

test('a short hold, a double click, Enter and Escape send nothing', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  let dialog = await openDialog(page);
  const hold = dialog.getByRole('button', { name: 'Hold to activate' });
  // No reason yet: the button cannot even start a hold.
  await expect(hold).toBeDisabled();
  await dialog.getByRole('radio', { name: 'Runaway strategy' }).check();
  await expect(hold).toBeEnabled();
  await shot(page, 'killswitch-ready');

  await holdWithMouse(page, hold, 600);
  await expect(dialog.getByText('Released early: nothing was sent.')).toBeVisible();
  await expect(dialog.getByRole('progressbar', { name: 'Hold progress' })).toHaveAttribute('aria-valuenow', '0');

  await hold.dblclick();
  await hold.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await page.keyboard.down('Space');
  await page.waitForTimeout(500);
  await page.keyboard.up('Space');
  await expect(dialog.getByText('Released early: nothing was sent.')).toBeVisible();

  // Escape mid-hold cancels and closes.
  await page.keyboard.down('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await page.keyboard.up('Enter');
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(1_700);

  // A second dialog, cancelled with its button.
  dialog = await openDialog(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  expect((await killswitchState(sim.url)).active).toBe(false);
  expect(ofType(cockpit, 'killswitch.intent')).toHaveLength(0);
});

test('a full hold with a reason halts the system, proves it and opens the SEV1', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  const dialog = await openDialog(page);
  await expect(dialog.getByRole('region', { name: 'What will stop' })).toContainText(/Strategies to stop\s*\d+/);
  await dialog.getByRole('radio', { name: 'Exchange incident' }).check();
  await dialog.getByRole('textbox', { name: 'Detail (optional)' }).fill('binance and okx down');
  await holdWithMouse(page, dialog.getByRole('button', { name: 'Hold to activate' }), 1_700);

  const verified = dialog.getByRole('status').filter({ hasText: 'Trading halted' });
  await expect(verified).toContainText(/Trading halted, verified at \d\d:\d\d:\d\d, \d+ strategies stopped/);
  expect(await killswitchState(sim.url)).toMatchObject({ active: true, reason: 'Exchange incident: binance and okx down', source: 'manual' });

  const after = dialog.getByRole('region', { name: 'After the halt' });
  await expect(after).toContainText(/SEV1 INC-\d+: Killswitch activated: Exchange incident: binance and okx down/);
  await expect(after.getByRole('link', { name: /Call .*\+1-555-0103/ })).toHaveAttribute('href', 'tel:+15550103');
  await expect(after.getByRole('textbox', { name: 'Status update draft' })).toHaveValue(/Killswitch activated/);
  await shot(page, 'killswitch-verified');

  const intent = ofType(cockpit, 'killswitch.intent');
  const outcome = ofType(cockpit, 'killswitch.outcome');
  expect(intent).toHaveLength(1);
  expect(intent[0]!.data).toMatchObject({ reason: 'Exchange incident: binance and okx down' });
  expect(outcome).toHaveLength(1);
  expect(outcome[0]!.data).toMatchObject({ verified: true, reason: 'Exchange incident: binance and okx down' });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('alert', { name: 'Killswitch active' })).toContainText('binance and okx down');
});

test('an ignored killswitch ends in NOT VERIFIED with the command and the desk', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'killswitch_ignored' });
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'Unexplained behaviour: when in doubt' }).check();
  // Held from the keyboard this time.
  const hold = dialog.getByRole('button', { name: 'Hold to activate' });
  await expect(hold).toBeEnabled();
  await hold.focus();
  await expect(hold).toBeFocused();
  await page.keyboard.down('Space');
  await page.waitForTimeout(1_700);
  await page.keyboard.up('Space');

  const alert = dialog.getByRole('alert').filter({ hasText: 'NOT VERIFIED' });
  await expect(alert).toContainText('NOT VERIFIED: trading may still be running');
  await expect(alert).toContainText('killswitch.active is false');
  await expect(alert).toContainText("curl -X POST http://localhost:8080/api/v1/killswitch -d '{\"reason\":\"Unexplained behaviour: when in doubt\"}'");
  await expect(alert.getByRole('link', { name: /Call \+1-555-0103/ })).toBeVisible();
  await shot(page, 'killswitch-not-verified');

  expect(ofType(cockpit, 'killswitch.intent')).toHaveLength(1);
  expect(ofType(cockpit, 'killswitch.outcome')[0]!.data).toMatchObject({ verified: false });
});

test('a hung killswitch request is kept open to the send deadline and reported NOT VERIFIED within 15 s', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'hang', target: 'killswitch' });
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'Daily loss limit approaching' }).check();
  // Held by touch this time.
  const hold = dialog.getByRole('button', { name: 'Hold to activate' });
  const touch = { pointerType: 'touch', pointerId: 7, isPrimary: true, button: 0 };
  await hold.dispatchEvent('pointerdown', touch);
  // The hold completes at 1.5 s while the finger is still down: lifting it afterwards changes nothing.
  const endOfHold = Date.now() + 1_500;
  await page.waitForTimeout(600);
  await expect(dialog.getByRole('progressbar', { name: 'Hold progress' })).not.toHaveAttribute('aria-valuenow', '0');
  await expect(dialog.getByRole('status').filter({ hasText: 'Sending the killswitch' })).toBeVisible();

  const alert = dialog.getByRole('alert').filter({ hasText: 'NOT VERIFIED' });
  await expect(alert).toContainText('the killswitch request got no good answer after 1 attempt: no answer within 10 s', { timeout: 15_000 });
  expect(Date.now() - endOfHold).toBeLessThan(15_000);
  await shot(page, 'killswitch-hang');

  const outcome = ofType(cockpit, 'killswitch.outcome');
  expect(ofType(cockpit, 'killswitch.intent')).toHaveLength(1);
  expect(outcome).toHaveLength(1);
  expect(outcome[0]!.data).toMatchObject({ verified: false, path: null });
  expect(outcome[0]!.data).toMatchObject({ attempts: 1, error: 'no answer within 10 s' });
});

test('stopping the losing strategies is confirmed once and read back', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  // The simulator starts the day flat; half the limit lost makes some strategies lose (scenario 3).
  await sim.stage({ name: 'loss_limit_approach', target_pct: 50, over_s: 0 });
  const strategies = page.getByRole('region', { name: 'Strategies' });
  const stopLosing = strategies.getByRole('button', { name: /Stop losing strategies \(\d+\)/ });
  await expect(stopLosing).toBeEnabled();
  await stopLosing.click();
  const dialog = page.getByRole('dialog', { name: 'Stop losing strategies' });
  await expect(dialog.getByRole('textbox', { name: 'Reason (required)' })).toHaveValue(/Losing money today/);
  await dialog.getByRole('button', { name: /^Stop \d+ strateg/ }).click();
  await expect(dialog.getByRole('status')).toContainText(/\d+ strateg(y|ies) stopped, verified at \d\d:\d\d:\d\d/);
  await shot(page, 'stop-losing-verified');

  const res = await fetch(`${sim.url}/api/v1/strategies`);
  const list = ((await res.json()) as { strategies: { status: string; performance: { daily_pnl_usd: number } }[] }).strategies;
  expect(list.some((s) => s.status === 'stopped')).toBe(true);
  expect(ofType(cockpit, 'strategies.stop.outcome')[0]!.data).toMatchObject({ verified: true });
  expect((await killswitchState(sim.url)).active).toBe(false);
});

test('at 90% of the loss limit the button is ARMED; at the limit the system fires by itself and the cockpit says so', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  const armed = page.getByText(/ARMED: loss limit 9\d% used/);
  await expect(page.getByRole('button', { name: 'Kill switch', exact: true })).toBeVisible();
  await expect(armed).toHaveCount(0);
  await sim.stage({ name: 'loss_limit_approach', target_pct: 95, over_s: 0 });
  await expect(armed).toBeVisible();
  const dialog = await openDialog(page);
  await expect(dialog.getByRole('radio', { name: 'Daily loss limit approaching' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Hold to activate' })).toBeEnabled();
  await shot(page, 'killswitch-armed');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(ofType(cockpit, 'killswitch.intent')).toHaveLength(0);

  await sim.stage({ name: 'loss_limit_approach', target_pct: 110, over_s: 0 });
  const banner = page.getByRole('alert', { name: 'Killswitch active' });
  await expect(banner).toContainText('The system fired the killswitch by itself (loss limit)');
  await expect(banner).toContainText('Tell management now');
  await expect(page.getByRole('region', { name: 'Incidents' })).toContainText('Automatic killswitch fired');
  await shot(page, 'killswitch-auto-banner');
  expect(await killswitchState(sim.url)).toMatchObject({ active: true, source: 'auto_loss_limit' });
});
