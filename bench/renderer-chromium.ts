/**
 * What a poll costs the page, measured in Debian's Chromium against the
 * browser host watching a simulator at 1,000 strategies / 10,000 positions:
 * from the host's message reaching the store to the end of React's commit
 * (`data-update-ms`, written by view/UpdateProbe.tsx), and the risk chart's
 * update (`data-chart-update-ms`). Goal (issue: foundation): under 8 ms per
 * update at 10,000 positions.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs } from '../test/harness/process.js';
import { percentiles, type BenchFigure } from './figure.js';

const SAMPLES = 30;
const SAMPLE_TIMEOUT_MS = 90_000;

export async function benchRendererInChromium(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--strategies', '1000', '--positions', '10000'], /(http:\/\/127\.0\.0\.1:\d+)/);
  const host = await startTs(
    'src/host/web.ts',
    ['--api', sim.match[1]!, '--port', '0', '--data-dir', dataDir],
    /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.match[1]!);
    const updates: number[] = [];
    const charts: number[] = [];
    const started = Date.now();
    let previous = '';
    while (updates.length < SAMPLES && Date.now() - started < SAMPLE_TIMEOUT_MS) {
      const seen = await page.evaluate(() => {
        const update = document.querySelector<HTMLElement>('[data-update-ms]')?.dataset.updateMs ?? null;
        const chart = document.querySelector<HTMLElement>('[data-chart-update-ms]')?.dataset.chartUpdateMs ?? null;
        const rows = document.querySelector('[aria-label="Open positions"]')?.getAttribute('aria-rowcount') ?? null;
        return { update, chart, rows };
      });
      const key = `${seen.update}|${seen.chart}`;
      if (seen.update && seen.rows === '10001' && key !== previous) {
        previous = key;
        updates.push(Number(seen.update));
        if (seen.chart) charts.push(Number(seen.chart));
      }
      await page.waitForTimeout(150);
    }
    if (updates.length < SAMPLES / 2) throw new Error(`only ${updates.length} renderer updates seen at 10,000 positions`);
    const u = percentiles(updates);
    const c = percentiles(charts);
    return [
      { name: 'renderer update per poll at 10,000 positions in Chromium, p50', value: u.p50, unit: 'ms' },
      { name: 'renderer update per poll at 10,000 positions in Chromium, p95', value: u.p95, unit: 'ms', goal: { max: 8 } },
      { name: 'risk chart update in Chromium, p95', value: c.p95, unit: 'ms', goal: { max: 20 } },
    ];
  } finally {
    await browser.close();
    await host.stop();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
