/**
 * Where a poll's time goes in the page: a CPU profile of the dashboard in
 * Debian's Chromium, following the browser host at 1,000 strategies / 10,000
 * positions, summed by function (self time). A tool for finding the cost
 * behind `data-update-ms`, not a figure with a goal:
 * `npx tsx bench/renderer-profile.ts [seconds] [top] [moving positions]`
 * (every position moves unless the third is given). Build the renderer
 * with `--minify false` first to read function names.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs, type Started } from '../test/harness/process.js';
import { pageFigureMark, readPageFigures, recordPageFigures } from './renderer-page-probe.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Sampling period of the profiler, µs: fine enough to see a 10 ms update in pieces. */
const SAMPLING_US = 200;

export function selfTimeByFunction(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const file = f.url.split('/').at(-1) ?? '';
    const name = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

async function main() {
  const seconds = Number(process.argv[2] ?? 6);
  const top = Number(process.argv[3] ?? 40);
  const moving = process.argv[4] === undefined ? [] : ['--moving-positions', process.argv[4]];
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-profile-'));
  // Each started thing is stopped whatever fails after it, a host that will not start included.
  let sim: Started | null = null;
  let host: Started | null = null;
  let browser: Browser | null = null;
  try {
    sim = await startTs('src/sim/cli.ts', ['--port', '0', '--strategies', '1000', '--positions', '10000', ...moving], /(http:\/\/127\.0\.0\.1:\d+)/);
    host = await startTs('src/host/web.ts', ['--api', sim.match[1]!, '--port', '0', '--data-dir', dataDir], /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await recordPageFigures(page);
    await page.goto(host.match[1]!);
    await page.waitForSelector('[aria-label="Open positions"][aria-rowcount="10001"]', { timeout: 60_000 });
    await page.waitForTimeout(2_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
    const mark = await pageFigureMark(page);
    await page.waitForTimeout(seconds * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const { updates } = await readPageFigures(page, mark);
    const totals = [...selfTimeByFunction(profile).entries()].sort((a, b) => b[1] - a[1]);
    const all = totals.reduce((s, [, ms]) => s + ms, 0);
    console.log('updates while profiling (host message size -> data-update-ms):');
    console.log(updates.map((u) => `${u.kb.toFixed(0)} kB ${u.ms.toFixed(1)} ms`).join(', '));
    console.log(`profiled ${(all / 1000).toFixed(1)} s; self time by function:`);
    for (const [name, ms] of totals.slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`);
  } finally {
    await browser?.close();
    await host?.stop();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
