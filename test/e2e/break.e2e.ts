/**
 * A break during a long incident in the browser host: an incident the
 * engineer acknowledged, open over 2 hours on the page's clock (Playwright
 * moves it), offers a break with who covers; the break is recorded on the
 * audit log, shown with who covers, and ended with "I am back".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openCockpit, test } from './fixtures.js';

const SHOTS = process.env.BREAK_SHOTS; // a folder to keep screenshots in, when set

test('an incident open over 2 hours offers a break with the secondary covering, recorded, then ended', async ({ page, cockpit }) => {
  await page.clock.install();
  await openCockpit(page, cockpit);
  await page.getByRole('button', { name: 'Open incident', exact: true }).click();
  await page.getByLabel(/^Title/).fill('Orders stuck pending on okx');
  await page.getByLabel('Severity of the new incident').selectOption('SEV2');
  await page.getByRole('button', { name: 'Open incident now' }).click();
  const item = page.getByRole('region', { name: 'Selected incident' });
  await item.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(item).toContainText(/Acknowledged/);
  await expect(page.getByRole('region', { name: 'Break offer' })).toHaveCount(0);

  // Two hours on, on the page's clock.
  await page.clock.fastForward('02:01:00');
  const offer = page.getByRole('region', { name: 'Break offer' });
  await expect(offer).toContainText(/INC-1 open 2 h/);
  await offer.getByLabel('Covered by').fill('bob');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/break-offer-1600.png` });
  await offer.getByRole('button', { name: 'Start break' }).click();
  const banner = page.getByRole('alert', { name: 'Break over' }).or(page.getByRole('status', { name: 'Break' }));
  await expect(banner).toContainText('bob');
  await expect.poll(() => readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).toContain('"type":"shift.break_started"');
  if (SHOTS) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/break-on-1280.png` });
  }
  await banner.getByRole('button', { name: 'I am back' }).click();
  await expect(banner).toHaveCount(0);
  await expect(offer).toHaveCount(0);
  expect(readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).toContain('"type":"shift.break_ended"');
});
