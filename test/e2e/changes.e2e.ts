/**
 * Change records end to end in the browser host: one recorded through the
 * form with the window warnings it earns, listed, shown in the header while
 * its window runs, in the handoff note as scheduled maintenance, on the
 * audit log, and still there after a restart of the backend; an emergency
 * change's 24 h write-up clock and its marks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openCockpit, test } from './fixtures.js';

const SHOTS = process.env.CHANGES_SHOTS; // a folder to keep screenshots in, when set
const HOUR = 3_600_000;

/** "2026-12-03T10:05", as a datetime-local field takes it, in `timeZone`. */
function localInput(at: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

async function zoneOf(page: Page): Promise<string> {
  const label = await page.getByRole('dialog', { name: 'Changes' }).getByText(/^Window start \(/).textContent();
  return /\((.+)\)/.exec(label ?? '')![1]!;
}

test('records a change through the form, warns why its window is not the preferred one, and shows it in flight in the header and the handoff', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const header = page.getByRole('status', { name: 'Changes' });
  await expect(header).not.toContainText('IN FLIGHT');
  await header.getByRole('button', { name: 'Changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Changes' });
  const form = dialog.getByRole('form', { name: 'New change record' });
  const zone = await zoneOf(page);
  const now = Date.now();

  await form.getByLabel('Ticket').fill('CHG-1042');
  await form.getByLabel('Kind').selectOption('normal');
  await form.getByLabel('Risk').selectOption('medium');
  await form.getByLabel('Summary').fill('Gateway 2.15 rollout');
  await form.getByLabel('Rollback plan').fill('Redeploy 2.14');
  await form.getByLabel(/^Approvals/).fill('Lee Chen');
  await form.getByLabel('Window start').fill(localInput(now - 5 * 60_000, zone));
  await form.getByLabel('Window end').fill(localInput(now + 2 * HOUR, zone));
  const check = form.getByRole('region', { name: 'Window check' });
  // Thursday is not Sunday 02:00-06:00 UTC, and the form says what the record still lacks.
  await expect(check).toContainText('Outside the preferred change window (Sunday 02:00-06:00 UTC (low trading volume)); the next one starts');
  await expect(check).toContainText('Still missing before it may start: test plan, communication.');
  await form.getByLabel('Test plan').fill('Soak on staging for an hour');
  await form.getByRole('checkbox', { name: /Communication done/ }).check();
  await expect(check).not.toContainText('Still missing');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/changes-form-1600.png` });
  await form.getByRole('button', { name: 'Record change' }).click();
  await expect(form.getByRole('status')).toHaveText('Recorded CR-1 (CHG-1042)');

  const list = dialog.getByRole('region', { name: 'Change records' });
  const item = list.getByRole('listitem', { name: 'CR-1 CHG-1042' });
  await expect(item).toContainText('IN FLIGHT CR-1 · CHG-1042 · normal · medium risk');
  await expect(item).toContainText('approved by Lee Chen · communicated');
  await expect(header).toContainText('CHANGE IN FLIGHT: CHG-1042 until');
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/changes-list-1600.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/changes-list-1280.png` });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/changes-header-1280.png` });

  await page.getByRole('button', { name: 'Handoff', exact: true }).click();
  const note = page.getByRole('dialog', { name: 'Handoff' }).getByLabel('Handoff note preview');
  await expect(note).toContainText('IN FLIGHT since');
  await expect(note).toContainText('CHG-1042, normal change, medium risk: Gateway 2.15 rollout');
  await page.getByRole('dialog', { name: 'Handoff' }).getByRole('button', { name: 'Close' }).click();

  expect(readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).toContain('"type":"change.recorded"');
  await cockpit.restart();
  await page.goto('about:blank');
  await openCockpit(page, cockpit);
  await expect(page.getByRole('status', { name: 'Changes' })).toContainText('CHANGE IN FLIGHT: CHG-1042');
});

test('an emergency change counts down to its ticket write-up and keeps its review open until held', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await page.getByRole('status', { name: 'Changes' }).getByRole('button', { name: 'Changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Changes' });
  const form = dialog.getByRole('form', { name: 'New change record' });
  const zone = await zoneOf(page);
  const now = Date.now();
  await form.getByLabel('Kind').selectOption('emergency');
  await form.getByLabel('Summary').fill('Hotfix the order router');
  await form.getByLabel('Test plan').fill('Replay the stuck orders');
  await form.getByLabel('Rollback plan').fill('Revert the hotfix');
  await form.getByLabel(/^Approvals/).fill('Sam Ortiz (verbal)');
  await form.getByRole('checkbox', { name: /Communication done/ }).check();
  await form.getByLabel('Window start').fill(localInput(now + HOUR, zone));
  await form.getByLabel('Window end').fill(localInput(now + 2 * HOUR, zone));
  // An emergency change runs when it must: no preferred-window warning, no missing ticket.
  await expect(form.getByRole('region', { name: 'Window check' })).not.toContainText('Outside the preferred change window');
  await expect(form.getByRole('region', { name: 'Window check' })).not.toContainText('Still missing');
  await form.getByRole('button', { name: 'Record change' }).click();
  await expect(form.getByRole('status')).toHaveText('Recorded CR-1');

  const item = dialog.getByRole('region', { name: 'Change records' }).getByRole('listitem', { name: 'CR-1 no ticket' });
  await expect(item).toContainText('Document the emergency change in its ticket: due');
  await expect(item).toContainText(/in 2[34] h/);
  await expect(item).toContainText('Hold the post-incident review: open');
  await item.getByRole('button', { name: 'Written up in the ticket' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('name the ticket the change was written up in');
  await item.getByLabel('Ticket').fill('CHG-1043');
  await item.getByRole('button', { name: 'Written up in the ticket' }).click();
  const written = dialog.getByRole('listitem', { name: 'CR-1 CHG-1043' });
  await expect(written).not.toContainText('Document the emergency change');
  await written.getByRole('button', { name: 'Review held' }).click();
  await expect(written).not.toContainText('post-incident review');
  const audit = readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('"type":"change.documented"');
  expect(audit).toContain('"type":"change.reviewed"');
});
