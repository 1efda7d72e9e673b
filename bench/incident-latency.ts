/**
 * Time from a fault staged on the trading system to its incident on the
 * engineer's screen at the default settings (exchanges are on the 250 ms
 * fast lane, src/core/lanes.ts): the simulator and the browser host as their
 * own processes, the page in Debian's Chromium. Goal: p95 under 0.5 s.
 *
 * Each round stages an exchange disconnect, times it until the incident's
 * list item is in the page's DOM (a MutationObserver in the page stamps the
 * wall clock at React's commit; the frame that paints it follows within
 * about 16 ms), then clears the fault, waits for the incident to say its
 * condition cleared and resolves it through the UI, so the next round raises
 * a fresh incident. Runnable alone: `npx tsx bench/incident-latency.ts`.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SETTINGS } from '../src/contract/app.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/default.js';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs } from '../test/harness/process.js';
import { formatFigure, percentiles, type BenchFigure } from './figure.js';

const ROUNDS = 20;
/** A round that has not shown its incident by then has failed, ms. */
const ROUND_TIMEOUT_MS = 15_000;
/** The incident's subject as it appears in its title. */
const SUBJECT = 'Exchange disconnected: kraken';
/** The condition counts as clear after this long, s: short, so a round takes seconds, not the default minute. */
const CLEAR_AFTER_S = 1;
/** The interval status is polled at by default, ms (DEFAULT_SETTINGS.fastPollMs). */
const POLL_MS = DEFAULT_SETTINGS.fastPollMs;

async function simControl(url: string, method: 'POST' | 'DELETE', body?: unknown) {
  const res = await fetch(`${url}/sim/v1/scenario`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator refused ${method} scenario: ${res.status}`);
}

/**
 * Arms an observer in the page that resolves with the wall clock when an open
 * incident names `subject`. Sent as source text: tsx's transform names inner
 * functions with a `__name` helper that does not exist inside the page.
 */
async function armAppearance(page: Page, subject: string): Promise<void> {
  await page.evaluate(`(() => {
    const subject = ${JSON.stringify(subject)};
    const shown = function () {
      return [...document.querySelectorAll('ul[aria-label="Open incidents"] > li')].some((li) => li.textContent.includes(subject));
    };
    window.incidentSeenAt = new Promise((resolve) => {
      if (shown()) return resolve(Date.now());
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  })()`);
}

async function incidentSeenAt(page: Page): Promise<number> {
  return page.evaluate<number>(`Promise.race([
    window.incidentSeenAt,
    new Promise((_, reject) => setTimeout(() => reject(new Error('incident did not appear')), ${ROUND_TIMEOUT_MS})),
  ])`);
}

export async function benchIncidentLatency(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'));
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '7'], /(http:\/\/127\.0\.0\.1:\d+)/);
  const simUrl = sim.match[1]!;
  const host = await startTs(
    'src/host/web.ts',
    ['--api', simUrl, '--port', '0', '--data-dir', dataDir],
    /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/,
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.match[1]!);
    await page.getByRole('region', { name: 'Exchanges' }).waitFor();
    const quick = { ...DEFAULT_PLAYBOOK, version: DEFAULT_PLAYBOOK.version + 1, alerting: { clearAfterSeconds: CLEAR_AFTER_S } };
    await page.getByLabel('Import playbook').setInputFiles({
      name: 'bench-playbook.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(quick)),
    });
    await page.getByText(`v${quick.version}`).first().waitFor();

    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Each round ends on a poll (the one that saw the clear); a random pause spreads the
      // next fault over the poll cycle, or every round would land at the same phase of it.
      await page.waitForTimeout(Math.random() * POLL_MS);
      await armAppearance(page, SUBJECT);
      const stagedAt = Date.now();
      await simControl(simUrl, 'POST', { name: 'exchange_disconnect', exchange: 'kraken' });
      latencies.push((await incidentSeenAt(page)) - stagedAt);

      const item = page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: SUBJECT });
      await simControl(simUrl, 'DELETE');
      await item.getByRole('status').filter({ hasText: 'CONDITION CLEARED' }).waitFor({ timeout: ROUND_TIMEOUT_MS });
      await item.getByRole('button', { name: 'Resolve', exact: true }).click();
      await item.getByLabel(/Resolution note/).fill(`Benchmark round ${round + 1}: reconnected.`);
      await item.getByRole('button', { name: 'Confirm resolve' }).click();
      await item.waitFor({ state: 'detached', timeout: ROUND_TIMEOUT_MS });
    }
    const p = percentiles(latencies);
    return [
      { name: `staged fault to incident on screen, default settings, p50 (${ROUNDS} rounds)`, value: p.p50, unit: 'ms' },
      { name: `staged fault to incident on screen, default settings, p95 (${ROUNDS} rounds)`, value: p.p95, unit: 'ms', goal: { max: 500 } },
      { name: 'staged fault to incident on screen, default settings, max', value: p.max, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await host.stop();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const figure of await benchIncidentLatency()) console.log(formatFigure(figure));
}
