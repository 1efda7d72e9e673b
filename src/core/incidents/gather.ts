/**
 * "Gather logs and metrics" for an incident: the runbooks' read-only
 * commands, run on a trading host over SSH, their output attached to the
 * incident's timeline. This file is the pure part: which commands, the
 * bounds, which hosts qualify, and the one timeline text the outputs become.
 * The shell (services/incidents/gather.ts) runs them.
 *
 * Bounded in time: each command gets at most `perCommandMs`, all of them
 * together `totalMs`; a command that would start after the total is spent is
 * not run, and says so. Bounded in size: each output keeps its last
 * `perCommandChars` (a log's newest lines are at its end), and the whole
 * text at most `totalChars`.
 */
import type { Incident } from './model.js';

export interface GatherCommand {
  id: string;
  /** What it shows, in the runbook's words. */
  label: string;
  /** Read-only: it looks, it never changes the host. */
  command: string;
}

/** The runbooks' read-only commands (playbook default.ts): the error log tail, the service, the disks, the latency report. */
export const GATHER_COMMANDS: readonly GatherCommand[] = [
  { id: 'errors-log', label: 'Error log, last 100 lines', command: 'tail -n 100 /var/log/hft_system/errors.log' },
  { id: 'service-status', label: 'Trading service status', command: 'systemctl status hft_system --no-pager' },
  { id: 'df', label: 'Disk space', command: 'df -h' },
  { id: 'latency-report', label: 'Latency report', command: './scripts/latency_report.sh' },
];

export interface GatherLimits {
  perCommandMs: number;
  totalMs: number;
  perCommandChars: number;
  totalChars: number;
}

/** 10 s a command and 30 s in all: long enough for a slow host, short enough to wait for during an incident. */
export const GATHER_LIMITS: GatherLimits = { perCommandMs: 10_000, totalMs: 30_000, perCommandChars: 4_000, totalChars: 16_000 };

/** The hosts gathering may run on: the trading hosts (prod and standby), never an arbitrary machine. */
export const gatherAllowed = (profile: { role: string }): boolean => profile.role === 'prod' || profile.role === 'standby';

/** Only an open incident takes new evidence. */
export const gatherRefusal = (incident: Pick<Incident, 'id' | 'phase'>): string | null =>
  incident.phase === 'resolved' ? `${incident.id} is resolved: nothing is gathered for it` : null;

export type GatherResult =
  | { id: string; command: string; outcome: 'ran'; code: number | null; stdout: string; stderr: string; ms: number }
  | { id: string; command: string; outcome: 'failed'; error: string; ms: number }
  | { id: string; command: string; outcome: 'skipped' };

/** The time a command may take when `elapsedMs` of the total are spent, or 0 when none is left. */
export const commandBudgetMs = (elapsedMs: number, limits: GatherLimits): number =>
  Math.max(0, Math.floor(Math.min(limits.perCommandMs, limits.totalMs - elapsedMs)));

/** The last `max` characters, with a line saying how much was left off. */
function lastChars(text: string, max: number): string {
  if (text.length <= max) return text;
  return `[… ${text.length - max} earlier characters left off]\n${text.slice(text.length - max)}`;
}

function section(r: GatherResult, limits: GatherLimits): string {
  if (r.outcome === 'skipped') return `$ ${r.command}\n(not run: the ${limits.totalMs / 1000} s for gathering were spent)`;
  const took = `${(r.ms / 1000).toFixed(1)} s`;
  if (r.outcome === 'failed') return `$ ${r.command}  (failed after ${took})\n${r.error}`;
  const status = r.code === null ? 'cut off' : `exit ${r.code}`;
  const out = [r.stdout.trimEnd(), r.stderr.trim() ? `stderr:\n${r.stderr.trimEnd()}` : ''].filter(Boolean).join('\n');
  return `$ ${r.command}  (${status}, ${took})\n${lastChars(out || '(no output)', limits.perCommandChars)}`;
}

/** The timeline text for what was gathered on `host`: every command in order, within `totalChars`. */
export function gatheredText(host: string, results: readonly GatherResult[], limits: GatherLimits = GATHER_LIMITS): string {
  const text = [`Gathered on ${host}:`, ...results.map((r) => section(r, limits))].join('\n\n');
  if (text.length <= limits.totalChars) return text;
  const cut = `\n[… the rest left off: gathered output is kept under ${limits.totalChars} characters]`;
  return text.slice(0, limits.totalChars - cut.length) + cut;
}
