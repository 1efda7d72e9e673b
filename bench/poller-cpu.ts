/**
 * What polling costs the cockpit: the real client and poller poll the real
 * simulator, run as its own process so that only the cockpit's side counts
 * in this process's CPU time. Goals (issue: foundation): under 1% of a core
 * at the default book, under 5% at 1,000 strategies / 10,000 positions, at
 * the default 1 s poll.
 */
import { systemClock } from '../src/services/clock.js';
import { createHftClient } from '../src/services/hft/client.js';
import { createPoller } from '../src/services/hft/poller.js';
import { startTs } from '../test/harness/process.js';
import type { BenchFigure } from './figure.js';

/** Rounds run faster than the default 1 s to gather enough of them; the cost is per round. */
const MEASURE_POLL_MS = 250;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 5_000;
const DEFAULT_POLL_MS = 1_000;

async function cpuPerRoundMs(simArgs: string[]): Promise<number> {
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '11', ...simArgs], /(http:\/\/127\.0\.0\.1:\d+)/);
  const feed = createPoller({ client: createHftClient({ baseUrl: sim.match[1]! }), clock: systemClock, pollMs: MEASURE_POLL_MS });
  let rounds = 0;
  let last: unknown = null;
  feed.subscribe((u) => {
    const data = u.endpoints.positions?.data;
    if (data && data !== last) {
      rounds++;
      last = data;
    }
  });
  try {
    feed.start();
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const before = rounds;
    const cpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const used = process.cpuUsage(cpu);
    const failures = Object.values(feed.snapshot().endpoints).filter((v) => v.consecutiveFailures > 0);
    if (failures.length > 0 || rounds === before) throw new Error('polling failed during the measurement');
    return (used.user + used.system) / 1000 / (rounds - before);
  } finally {
    await feed.stop();
    await sim.stop();
  }
}

export async function benchPollerCpu(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const [label, args, goalPct] of [
    ['default book', [], 1],
    ['1,000 strategies / 10,000 positions', ['--strategies', '1000', '--positions', '10000'], 5],
  ] as const) {
    const ms = await cpuPerRoundMs([...args]);
    figures.push({ name: `client+poller CPU per poll round, ${label}`, value: ms, unit: 'ms' });
    figures.push({
      name: `client+poller share of a core at 1 s polling, ${label}`,
      value: (ms / DEFAULT_POLL_MS) * 100,
      unit: '%',
      goal: { max: goalPct },
    });
  }
  return figures;
}
