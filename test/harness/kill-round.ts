/**
 * One round of a crash test: run a worker script that prints a line per
 * acknowledged action, SIGKILL it once it has printed enough of them (plus a
 * random pause, so the kill lands anywhere in the next action), and hand
 * back everything it printed before dying.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { seededRandom, type Random } from '../../src/sim/prng.js';
import { ROOT } from './process.js';

export interface KillRound {
  /** Everything the worker wrote to stdout; every acknowledged line is in it. */
  out: string;
  err: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface KillRoundOptions {
  /** How many acknowledgements the worker has printed so far, from its output. */
  acknowledged(out: string): number;
  killAfter: number;
  extraDelayMs: number;
  /** Kill regardless after this long, so a worker that hangs cannot hang the test, ms. */
  guardMs: number;
}

const running = new Set<ChildProcess>();

/** SIGKILLs any worker still running (for afterAll). */
export function killAllRounds(): void {
  for (const proc of running) proc.kill('SIGKILL');
}

export function runAndKill(script: string, args: string[], opts: KillRoundOptions): Promise<KillRound> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(proc);
    let out = '';
    let err = '';
    let killing = false;
    const guard = setTimeout(() => proc.kill('SIGKILL'), opts.guardMs);
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (killing || opts.acknowledged(out) < opts.killAfter) return;
      killing = true;
      setTimeout(() => proc.kill('SIGKILL'), opts.extraDelayMs);
    });
    // 'close' comes after the process is gone and its pipes are drained:
    // every line it printed before dying has been read by then.
    proc.once('close', (code, signal) => {
      clearTimeout(guard);
      running.delete(proc);
      done({ out, err, code, signal });
    });
  });
}

/**
 * The random source of a crash suite: seeded from `CRASH_SEED` when set (to
 * replay a failure), otherwise from the clock, and printed either way, so
 * every failing run names the seed that reproduces it.
 */
export function crashRandom(suite: string, env: NodeJS.ProcessEnv = process.env): { seed: number; random: Random } {
  const given = env.CRASH_SEED === undefined || env.CRASH_SEED === '' ? undefined : Number(env.CRASH_SEED);
  if (given !== undefined && !Number.isInteger(given)) throw new Error(`CRASH_SEED must be an integer, got ${env.CRASH_SEED}`);
  const seed = given ?? (Date.now() ^ (process.pid << 16)) >>> 0;
  console.log(`${suite}: seed ${seed} (replay with CRASH_SEED=${seed})`);
  return { seed, random: seededRandom(seed) };
}
