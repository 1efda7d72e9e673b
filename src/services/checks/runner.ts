/**
 * Runs the access checks: each under its own deadline, independent ones in
 * parallel up to a limit, a check only after the checks it depends on passed
 * (sudo after its host's SSH connect). Progress goes out as the core's
 * CheckEvents, so the host folds them into the report with applyCheckEvent.
 */
import { explainFailure } from '../../core/checks/explain.js';
import type { CheckDefinition, CheckOutcome } from '../../core/checks/model.js';
import type { CheckEvent } from '../../core/checks/progress.js';
import type { Clock } from '../clock.js';
import { systemTimers, type TimerHandle, type Timers } from '../hft/timers.js';
import { describeError } from './describe-error.js';

export interface CheckTask {
  definition: CheckDefinition;
  /** Runs the check; should stop promptly when `signal` aborts (the deadline passed). */
  run(signal: AbortSignal): Promise<CheckOutcome>;
}

export interface RunChecksOptions {
  clock: Clock;
  /** Each check's deadline; system timers unless a test drives time. */
  timers?: Timers;
  /** Checks in flight at once; SSH handshakes are the heavy ones. */
  concurrency?: number;
  onProgress?: (event: CheckEvent) => void;
  /** Cancels the whole run: checks in flight are aborted, the rest are skipped. */
  signal?: AbortSignal;
}

/** Four in flight: one SSH handshake per production host (two) plus the API and database. */
export const DEFAULT_CONCURRENCY = 4;

/** Used when a definition carries no deadline: no automated check may wait forever. */
const FALLBACK_TIMEOUT_MS = 30_000;

class DeadlineExceeded extends Error {}

/**
 * Runs every task once and resolves with each outcome by check id. A
 * dependency that is not among `tasks` counts as met: re-running one check
 * does not re-run what it depends on (the caller's report already says it
 * passed).
 */
export async function runChecks(tasks: readonly CheckTask[], options: RunChecksOptions): Promise<Map<string, CheckOutcome>> {
  const { clock, onProgress = () => {}, signal, timers = systemTimers } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const ids = new Set(tasks.map((t) => t.definition.id));
  const labels = new Map(tasks.map((t) => [t.definition.id, t.definition.label]));
  const outcomes = new Map<string, CheckOutcome>();
  const waiting = [...tasks];
  const inFlight = new Map<string, Promise<void>>();

  const settle = (id: string, outcome: CheckOutcome, durationMs: number) => {
    outcomes.set(id, outcome);
    onProgress({ type: 'finished', id, at: clock.now(), durationMs, outcome });
  };

  const start = (task: CheckTask) => {
    const { id } = task.definition;
    onProgress({ type: 'started', id, at: clock.now() });
    const began = clock.monotonic();
    const running = runOne(task, signal, timers).then((outcome) => {
      inFlight.delete(id);
      settle(id, outcome, Math.max(0, clock.monotonic() - began));
    });
    inFlight.set(id, running);
  };

  // Bounded: every pass either starts or settles at least one task, or ends.
  while (waiting.length > 0 || inFlight.size > 0) {
    for (let i = 0; i < waiting.length; ) {
      const task = waiting[i]!;
      const deps = task.definition.dependsOn.filter((d) => ids.has(d));
      const blocker = deps.find((d) => outcomes.has(d) && outcomes.get(d)!.state !== 'passed');
      if (signal?.aborted) {
        waiting.splice(i, 1);
        settle(task.definition.id, skipped('Cancelled before it ran'), 0);
      } else if (blocker !== undefined) {
        waiting.splice(i, 1);
        settle(task.definition.id, skipped(`Not run: "${labels.get(blocker)}" did not pass`), 0);
      } else if (deps.every((d) => outcomes.has(d)) && inFlight.size < concurrency) {
        waiting.splice(i, 1);
        start(task);
      } else {
        i += 1;
      }
    }
    if (inFlight.size === 0) {
      if (waiting.length === 0) break;
      // Only reachable with a dependency cycle: nothing can ever start.
      for (const task of waiting.splice(0)) settle(task.definition.id, skipped('Not run: its dependencies form a cycle'), 0);
      break;
    }
    await Promise.race(inFlight.values());
  }
  return outcomes;
}

function skipped(message: string): CheckOutcome {
  return { state: 'skipped', message, hint: null, rawError: null };
}

async function runOne(task: CheckTask, outer: AbortSignal | undefined, timers: Timers): Promise<CheckOutcome> {
  const { kind, timeoutMs, target } = task.definition;
  const deadlineMs = timeoutMs ?? FALLBACK_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: TimerHandle | undefined;
  const onOuterAbort = () => controller.abort(new Error('cancelled'));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  // The deadline wins even over a check that ignores its signal.
  const deadline = new Promise<never>((_, reject) => {
    timer = timers.setTimeout(() => {
      const reason = new DeadlineExceeded(`timed out after ${deadlineMs} ms`);
      controller.abort(reason);
      reject(reason);
    }, deadlineMs);
  });
  try {
    return await Promise.race([task.run(controller.signal), deadline]);
  } catch (error) {
    if (outer?.aborted && !(error instanceof DeadlineExceeded)) return skipped('Cancelled while it ran');
    const raw = error instanceof DeadlineExceeded ? error.message : describeError(error);
    const { message, hint } = explainFailure(kind, raw, { timeoutMs: deadlineMs, ...(target ? { target } : {}) });
    return { state: 'failed', message, hint, rawError: raw };
  } finally {
    if (timer !== undefined) timers.clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
