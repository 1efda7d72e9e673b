/**
 * The end of a shift in the browser host: with the handoff 20 minutes
 * away, the end-of-shift steps show in the Shift panel and each tick, the
 * handoff call included, goes on the audit log.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBundledHost, startTs } from '../harness/process.js';
import { expect, test } from './fixtures.js';

const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
const SHOTS = process.env.SHIFT_END_SHOTS; // a folder to keep screenshots in, when set

test('the end-of-shift steps show 30 minutes before the handoff and every tick is on the audit log', async ({ page, sim }) => {
  const handoff = new Date(Date.now() + 20 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-shift-end-'));
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({
      operatorName: 'ana', timeZone: 'UTC', handoffWeekday: handoff.getUTCDay(),
      handoffTime: `${String(handoff.getUTCHours()).padStart(2, '0')}:${String(handoff.getUTCMinutes()).padStart(2, '0')}`,
    }),
  );
  const host = await startBundledHost(['--api', sim.url, '--port', '0', '--data-dir', dataDir], HOST_READY);
  try {
    await page.goto(host.match[1]!);
    const list = page.getByRole('group', { name: 'End of shift' });
    await expect(list).toBeVisible();
    await expect(page.getByRole('alert', { name: 'Handoff reminder' })).toBeVisible();
    await expect(list.getByRole('checkbox')).toHaveCount(6);
    await expect(list).toContainText('PagerDuty is not set up here: use the PagerDuty app');
    await list.getByRole('checkbox', { name: 'Hold the handoff call with the incoming engineer' }).check();
    await expect(list).toContainText('1/6');
    await expect.poll(() => readFileSync(join(dataDir, 'audit.log'), 'utf8')).toContain('"type":"shift.ticked","actor":"ana"');
    expect(readFileSync(join(dataDir, 'audit.log'), 'utf8')).toContain('"itemId":"handoff-call"');
    if (SHOTS) {
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/shift-end-1600.png` });
      await page.setViewportSize({ width: 1280, height: 800 });
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/shift-end-1280.png` });
    }
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
