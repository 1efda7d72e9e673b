/**
 * Start to live data, as the engineer starts the cockpit: `npm run web` on
 * the demo (its embedded simulator), from the command to the page showing
 * every panel of the live view fresh, in Debian's Chromium already running
 * (a browser is open before the cockpit starts). The renderer bundle is
 * current, as after the first start: the start builds it only when its
 * sources changed (scripts/build-renderer.mjs --if-changed). A fresh data
 * folder per round, so every round is a first start for the backend.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs build script, no declarations
import { rendererBuildIsCurrent } from '../scripts/bundle-sources.mjs';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { ROOT, startProgram, type Started } from '../test/harness/process.js';
import { percentiles, type BenchFigure } from './figure.js';

const ROUNDS = 5;
/** The goal, ms. */
const GOAL_MS = 2_000;
const READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
/** The live view's panels, each fresh. */
const LIVE_PANELS = ['System', 'Exchanges', 'Risk', 'Positions', 'Strategies'];

interface Round {
  ready: number;
  live: number;
}

async function oneStart(page: Page): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-startup-'));
  const t0 = performance.now();
  let web: Started | null = null;
  try {
    web = await startProgram('npm', ['run', 'web', '--silent', '--', '--port', '0', '--data-dir', dataDir], READY, { timeoutMs: 60_000, signalGroup: true });
    const ready = performance.now() - t0;
    await page.goto(web.match[1]!);
    for (const name of LIVE_PANELS) await page.locator(`section[aria-label="${name}"][data-state="fresh"]`).waitFor({ timeout: 60_000 });
    return { ready, live: performance.now() - t0 };
  } finally {
    await web?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchStartup(): Promise<BenchFigure[]> {
  if (!rendererBuildIsCurrent(ROOT)) throw new Error('the renderer bundle is not current: run `npm run build` first, so the start measured is not a build');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await oneStart(page));
    const ready = percentiles(rounds.map((r) => r.ready));
    const live = percentiles(rounds.map((r) => r.live));
    return [
      { name: `start: npm run web to its ready line, p50 (${ROUNDS} starts)`, value: ready.p50, unit: 'ms' },
      { name: 'start: npm run web to every live panel fresh in the page, p50', value: live.p50, unit: 'ms' },
      { name: 'start: npm run web to every live panel fresh in the page, max', value: live.max, unit: 'ms', goal: { max: GOAL_MS } },
    ];
  } finally {
    await browser.close();
  }
}
