/**
 * What a poll costs the page, measured in Debian's Chromium against the
 * browser host watching a simulator at 1,000 strategies / 10,000 positions:
 * from a host message reaching the store to the end of React's commit
 * (`data-update-ms`, written by view/UpdateProbe.tsx), and the risk chart's
 * update (`data-chart-update-ms`). Every update is recorded (see
 * renderer-page-probe.ts), after a warm-up so the first renders of a cold
 * page do not count. The host sends one message per endpoint per poll; the
 * positions message, where every one of the 10,000 rows has moved, is also
 * reported on its own. Goal (issue: foundation): under 8 ms per update at
 * 10,000 positions.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs, type Started } from '../test/harness/process.js';
import { percentiles, type BenchFigure } from './figure.js';
import { pageFigureMark, POSITIONS_MESSAGE_KB, readPageFigures, recordPageFigures } from './renderer-page-probe.js';

/** Page loaded and the first polls rendered before counting, ms. */
const WARM_UP_MS = 3_000;
/** About 20 polls at the default 1 s, five messages each. */
const MEASURE_MS = 20_000;
const LOAD_TIMEOUT_MS = 60_000;

export async function benchRendererInChromium(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
  // Each started thing is stopped whatever fails after it, a host that will not start included.
  let sim: Started | null = null;
  let host: Started | null = null;
  let browser: Browser | null = null;
  try {
    sim = await startTs('src/sim/cli.ts', ['--port', '0', '--strategies', '1000', '--positions', '10000'], /(http:\/\/127\.0\.0\.1:\d+)/);
    host = await startTs(
      'src/host/web.ts',
      ['--api', sim.match[1]!, '--port', '0', '--data-dir', dataDir],
      /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
    );
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await recordPageFigures(page);
    await page.goto(host.match[1]!);
    await page.waitForSelector('[aria-label="Open positions"][aria-rowcount="10001"]', { timeout: LOAD_TIMEOUT_MS });
    await page.waitForTimeout(WARM_UP_MS);
    const mark = await pageFigureMark(page);
    await page.waitForTimeout(MEASURE_MS);
    const { updates, chartMs } = await readPageFigures(page, mark);
    const positions = updates.filter((u) => u.kb >= POSITIONS_MESSAGE_KB);
    if (positions.length < MEASURE_MS / 1000 / 2) throw new Error(`only ${positions.length} positions updates seen at 10,000 positions`);
    const all = percentiles(updates.map((u) => u.ms));
    const big = percentiles(positions.map((u) => u.ms));
    return [
      { name: `renderer update per host message at 10,000 positions in Chromium (${updates.length}), p50`, value: all.p50, unit: 'ms' },
      { name: 'renderer update per host message at 10,000 positions in Chromium, p95', value: all.p95, unit: 'ms', goal: { max: 8 } },
      { name: `renderer update for the positions message, all moved (${positions.length}), p50`, value: big.p50, unit: 'ms' },
      { name: 'renderer update for the positions message, all moved, p95', value: big.p95, unit: 'ms', goal: { max: 8 } },
      { name: 'risk chart update in Chromium, p95', value: percentiles(chartMs).p95, unit: 'ms', goal: { max: 20 } },
    ];
  } finally {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
