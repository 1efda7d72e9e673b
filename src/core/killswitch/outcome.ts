/**
 * How a killswitch press or a strategy stop ended, as the dialog shows it
 * and the audit log keeps it. There are two endings and no third: verified
 * by reading the system back, or NOT VERIFIED with what was seen and what
 * to do next.
 */
import type { NextStep } from './verify.js';

/** Which way the request went: straight to the API, or as a curl through the prod host's SSH session. */
export type SendPath = 'direct' | 'ssh';

export interface KillswitchOutcome {
  verified: boolean;
  /** Host wall clock, ms, of the read-back that proved the halt; null when not verified. */
  verifiedAt: number | null;
  strategiesStopped: number;
  /** What the read-back showed, one sentence each. */
  seen: string[];
  nextSteps: NextStep[];
  /** POSTs made, over both paths. */
  attempts: number;
  /** The path that got an answer; null when none did. */
  path: SendPath | null;
  /** Why sending failed, when it did (the last failure). */
  error?: string;
  /** From the start of the send to the end of verification, ms (monotonic). */
  elapsedMs: number;
  reason: string;
  idempotencyKey: string;
  /** Set when the audit log refused a record: the halt went ahead regardless ("when in doubt, activate it"). */
  auditError?: string;
}

export interface StopOutcome {
  verified: boolean;
  verifiedAt: number | null;
  /** The ids asked for. */
  ids: string[];
  stopped: string[];
  /** Ids not stopped (or not listed) at the last read-back. */
  notStopped: string[];
  seen: string[];
  nextSteps: NextStep[];
  attempts: number;
  path: SendPath | null;
  error?: string;
  elapsedMs: number;
  reason: string;
  auditError?: string;
}

/** "14:03:07", in the given IANA zone (the engineer's own, from the host). */
export function clockTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** The dialog's last line: unmissable either way. */
export function killswitchHeadline(outcome: KillswitchOutcome, timeZone: string): string {
  if (!outcome.verified || outcome.verifiedAt === null) return 'NOT VERIFIED: trading may still be running';
  const n = outcome.strategiesStopped;
  return `Trading halted, verified at ${clockTime(outcome.verifiedAt, timeZone)}, ${n} ${n === 1 ? 'strategy' : 'strategies'} stopped`;
}

export function stopHeadline(outcome: StopOutcome, timeZone: string): string {
  if (!outcome.verified || outcome.verifiedAt === null) return `NOT VERIFIED: ${outcome.notStopped.length} of ${outcome.ids.length} not shown stopped`;
  const n = outcome.stopped.length;
  return `${n} ${n === 1 ? 'strategy' : 'strategies'} stopped, verified at ${clockTime(outcome.verifiedAt, timeZone)}`;
}
