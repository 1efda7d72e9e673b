/**
 * What polling costs the cockpit: the real client and poller poll the real
 * simulator, run as its own process so that only the cockpit's side counts
 * in this process's CPU time, every endpoint polled once a round. Goals at
 * 1 s polling: under 0.5% of a core at the default book and under 2.5% at
 * 1,000 strategies / 10,000 positions with 10% of positions moving per poll
 * (issue 18), under 5% with every row moving (the first goal, issue:
 * foundation).
 *
 * The host's whole share also serialises every update for the renderer
 * link: as whole views (the link before deltas) or as numbered deltas
 * (src/host/live-link.ts, what it sends now). Both are measured on the same
 * simulator, so the difference is the deltas' own. These run at the default
 * lanes (books every 1 s, health, status and risk every 250 ms) and count
 * CPU time per second of polling, so the fast lane's four polls a second
 * count as they do in use.
 *
 * How many rows move matters as much as how many there are. The simulator
 * marks every position to market on every tick unless told otherwise: the
 * "all rows moving" figures are that. The goal for the large book is
 * with 10% of positions moving per poll: the simulator re-marks 1,000
 * positions a second (`--moving-positions`), and every strategy still
 * moves every second.
 *
 * Each default-lanes configuration runs in a process of its own (this file
 * run with --lanes): in one process the heap and the code the earlier
 * configurations left behind swung the later ones' figures.
 */
import { systemClock } from '../src/services/clock.js';
import { createHftClient } from '../src/services/hft/client.js';
import { createPoller, DEFAULT_FAST_POLL_MS } from '../src/services/hft/poller.js';
import type { Positions } from '../src/contract/hft.js';
import { createLiveLinkSender } from '../src/host/live-link.js';
import { fileURLToPath } from 'node:url';
import { startTs } from '../test/harness/process.js';
import type { BenchFigure } from './figure.js';

/** Rounds run faster than the default 1 s to gather enough of them; the cost is per round. */
const MEASURE_POLL_MS = 250;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 5_000;
const DEFAULT_POLL_MS = 1_000;

type LinkMode = 'whole' | 'deltas';

/**
 * Polling at the default lanes, measured per second of polling, over a
 * window long enough to average what swings a short one: 6 s windows on one
 * commit read 3.6% to 8.1% at 10,000 positions with 10% moving.
 */
const LANES_MEASURE_MS = 15_000;
/** A fresh process first compiles what the poll runs: its first seconds are not what hours of polling cost. */
const LANES_WARM_UP_MS = 8_000;
const BIG_BOOK = ['--strategies', '1000', '--positions', '10000'];
const TEN_PCT_MOVING = [...BIG_BOOK, '--moving-positions', '1000'];

/** CPU ms per poll round with every endpoint polled at MEASURE_POLL_MS, one books answer a round. */
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

/** CPU ms per second of polling at the default lanes, and link kB per second, with the link serialised as `mode`. */
async function cpuPerSecondAtDefaultLanes(simArgs: string[], mode: LinkMode): Promise<{ ms: number; kbPerS: number; rowsPerRound: number }> {
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '11', ...simArgs], /(http:\/\/127\.0\.0\.1:\d+)/);
  const feed = createPoller({ client: createHftClient({ baseUrl: sim.match[1]! }), clock: systemClock, pollMs: DEFAULT_POLL_MS, fastPollMs: DEFAULT_FAST_POLL_MS });
  let bytes = 0;
  let booksRounds = 0;
  let movedRows = 0;
  let last: Positions['positions'] | null = null;
  const sender = createLiveLinkSender();
  feed.subscribe((u) => {
    if (mode === 'whole') bytes += JSON.stringify({ type: 'event', name: 'live.update', payload: u }).length;
    if (mode === 'deltas') bytes += JSON.stringify({ type: 'event', name: 'live.update', payload: sender.encode(u) }).length;
    const rows = u.endpoints.positions?.data?.positions;
    if (rows && rows !== last) {
      if (last !== null && last.length === rows.length) {
        booksRounds++;
        for (let i = 0; i < rows.length; i++) if (rows[i]!.mark_price !== last[i]!.mark_price) movedRows++;
      }
      last = rows;
    }
  });
  try {
    feed.start();
    await new Promise((r) => setTimeout(r, LANES_WARM_UP_MS));
    const bytesBefore = bytes;
    const roundsBefore = booksRounds;
    const movedBefore = movedRows;
    const t0 = performance.now();
    const cpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, LANES_MEASURE_MS));
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - t0) / 1000;
    const failures = Object.values(feed.snapshot().endpoints).filter((v) => v.consecutiveFailures > 0);
    const rounds = booksRounds - roundsBefore;
    if (failures.length > 0 || rounds === 0) throw new Error('polling failed during the measurement');
    return { ms: (used.user + used.system) / 1000 / seconds, kbPerS: (bytes - bytesBefore) / 1024 / seconds, rowsPerRound: (movedRows - movedBefore) / rounds };
  } finally {
    await feed.stop();
    await sim.stop();
  }
}

type LanesFigure = Awaited<ReturnType<typeof cpuPerSecondAtDefaultLanes>>;
const LANES_RESULT = /^lanes result (\{.*\})$/m;

/** One default-lanes measurement in a fresh process, so nothing measured before it weighs on it. */
async function inOwnProcess(simArgs: readonly string[], mode: LinkMode): Promise<LanesFigure> {
  const child = await startTs('bench/poller-cpu.ts', ['--lanes', mode, ...simArgs], LANES_RESULT, { timeoutMs: 3 * 60_000 });
  try {
    return JSON.parse(child.match[1]!) as LanesFigure;
  } finally {
    await child.stop();
  }
}

export async function benchPollerCpu(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const [label, args, goalPct] of [
    ['default book', [], 0.5],
    ['1,000 strategies / 10,000 positions, 10% of positions moving per poll', TEN_PCT_MOVING, 2.5],
    ['1,000 strategies / 10,000 positions, all rows moving', BIG_BOOK, 5],
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
  for (const [label, args, goalPct] of [
    ['default book, all rows moving', [], 0.5],
    ['1,000 strategies / 10,000 positions, 10% of positions moving per poll', TEN_PCT_MOVING, 2.5],
    ['1,000 strategies / 10,000 positions, all rows moving', BIG_BOOK, undefined],
  ] as const) {
    const whole = await inOwnProcess(args, 'whole');
    const deltas = await inOwnProcess(args, 'deltas');
    figures.push({ name: `positions moved per books poll, ${label}`, value: deltas.rowsPerRound, unit: 'rows' });
    figures.push({ name: `host share of a core at the default lanes, link as whole views, ${label}`, value: whole.ms / 10, unit: '%' });
    figures.push({
      name: `host share of a core at the default lanes, link as deltas, ${label}`,
      value: deltas.ms / 10,
      unit: '%',
      ...(goalPct === undefined ? {} : { goal: { max: goalPct } }),
    });
    figures.push({ name: `link kB per second, whole views, ${label}`, value: whole.kbPerS, unit: 'kB' });
    figures.push({ name: `link kB per second, deltas, ${label}`, value: deltas.kbPerS, unit: 'kB' });
  }
  return figures;
}

// `tsx bench/poller-cpu.ts --lanes <whole|deltas> [simulator args]`: one measurement, printed for inOwnProcess.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--lanes') {
  const mode = process.argv[3] as LinkMode;
  if (mode !== 'whole' && mode !== 'deltas') throw new Error(`--lanes takes whole or deltas, not ${mode}`);
  const figure = await cpuPerSecondAtDefaultLanes(process.argv.slice(4), mode);
  console.log(`lanes result ${JSON.stringify(figure)}`);
}
