/**
 * A bounded soak: the cockpit's backend (in this process) and its page (in
 * Debian's Chromium) watch the simulator at the default book with every
 * poll interval divided by SOAK_SPEED (default 10: books every 100 ms, the
 * fast lane every 25 ms), so a real minute holds ten minutes of polls. An
 * exchange goes down for SOAK_DOWN_S seconds (5) every SOAK_FLAP_S (70):
 * longer than the rule's 60 s clear window, so each flap can clear and
 * come back, and the incident's timeline grows meanwhile. The figures say
 * how many did: at 10x the status endpoint, polled every 25 ms, is judged
 * stale after 50 ms, any slow answer on a loaded machine makes it so, and
 * an unseen reading restarts the clear window (core/alerts/evaluate.ts),
 * so few flaps clear there; at SOAK_SPEED=1 they do.
 *
 * Every SOAK_SAMPLE_S seconds the backend's heap (after a full GC) and the
 * page's JS heap (after a GC through the DevTools protocol) are sampled;
 * the figures are the least-squares slope of each against simulated hours
 * (goal: flat within noise, at most 5 MB per simulated hour each), the
 * bytes of the incident deltas sent, and the page's DOM node count at the
 * start and end. SOAK_MINUTES (default 3) bounds the run: the 12
 * simulated hours is SOAK_MINUTES=72.
 *
 *   SOAK_MINUTES=5 npm run bench -- soak
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { IncidentsDelta } from '../src/contract/incidents.js';
import { createBackend, type Backend } from '../src/host/backend.js';
import { startBrowserServer, type BrowserServer } from '../src/host/browser/server.js';
import { createMemorySettingsStore } from '../src/services/settings.js';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs, type Started } from '../test/harness/process.js';
import type { BenchFigure } from './figure.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Least-squares slope of y against x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? NaN : sxy / sxx;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchSoak(): Promise<BenchFigure[]> {
  const minutes = num('SOAK_MINUTES', 3);
  const speed = num('SOAK_SPEED', 10);
  const sampleMs = num('SOAK_SAMPLE_S', 10) * 1000;
  const flapMs = num('SOAK_FLAP_S', 70) * 1000;
  const downMs = Math.min(num('SOAK_DOWN_S', 5) * 1000, flapMs / 2);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-soak-'));
  let sim: Started | null = null;
  let backend: Backend | null = null;
  let server: BrowserServer | null = null;
  let browser: Browser | null = null;
  try {
    sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '5'], /(http:\/\/127\.0\.0\.1:\d+)/);
    const simUrl = sim.match[1]!;
    backend = await createBackend({
      apiUrl: simUrl,
      dataDir,
      hostKind: 'browser',
      settings: createMemorySettingsStore(),
      pollMs: 1000 / speed,
      fastPollMs: 250 / speed,
    });
    let incidentBytes = 0;
    let incidentMessages = 0;
    let incidentMaxBytes = 0;
    let liveBytes = 0;
    // Each flap is meant to clear and come back on the incident's timeline: counted, so a run that never clears says so.
    const flapEntries = new Set<string>();
    backend.subscribe((name, payload) => {
      if (name === 'live.update') liveBytes += JSON.stringify(payload).length;
      if (name !== 'incidents.changed') return;
      for (const incident of (payload as IncidentsDelta).changed) {
        for (const e of incident.timeline) if (e.kind === 'cleared' || e.kind === 'returned') flapEntries.add(`${incident.id}:${e.at}:${e.kind}`);
      }
      const bytes = JSON.stringify(payload).length;
      incidentBytes += bytes;
      incidentMessages++;
      incidentMaxBytes = Math.max(incidentMaxBytes, bytes);
    });
    server = await startBrowserServer({ backend, rendererDir: fileURLToPath(new URL('../dist/renderer/', import.meta.url)), port: 0 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(server.openUrl);
    await page.getByRole('region', { name: 'Exchanges' }).waitFor({ timeout: 60_000 });
    const domNodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
    const pageHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    const backendHeap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    await sleep(5_000);
    const nodesAtStart = await domNodes();
    const t0 = Date.now();
    const hours: number[] = [];
    const backendMb: number[] = [];
    const pageMb: number[] = [];
    const cpu0 = process.cpuUsage();
    let nextFlap = t0;
    let nextSample = t0;
    let down = false;
    let flaps = 0;
    const end = t0 + minutes * 60_000;
    while (Date.now() < end) {
      const now = Date.now();
      if (now >= nextFlap) {
        const res = await fetch(`${simUrl}/sim/v1/scenario`, {
          method: down ? 'DELETE' : 'POST',
          headers: { 'content-type': 'application/json' },
          ...(down ? {} : { body: JSON.stringify({ name: 'exchange_disconnect', exchange: 'kraken' }) }),
        });
        if (!res.ok) throw new Error(`the simulator refused a flap: ${res.status}`);
        if (!down) flaps++;
        down = !down;
        nextFlap = now + (down ? downMs : flapMs - downMs);
      }
      if (now >= nextSample) {
        hours.push(((now - t0) * speed) / 3_600_000);
        backendMb.push(backendHeap() / 1024 / 1024);
        pageMb.push((await pageHeap()) / 1024 / 1024);
        nextSample = now + sampleMs;
      }
      await sleep(Math.max(0, Math.min(nextSample, end, nextFlap) - Date.now()));
    }
    const cpu = process.cpuUsage(cpu0);
    const realMs = Date.now() - t0;
    const nodesAtEnd = await domNodes();
    const simulated = (realMs * speed) / 3_600_000;
    const count = (kind: string) => [...flapEntries].filter((k) => k.endsWith(`:${kind}`)).length;
    return [
      { name: `soak: simulated hours at ${speed}x (${hours.length} samples, ${minutes} min)`, value: simulated, unit: 'h' },
      { name: 'soak: backend heap growth per simulated hour', value: slope(hours, backendMb), unit: 'MB/h', goal: { max: 5 } },
      { name: 'soak: page heap growth per simulated hour', value: slope(hours, pageMb), unit: 'MB/h', goal: { max: 5 } },
      { name: 'soak: backend heap at the end', value: backendMb.at(-1)!, unit: 'MB' },
      { name: 'soak: page heap at the end', value: pageMb.at(-1)!, unit: 'MB' },
      { name: `soak: backend + poller CPU at ${speed}x polling (share of a core)`, value: ((cpu.user + cpu.system) / 1000 / realMs) * 100, unit: '%' },
      { name: 'soak: live deltas sent per simulated second', value: liveBytes / 1024 / (simulated * 3600), unit: 'kB' },
      { name: `soak: flaps staged (${flaps}) that cleared and came back on the timeline`, value: Math.min(count('cleared'), count('returned')), unit: 'flaps' },
      { name: `soak: incident deltas sent (${incidentMessages}), mean`, value: incidentMessages ? incidentBytes / incidentMessages / 1024 : 0, unit: 'kB' },
      { name: 'soak: incident deltas sent, largest', value: incidentMaxBytes / 1024, unit: 'kB' },
      { name: 'soak: page DOM nodes at the start', value: nodesAtStart, unit: 'nodes' },
      { name: 'soak: page DOM nodes at the end', value: nodesAtEnd, unit: 'nodes' },
    ];
  } finally {
    await browser?.close();
    await server?.close();
    await backend?.close();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
