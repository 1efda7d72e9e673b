/**
 * How a report moves: the runner emits progress events, the host folds them
 * into the report with `applyCheckEvent`, and the wizard shows the result.
 * Re-running one check (or all) is a reset followed by new events.
 */
import { isAutomated, isSettled, type AccessReport, type CheckEntry, type CheckOutcome } from './model.js';

export type CheckEvent =
  | { type: 'started'; id: string; at: number }
  | { type: 'finished'; id: string; at: number; durationMs: number; outcome: CheckOutcome }
  /** The engineer ticked (done) or unticked a manual item. */
  | { type: 'manual'; id: string; done: boolean; at: number }
  /** The checks are about to be run again: back to pending. */
  | { type: 'reset'; ids: readonly string[]; at: number };

export function applyCheckEvent(report: AccessReport, event: CheckEvent): AccessReport {
  const update = (ids: ReadonlySet<string>, change: (entry: CheckEntry) => CheckEntry): AccessReport => {
    const checks = report.checks.map((entry) => (ids.has(entry.id) ? change(entry) : entry));
    return { ...report, checks, finishedAt: finishedAt(checks, report.finishedAt, event.at) };
  };
  switch (event.type) {
    case 'started':
      return update(new Set([event.id]), (entry) => ({
        ...entry,
        state: 'running',
        startedAt: event.at,
        durationMs: null,
        message: null,
        hint: null,
        rawError: null,
      }));
    case 'finished':
      return update(new Set([event.id]), (entry) => ({
        ...entry,
        state: event.outcome.state,
        startedAt: entry.startedAt ?? event.at - event.durationMs,
        durationMs: event.durationMs,
        message: event.outcome.message,
        hint: event.outcome.hint,
        rawError: event.outcome.rawError,
      }));
    case 'manual':
      return update(new Set([event.id]), (entry) =>
        entry.kind !== 'manual'
          ? entry
          : {
              ...entry,
              state: event.done ? 'manual_done' : 'pending',
              startedAt: event.done ? event.at : null,
              durationMs: null,
              message: event.done ? 'Confirmed by the engineer' : null,
            },
      );
    case 'reset':
      return update(new Set(event.ids), (entry) =>
        entry.kind === 'manual' || entry.state === 'not_configured'
          ? entry
          : { ...entry, state: 'pending', startedAt: null, durationMs: null, message: null, hint: null, rawError: null },
      );
  }
}

/**
 * When the automated part of the run settled: the time of the event that
 * settled the last one, kept while nothing changes, cleared while any runs.
 */
function finishedAt(checks: readonly CheckEntry[], previous: number | null, at: number): number | null {
  const automated = checks.filter((c) => isAutomated(c.kind));
  if (!automated.every((c) => isSettled(c.state))) return null;
  return previous ?? at;
}

/**
 * The checks to run again when the engineer re-runs `id`: the check itself
 * and every check that depends on it, directly or not (re-running SSH to a
 * host re-runs its sudo check too).
 */
export function rerunSet(report: AccessReport, id: string): string[] {
  const chosen = new Set<string>([id]);
  let grew = true;
  // Bounded: each pass adds at least one check or stops.
  while (grew) {
    grew = false;
    for (const entry of report.checks) {
      if (!chosen.has(entry.id) && entry.dependsOn.some((d) => chosen.has(d))) {
        chosen.add(entry.id);
        grew = true;
      }
    }
  }
  return report.checks.filter((c) => chosen.has(c.id) && isAutomated(c.kind)).map((c) => c.id);
}
