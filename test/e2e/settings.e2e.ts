/**
 * The Settings dialog end to end in the browser host: the operator name and
 * time zone changed, saved, still there after a reload and in the file the
 * host keeps, the incidents board acting under the new name; an invalid
 * poll interval refused beside its field with nothing saved; keys pressed
 * in the dialog never reach the page's shortcuts behind it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openCockpit, test } from './fixtures.js';

const SCREENSHOT = join('test-results', 'settings-dialog.png');

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('heading', { name: 'Settings' })).toBeFocused();
  await expect(dialog.getByLabel('Operator name')).toBeVisible();
  return dialog;
}

const savedFile = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;

test('changes the operator name and time zone, keeps them across a reload, and acts under the new name', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const board = page.getByRole('region', { name: 'Incidents' });
  await expect(board).toContainText('acting as');

  const dialog = await openSettings(page);
  await expect(dialog.getByText('applies at next start').first()).toBeVisible();
  await dialog.getByLabel('Operator name').fill('Ana Duty');
  await dialog.getByLabel('Time zone').fill('Asia/Tokyo');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status', { name: 'Save result' })).toHaveText('Saved 2 settings.');
  await page.screenshot({ path: SCREENSHOT });
  expect(savedFile(cockpit.dataDir)).toMatchObject({ operatorName: 'Ana Duty', timeZone: 'Asia/Tokyo' });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(board).toContainText('acting as Ana Duty');

  await page.reload();
  await expect(page.getByRole('region', { name: 'Exchanges' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Incidents' })).toContainText('acting as Ana Duty');
  await page.keyboard.press('Alt+Comma');
  const again = page.getByRole('dialog', { name: 'Settings' });
  await expect(again.getByLabel('Operator name')).toHaveValue('Ana Duty');
  await expect(again.getByLabel('Time zone')).toHaveValue('Asia/Tokyo');
});

test('refuses a 50 ms poll interval beside the field and saves nothing', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const before = savedFile(cockpit.dataDir);
  const dialog = await openSettings(page);
  const poll = dialog.getByLabel('Poll interval (ms)');
  await poll.fill('50');
  await dialog.getByLabel('Operator name').fill('Should Not Save');
  await dialog.getByRole('button', { name: 'Save' }).click();

  await expect(poll).toHaveAttribute('aria-invalid', 'true');
  const described = await poll.getAttribute('aria-describedby');
  const errorId = described?.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId).toBeTruthy();
  await expect(dialog.locator(`[id="${errorId}"]`)).toContainText('200');
  await expect(dialog.getByRole('status', { name: 'Save result' })).toContainText('Not saved');
  expect(savedFile(cockpit.dataDir)).toEqual(before);

  // Closing and opening again shows what the host holds, not the refused typing.
  await page.keyboard.press('Escape');
  const again = await openSettings(page);
  await expect(again.getByLabel('Poll interval (ms)')).toHaveValue('1000');
  await expect(again.getByLabel('Operator name')).toHaveValue('');
});

test('keys pressed in the dialog do not reach the shortcuts behind it', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await openSettings(page);
  // Focus is on the heading, not a field: outside the dialog "/" would open Docs.
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog', { name: 'Docs' })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
});
