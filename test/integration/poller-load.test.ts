/**
 * What polling costs the cockpit: the real client and poller poll the real
 * simulator, run as its own process (`src/sim/cli.ts`) so that only the
 * cockpit's side is counted in this process's CPU time.
 *
 * Budgets, per poll round (one answer from each of the five endpoints):
 * 50 ms at 1,000 strategies and 10,000 positions (5% of a core at 1 s
 * polling), 10 ms at the simulator's default book (1% of a core). Rounds
 * run at 250 ms here to gather enough of them in a few seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES } from '../../src/contract/hft.js';
import type { LiveSnapshot } from '../../src/contract/live.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient } from '../../src/services/hft/client.js';
import { createPoller } from '../../src/services/hft/poller.js';
import { startTs, type Started } from '../harness/process.js';

const BIG_BOOK_BUDGET_MS = 50;
const DEFAULT_BOOK_BUDGET_MS = 10;
const MEASURE_POLL_MS = 250;
const WARM_UP_MS = 1500;
const MEASURE_MS = 3000;

async function startSim(args: string[]): Promise<{ sim: Started; url: string }> {
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '11', ...args], /listening on (http:\/\/\S+)/);
  return { sim, url: sim.match[1]! };
}

/**
 * Polls `baseUrl` for MEASURE_MS after a warm-up and returns this process's
 * CPU time per poll round, ms. A round is counted per new positions answer,
 * the heaviest of the five.
 */
async function cpuPerRound(baseUrl: string, check: (snapshot: LiveSnapshot) => void): Promise<number> {
  const feed = createPoller({ client: createHftClient({ baseUrl }), clock: systemClock, pollMs: MEASURE_POLL_MS });
  let rounds = 0;
  let lastPositions: unknown = null;
  feed.subscribe((u) => {
    const data = u.endpoints.positions?.data;
    if (data && data !== lastPositions) {
      rounds++;
      lastPositions = data;
    }
  });
  try {
    feed.start();
    // Let the JIT and zod's compiled checks settle first.
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const roundsBefore = rounds;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    const measured = rounds - roundsBefore;

    const snapshot = feed.snapshot();
    for (const e of ENDPOINT_NAMES) {
      expect(snapshot.endpoints[e].consecutiveFailures, e).toBe(0);
      expect(snapshot.endpoints[e].data, e).not.toBeNull();
    }
    check(snapshot);
    // About MEASURE_MS / MEASURE_POLL_MS rounds; far fewer means rounds overran their interval.
    expect(measured).toBeGreaterThanOrEqual((MEASURE_MS / MEASURE_POLL_MS) * 0.6);
    const perRound = (cpu.user + cpu.system) / 1000 / measured;
    console.info(
      `poller CPU: ${measured} rounds in ${wallMs.toFixed(0)} ms, ${perRound.toFixed(1)} ms per round ` +
        `(${(perRound / 10).toFixed(2)}% of a core at 1 s polling)`,
    );
    return perRound;
  } finally {
    await feed.stop();
  }
}

describe('poller CPU at 1,000 strategies and 10,000 positions', () => {
  let sim: Started;
  let url = '';
  beforeAll(async () => {
    ({ sim, url } = await startSim(['--strategies', '1000', '--positions', '10000']));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it(`stays under ${BIG_BOOK_BUDGET_MS} ms per poll round`, async () => {
    const perRound = await cpuPerRound(url, (s) => {
      expect(s.endpoints.positions.data?.positions.length).toBe(10_000);
      expect(s.endpoints.strategies.data?.strategies.length).toBe(1_000);
    });
    expect(perRound).toBeLessThan(BIG_BOOK_BUDGET_MS);
  });
});

describe('poller CPU at the simulator default book', () => {
  let sim: Started;
  let url = '';
  beforeAll(async () => {
    ({ sim, url } = await startSim([]));
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it(`stays under ${DEFAULT_BOOK_BUDGET_MS} ms per poll round`, async () => {
    const perRound = await cpuPerRound(url, (s) => {
      expect(s.endpoints.positions.data?.positions.length).toBeGreaterThan(0);
    });
    expect(perRound).toBeLessThan(DEFAULT_BOOK_BUDGET_MS);
  });
});
