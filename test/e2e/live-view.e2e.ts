import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBundledHost, startTs } from '../harness/process.js';
import { expect, openCockpit, test } from './fixtures.js';

const PANELS = ['Risk', 'Exchanges', 'System', 'Strategies', 'Positions'];

test('shows the live system: every panel fresh, twelve exchanges connected', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  for (const name of PANELS) {
    await expect(page.getByRole('region', { name }).locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh');
  }
  const exchanges = page.getByRole('region', { name: 'Exchanges' });
  await expect(exchanges.getByRole('row').filter({ hasText: /(?<!dis)connected/ })).toHaveCount(12);
  await expect(page.getByRole('status', { name: 'System health' })).toContainText('ok');
  await expect(page.getByRole('table', { name: 'Open positions' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Daily loss limit used' })).toBeVisible();
  // Not the demo: the cockpit watches the system named by --api.
  await expect(page.getByText(/DEMO/)).toHaveCount(0);
});

test('a staged exchange disconnect shows that exchange disconnected', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  const kraken = page.getByRole('region', { name: 'Exchanges' }).getByRole('row').filter({ hasText: 'kraken' });
  await expect(kraken).toContainText(/(?<!dis)connected/);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(kraken).toContainText('disconnected');
  const binance = page.getByRole('region', { name: 'Exchanges' }).getByRole('row').filter({ hasText: 'binance' });
  await expect(binance).not.toContainText('disconnected');
});

test('a crash turns the panels dead, and they recover when it clears', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  const freshness = (name: string) => page.getByRole('region', { name }).locator('[data-freshness]');
  await expect(freshness('Exchanges')).toHaveAttribute('data-freshness', 'fresh');
  await sim.stage({ name: 'crash' });
  for (const name of PANELS) await expect(freshness(name)).toHaveAttribute('data-freshness', 'dead');
  await expect(page.getByRole('status', { name: 'System health' })).not.toContainText(/\bok\b/);
  await sim.clear();
  for (const name of PANELS) await expect(freshness(name)).toHaveAttribute('data-freshness', 'fresh', { timeout: 20_000 });
});

test('a response that breaks the contract is not shown as live', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  const positions = page.getByRole('region', { name: 'Positions' });
  await expect(positions.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh');
  await sim.stage({ name: 'schema_drift', target: 'positions' });
  await expect(positions.locator('[data-freshness]')).not.toHaveAttribute('data-freshness', 'fresh');
  await expect(positions).toContainText(/invalid/i);
  await sim.clear();
  await expect(positions.locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh', { timeout: 20_000 });
});

test('without --api the cockpit runs its embedded simulator and says DEMO plainly', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-demo-'));
  const host = await startBundledHost(['--port', '0', '--data-dir', dataDir], /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
  try {
    await page.goto(host.match[1]!);
    await expect(page.getByText(/DEMO/).first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Exchanges' }).locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an open page reconnects by itself when the backend comes back', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const link = page.getByRole('status', { name: 'Host link' });
  await expect(link).toContainText('up');
  await cockpit.restart({ crash: true });
  // No reload: the page's own reconnect must find the new backend.
  await expect(link).toContainText('up', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Exchanges' }).locator('[data-freshness]')).toHaveAttribute('data-freshness', 'fresh', {
    timeout: 20_000,
  });
});

test('while the backend is gone the verdict says it is the last known one, and live again once it is back', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const verdict = page.getByRole('status', { name: 'Trading health' });
  await expect(verdict).toHaveText('● Trading normal');
  await cockpit.process.stop();
  await expect(page.getByRole('status', { name: 'Host link' })).toContainText('DOWN', { timeout: 20_000 });
  await expect(verdict).toHaveText('… Host link down, not live. Last known: Trading normal');
  await cockpit.restart();
  await expect(verdict).toHaveText('● Trading normal', { timeout: 20_000 });
});

test('while the backend is gone the kill switch ARMED note says its loss figure is the last known one', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'loss_limit_approach', target_pct: 92, over_s: 0 });
  const note = page.locator('#killswitch-note');
  await expect(note).toHaveText(/^ARMED: loss limit 9\d% used$/, { timeout: 15_000 });
  await cockpit.process.stop();
  await expect(note).toHaveText(/^ARMED: loss limit 9\d% used \(last known\)$/, { timeout: 20_000 });
  await cockpit.restart();
  await expect(note).toHaveText(/^ARMED: loss limit 9\d% used$/, { timeout: 20_000 });
});

/**
 * What of the lists' first rows sits past its panel's right edge, or runs
 * into the cell beside it (a text cell counts as far as its ellipsis shows
 * it; numbers are never cut, so one too wide for its column would touch the
 * next one and read as another number).
 */
function listsOutOfPlace(): string[] {
  const out: string[] = [];
  for (const table of document.querySelectorAll('.vtable')) {
    const name = table.getAttribute('aria-label');
    const edge = table.closest('section')!.getBoundingClientRect().right;
    for (const row of [...table.querySelectorAll('.vrow')].slice(0, 8)) {
      const cells = [...row.children] as HTMLElement[];
      const inks = cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const ink = range.getBoundingClientRect();
        const box = cell.getBoundingClientRect();
        const clipped = getComputedStyle(cell).overflowX !== 'visible';
        return { left: clipped ? Math.max(ink.left, box.left) : ink.left, right: clipped ? Math.min(ink.right, box.right) : ink.right, width: ink.width, boxRight: box.right };
      });
      inks.forEach((ink, i) => {
        const text = cells[i]!.textContent;
        if (Math.max(ink.right, ink.boxRight) > edge) out.push(`${name}: "${text}" past the panel's edge`);
        const before = inks[i - 1];
        if (before && ink.width > 0 && before.width > 0 && ink.left < before.right + 2) out.push(`${name}: "${cells[i - 1]!.textContent}" runs into "${text}"`);
      });
    }
  }
  return out;
}

test('at 1280×800 and 1600×1000 the Stop buttons of the strategies in view are inside their panel and no figure runs into the next, with and without an incident open', async ({ page, cockpit, sim }) => {
  for (const [width, height] of [[1280, 800], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await openCockpit(page, cockpit);
    const strategies = page.getByRole('table', { name: 'Strategies' });
    await expect(strategies.getByRole('button', { name: /^Stop / }).first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Open positions' }).getByRole('row').nth(3)).toBeVisible();
    expect(await page.evaluate(listsOutOfPlace), `${width} px, no incident`).toEqual([]);
  }
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(page.getByRole('region', { name: 'Incidents' })).toContainText('kraken');
  for (const [width, height] of [[1280, 800], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await expect(page.getByRole('table', { name: 'Strategies' }).getByRole('button', { name: /^Stop / }).first()).toBeAttached();
    expect(await page.evaluate(listsOutOfPlace), `${width} px, an incident open`).toEqual([]);
  }
});
