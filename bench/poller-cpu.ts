/**
 * What polling costs the cockpit: the real client and poller poll the real
 * simulator, run as its own process so that only the cockpit's side counts
 * in this process's CPU time. Goals (issue: foundation): under 1% of a core
 * at the default book, under 5% at 1,000 strategies / 10,000 positions, at
 * the default 1 s poll.
 *
 * The host's whole share of a poll also serialises every update for the
 * renderer link: as whole views (the link before deltas) or as numbered
 * deltas (src/host/live-link.ts, what it sends now). Both are measured on
 * the same simulator, so the difference is the deltas' own. The simulator
 * marks every position to market on every tick, so here every row moves.
 */
import { systemClock } from '../src/services/clock.js';
import { createHftClient } from '../src/services/hft/client.js';
import { createPoller } from '../src/services/hft/poller.js';
import { createLiveLinkSender } from '../src/host/live-link.js';
import { startTs } from '../test/harness/process.js';
import type { BenchFigure } from './figure.js';

/** Rounds run faster than the default 1 s to gather enough of them; the cost is per round. */
const MEASURE_POLL_MS = 250;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 5_000;
const DEFAULT_POLL_MS = 1_000;

type LinkMode = 'none' | 'whole' | 'deltas';

async function cpuPerRoundMs(simArgs: string[], mode: LinkMode = 'none'): Promise<{ ms: number; kbPerRound: number }> {
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '11', ...simArgs], /(http:\/\/127\.0\.0\.1:\d+)/);
  const feed = createPoller({ client: createHftClient({ baseUrl: sim.match[1]! }), clock: systemClock, pollMs: MEASURE_POLL_MS });
  let rounds = 0;
  let last: unknown = null;
  let bytes = 0;
  const sender = createLiveLinkSender();
  feed.subscribe((u) => {
    if (mode === 'whole') bytes += JSON.stringify({ type: 'event', name: 'live.update', payload: u }).length;
    if (mode === 'deltas') bytes += JSON.stringify({ type: 'event', name: 'live.update', payload: sender.encode(u) }).length;
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
    const bytesBefore = bytes;
    const cpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const used = process.cpuUsage(cpu);
    const failures = Object.values(feed.snapshot().endpoints).filter((v) => v.consecutiveFailures > 0);
    if (failures.length > 0 || rounds === before) throw new Error('polling failed during the measurement');
    return { ms: (used.user + used.system) / 1000 / (rounds - before), kbPerRound: (bytes - bytesBefore) / 1024 / (rounds - before) };
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
    const { ms } = await cpuPerRoundMs([...args]);
    figures.push({ name: `client+poller CPU per poll round, ${label}`, value: ms, unit: 'ms' });
    figures.push({
      name: `client+poller share of a core at 1 s polling, ${label}`,
      value: (ms / DEFAULT_POLL_MS) * 100,
      unit: '%',
      goal: { max: goalPct },
    });
  }
  for (const [label, args, goalPct] of [
    ['default book', [], 0.5],
    ['1,000 strategies / 10,000 positions', ['--strategies', '1000', '--positions', '10000'], 2.5],
  ] as const) {
    const whole = await cpuPerRoundMs([...args], 'whole');
    const deltas = await cpuPerRoundMs([...args], 'deltas');
    figures.push({ name: `host CPU per books round + link as whole views, ${label}`, value: whole.ms, unit: 'ms' });
    figures.push({ name: `host CPU per books round + link as deltas, ${label}`, value: deltas.ms, unit: 'ms' });
    figures.push({ name: `host share of a core at 1 s, link as deltas, ${label}`, value: (deltas.ms / DEFAULT_POLL_MS) * 100, unit: '%', goal: { max: goalPct } });
    figures.push({ name: `link kB per books round (all rows moving), whole views, ${label}`, value: whole.kbPerRound, unit: 'kB' });
    figures.push({ name: `link kB per books round (all rows moving), deltas, ${label}`, value: deltas.kbPerRound, unit: 'kB' });
  }
  return figures;
}
