/**
 * Runs the read-only gather commands (core/incidents/gather.ts) on one host,
 * one after the other over its shared SSH connection, within the time
 * bounds: each command's timeout is what is left of its own and the total
 * budget, measured on the monotonic clock; once the total is spent the rest
 * are not started. A command that fails (refused, timed out) is recorded
 * as such and the next one still runs.
 */
import { commandBudgetMs, GATHER_COMMANDS, GATHER_LIMITS, type GatherCommand, type GatherLimits, type GatherResult } from '../../core/incidents/gather.js';
import type { Clock } from '../clock.js';

/** What gathering needs of the SSH service: one command, no PTY, with a deadline (SshConnector.exec). */
export interface GatherExec<P> {
  exec(profile: P, command: string, options: { timeoutMs: number }): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export async function gatherOnHost<P>(
  ssh: GatherExec<P>,
  profile: P,
  clock: Pick<Clock, 'monotonic'>,
  commands: readonly GatherCommand[] = GATHER_COMMANDS,
  limits: GatherLimits = GATHER_LIMITS,
): Promise<GatherResult[]> {
  const began = clock.monotonic();
  const results: GatherResult[] = [];
  for (const { id, command } of commands) {
    const timeoutMs = commandBudgetMs(clock.monotonic() - began, limits);
    if (timeoutMs <= 0) {
      results.push({ id, command, outcome: 'skipped' });
      continue;
    }
    const start = clock.monotonic();
    try {
      const { code, stdout, stderr } = await ssh.exec(profile, command, { timeoutMs });
      results.push({ id, command, outcome: 'ran', code, stdout, stderr, ms: clock.monotonic() - start });
    } catch (error) {
      results.push({ id, command, outcome: 'failed', error: error instanceof Error ? error.message : String(error), ms: clock.monotonic() - start });
    }
  }
  return results;
}
