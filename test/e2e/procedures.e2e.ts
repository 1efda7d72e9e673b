/**
 * The procedures end to end on the simulator: the loss limit approaching
 * pages Level 2 within 5 minutes and the 90% mark is heard at once; a note
 * does not move the update clock; the update lint names what the
 * procedures' bad example lacks and passes the good one; resolving records
 * the final update.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openCockpit, test } from './fixtures.js';

const RAISE_TIMEOUT_MS = 15_000;

const procedures = readFileSync(new URL('../../../shared/fixtures/oncall-procedures.txt', import.meta.url), 'utf8');
const quoted = (after: string) => {
  const start = procedures.indexOf('"', procedures.indexOf(after)) + 1;
  return procedures.slice(start, procedures.indexOf('"', start)).replace(/\s*\n\s*/g, ' ');
};

/** "04:59" or "1:02:03" as seconds; a breached clock fails the test. */
function clockSeconds(text: string): number {
  const m = text.match(/(?:(\d+):)?(\d{2}):(\d{2})/);
  if (!m || /BREACHED/.test(text)) throw new Error(`not a running clock: ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** The remaining time of one of the selected incident's clocks, by its label. */
const clockOf = (detail: Locator, label: string | RegExp) =>
  detail.locator('.due-item, .countdown').filter({ hasText: label }).first();

/** Desktop notices the page shows, recorded instead of shown. */
async function recordNotices(page: Page) {
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotices: string[] }).shownNotices = shown;
    class Recorded {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string) {
        shown.push(title);
      }
    }
    (window as unknown as { Notification: unknown }).Notification = Recorded;
  });
}
const notices = (page: Page) => page.evaluate(() => (window as unknown as { shownNotices: string[] }).shownNotices);

test('the loss limit approaching: Level 2 due within 5 minutes, and the 90% mark heard at once', async ({ page, cockpit, sim }) => {
  await recordNotices(page);
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'loss_limit_approach', target_pct: 92, over_s: 2 });
  const detail = page.getByRole('region', { name: 'Selected incident' });
  await expect(detail).toContainText('Daily loss limit approaching', { timeout: RAISE_TIMEOUT_MS });
  await expect(detail).toContainText('SEV1');

  const level2 = clockOf(detail, 'Escalate to Level 2');
  await expect(level2).toBeVisible();
  // Within 5 minutes of the start, which is the trading system's reading time: its clock may run a second ahead of ours.
  expect(clockSeconds(await level2.innerText())).toBeLessThanOrEqual(5 * 60 + 2);
  await expect(clockOf(detail, 'Be ready to kill')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  await expect.poll(() => notices(page), { timeout: RAISE_TIMEOUT_MS }).toContainEqual(expect.stringContaining('Be ready to kill'));
  // Heard once as due now, not again as overdue.
  await expect(detail.getByRole('table', { name: /Timeline/ })).not.toContainText('Overdue: Be ready to kill');
  await page.screenshot({ path: 'test-results/procedures-loss-limit.png' });
});

test('a note does not move the update clock; the lint flags the bad update and passes the good one; resolve records the final update', async ({ page, cockpit, sim }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  const detail = page.getByRole('region', { name: 'Selected incident' });
  await expect(detail).toContainText('Exchange disconnected: binance', { timeout: RAISE_TIMEOUT_MS });

  const update = clockOf(detail, 'Post a status update');
  const before = { left: clockSeconds(await update.innerText()), at: Date.now() };
  await page.locator('body').press('n');
  await detail.getByLabel(/^Note:/).fill('Binance API answers 503 from both regions; their status page is green.');
  await detail.getByRole('button', { name: 'Add note' }).click();
  await expect(detail.getByRole('table', { name: /Timeline/ })).toContainText('Binance API answers 503');
  const after = { left: clockSeconds(await update.innerText()), at: Date.now() };
  expect(Math.abs(before.left - after.left - (after.at - before.at) / 1000)).toBeLessThanOrEqual(2);

  await page.locator('body').press('u');
  const draft = detail.getByRole('textbox', { name: /^Status update/ });
  await draft.fill(quoted('Example Bad Update:'));
  const lacks = detail.getByRole('list', { name: 'What this update lacks' });
  await expect(lacks.getByRole('listitem')).toHaveCount(5);
  await expect(lacks).toContainText('Say the time');
  await expect(lacks).toContainText('next update');
  await draft.fill(quoted('Example Good Update:'));
  await expect(lacks).toHaveCount(0);
  await expect(detail.getByRole('status', { name: 'Update check' })).toBeVisible();
  await detail.getByRole('checkbox', { name: 'Slack #incident-response' }).check();
  await detail.getByRole('checkbox', { name: /Status page updated/ }).check();
  await page.screenshot({ path: 'test-results/procedures-update-form.png' });
  await detail.getByRole('button', { name: 'Post status update' }).click();
  await expect(detail.getByRole('table', { name: /Timeline/ })).toContainText('Other exchanges operating normally');
  // A status update did move the clock: the full 30 minutes again.
  await expect.poll(async () => clockSeconds(await update.innerText())).toBeGreaterThan(29 * 60);

  await page.locator('body').press('r');
  await detail.getByLabel(/Resolution note/).fill('Binance fixed their API gateway; we reconnected.');
  await detail.getByLabel(/^Final status update/).fill('04:10 UTC: Binance trading is back; strategies restarted. Other exchanges were not affected. This is the final update.');
  await detail.getByRole('checkbox', { name: 'Slack #incident-response' }).check();
  await detail.getByRole('button', { name: 'Confirm resolve' }).click();
  // binance is still disconnected on the simulator: the cockpit asks first.
  await detail.getByRole('button', { name: 'Resolve anyway' }).click();
  await page.getByRole('button', { name: /Resolved today/ }).click();
  const done = page.getByRole('list', { name: 'Resolved incidents' }).getByRole('listitem').filter({ hasText: 'binance' });
  await expect(done).toContainText('Final update (posted to incident-channel): 04:10 UTC: Binance trading is back');
});

test('flagging from the keyboard: security, then regulatory, each due now with Level 3', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  const detail = page.getByRole('region', { name: 'Selected incident' });
  await expect(detail).toContainText('Exchange disconnected: binance', { timeout: RAISE_TIMEOUT_MS });
  // A SEV2 outage: Level 3 two hours out, until a flag makes it due at once.
  const level3 = clockOf(detail, /Escalate to Level 3/);
  expect(clockSeconds(await level3.innerText())).toBeGreaterThan(110 * 60);
  await expect(clockOf(detail, 'Call the security team')).toHaveCount(0);

  await page.locator('body').press('f');
  const form = detail.getByRole('form', { name: /^Flag INC-/ });
  await expect(form.getByLabel('Mark as')).toHaveValue('security');
  await form.getByLabel('What was seen').fill('API key used from an unknown IP');
  await form.getByLabel('What was seen').press('Enter');
  await expect(detail.getByRole('table', { name: /Timeline/ })).toContainText('API key used from an unknown IP');
  await expect(clockOf(detail, 'Call the security team')).toContainText('due now');
  // Whom to call, from the playbook's directory, one tap away.
  await expect(clockOf(detail, 'Call the security team').getByRole('link', { name: '+1-555-0102' })).toHaveAttribute('href', 'tel:+15550102');
  await expect(clockOf(detail, 'Escalate to Level 3: security incident')).toContainText('due now');

  await page.locator('body').press('f');
  await expect(form.getByLabel('Mark as')).toHaveValue('regulatory');
  await form.getByLabel('What was seen').fill('Trade reporting to the regulator missed');
  await form.getByRole('button', { name: 'Mark it' }).click();
  await expect(clockOf(detail, 'Call legal/compliance')).toContainText('due now');
  await expect(clockOf(detail, 'Call legal/compliance').getByRole('link', { name: 'compliance@company.com' })).toHaveAttribute('href', 'mailto:compliance@company.com');
  await expect(detail.getByRole('button', { name: /Flag security\/regulatory/ })).toBeDisabled();
  for (const [width, height] of [[1280, 800], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `/tmp/h12-flags-${width}.png` });
  }
});

test("the weekly routine shows the incident trend: this week's incidents by scenario, stamped with when it was read", async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  const detail = page.getByRole('region', { name: 'Selected incident' });
  await expect(detail).toContainText('Exchange disconnected: binance', { timeout: RAISE_TIMEOUT_MS });

  const weekly = page.getByRole('region', { name: 'Shift' }).getByRole('group', { name: 'Weekly' });
  await weekly.getByRole('button', { name: 'Show the incident trend' }).click();
  const table = weekly.getByRole('table', { name: 'Incident trend' });
  await expect(table).toContainText(/Last 7 days against the 7 before, as of \d{2}:\d{2}/);
  await expect(table.getByRole('row', { name: /^Incidents / })).toHaveText(/Incidents\s*1\s*0\s*up 1/);
  await expect(table.getByRole('row', { name: /^Exchange disconnected / })).toHaveText(/Exchange disconnected\s*1\s*0\s*up 1/);
  await expect(table.getByRole('row', { name: /^False positives/ })).toHaveText(/0\s*0\s*same/);
  for (const [width, height] of [[1280, 800], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/h12-trend-${width}.png` });
  }
});
