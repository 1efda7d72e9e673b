/**
 * How long from the end of the hold to "Trading halted, verified": fire()
 * against the simulator on loopback, with the real audit log and its
 * fsyncs, read-back included. Healthy: under 1.5 s. A killswitch endpoint
 * that takes 3 s or 8 s to answer (a loaded system): within a second of
 * its answer. Garbled 200 answers: under 1.5 s. An audit log whose every
 * fsync takes 2 s: the first POST still leaves within 50 ms of the press.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deskContactOf } from '../src/core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../src/core/playbook/default.js';
import { startSimulator } from '../src/sim/index.js';
import { openAuditLog } from '../src/services/audit-log.js';
import { systemClock } from '../src/services/clock.js';
import { createHftClient } from '../src/services/hft/client.js';
import { fireKillswitch } from '../src/services/killswitch/fire.js';
import { RecordingFiles } from '../test/support/recording-files.js';
import type { BenchFigure } from './figure.js';

/** Presses measured per book size: enough for a stable median on a shared two-core machine. */
const ROUNDS = 15;
/** The issue's goal, ms. */
const GOAL_MS = 1_500;

/** Presses against a slow or garbling killswitch endpoint: each costs seconds of real time. */
const FAULT_ROUNDS = { slow: 2, malformed: 5 } as const;

/** End of hold to verified, per press, against a simulator with `strategies` and `fault` on its killswitch endpoint. */
async function measure({ strategies, fault, rounds }: { strategies?: number; fault?: Record<string, unknown>; rounds: number }): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'killswitch-bench-'));
  const sim = await startSimulator({ port: 0, ...(strategies ? { strategies } : {}) });
  const audit = await openAuditLog(join(dir, 'audit.jsonl'));
  try {
    if (fault) {
      const drill = await fetch(`${sim.url}/sim/v1/scenario`, { method: 'POST', body: JSON.stringify({ ...fault, target: 'killswitch' }) });
      if (drill.status !== 200) throw new Error(`the simulator refused ${JSON.stringify(fault)}: HTTP ${drill.status}`);
    }
    const client = createHftClient({ baseUrl: sim.url });
    const desk = deskContactOf(DEFAULT_PLAYBOOK);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const outcome = await fireKillswitch({ client, audit, clock: systemClock, reason: `bench press ${i}`, idempotencyKey: crypto.randomUUID(), desk });
      const took = performance.now() - t0;
      if (!outcome.verified) throw new Error(`press ${i}${fault ? ` under ${String(fault.name)}` : ''} was not verified: ${outcome.seen.join('; ')}`);
      times.push(took);
      await (await fetch(`${sim.url}/sim/v1/reset-killswitch`, { method: 'POST' })).arrayBuffer();
    }
    return times;
  } finally {
    await audit.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The issue's goal for the first POST behind a slow disk, ms. */
const FIRST_POST_GOAL_MS = 50;
/** The slow disk: every fsync of the audit log takes this long, ms. */
const SLOW_FSYNC_MS = 2_000;
const SLOW_DISK_ROUNDS = 3;

/** From the press to the first killswitch POST leaving, with an audit log whose fsync takes 2 s. */
async function firstPostBehindSlowDisk(): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'killswitch-bench-'));
  const sim = await startSimulator({ port: 0 });
  const files = new RecordingFiles({ ms: SLOW_FSYNC_MS, wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
  const audit = await openAuditLog(join(dir, 'audit.log'), { files });
  try {
    let firstPostAt: number | null = null;
    const client = createHftClient({
      baseUrl: sim.url,
      fetch: (url, init) => {
        if (init.method === 'POST' && firstPostAt === null) firstPostAt = performance.now();
        return fetch(url, init);
      },
    });
    const desk = deskContactOf(DEFAULT_PLAYBOOK);
    const times: number[] = [];
    for (let i = 0; i < SLOW_DISK_ROUNDS; i++) {
      firstPostAt = null;
      const t0 = performance.now();
      const outcome = await fireKillswitch({ client, audit, clock: systemClock, reason: `bench press ${i}`, idempotencyKey: crypto.randomUUID(), desk });
      if (firstPostAt === null) throw new Error(`press ${i} sent nothing`);
      if (!outcome.verified) throw new Error(`press ${i} behind a slow disk was not verified: ${outcome.seen.join('; ')}`);
      times.push((firstPostAt as number) - t0);
      await (await fetch(`${sim.url}/sim/v1/reset-killswitch`, { method: 'POST' })).arrayBuffer();
    }
    return times;
  } finally {
    await audit.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function benchKillswitch(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const strategies of [24, 1_000]) {
    const sorted = (await measure({ strategies, rounds: ROUNDS })).sort((a, b) => a - b);
    const book = `${strategies.toLocaleString('en-US')} strategies`;
    figures.push(
      { name: `killswitch end of hold to verified, ${book}, p50`, value: at(sorted, 0.5), unit: 'ms', goal: { max: GOAL_MS } },
      { name: `killswitch end of hold to verified, ${book}, max`, value: sorted.at(-1)!, unit: 'ms', goal: { max: GOAL_MS } },
    );
  }
  for (const delay of [3_000, 8_000]) {
    const worst = Math.max(...(await measure({ fault: { name: 'slow', delay_ms: delay }, rounds: FAULT_ROUNDS.slow })));
    figures.push({ name: `killswitch end of hold to verified, endpoint answering after ${delay / 1_000} s, max`, value: worst, unit: 'ms', goal: { max: delay + 1_000 } });
  }
  const garbled = Math.max(...(await measure({ fault: { name: 'malformed_json' }, rounds: FAULT_ROUNDS.malformed })));
  figures.push({ name: 'killswitch end of hold to verified, garbled 200 answers, max', value: garbled, unit: 'ms', goal: { max: GOAL_MS } });
  const firstPost = Math.max(...(await firstPostBehindSlowDisk()));
  figures.push({ name: `killswitch press to first POST, audit fsync taking ${SLOW_FSYNC_MS / 1_000} s, max`, value: firstPost, unit: 'ms', goal: { max: FIRST_POST_GOAL_MS } });
  return figures;
}
