/**
 * The one line the header shows after the checks ran ("Access verified
 * 08:02, 5/6 ok"), kept until the shift ends.
 */
import { formatLocalTime } from '../shift/zoned-time.js';
import { isAutomated, isOk, type AccessReport } from './model.js';

export interface AccessSummary {
  /** Epoch ms the run settled; null while it runs. */
  verifiedAt: number | null;
  ok: number;
  failed: number;
  /** Checks not settled yet: running, pending, manual items not ticked. */
  open: number;
  total: number;
  allOk: boolean;
  text: string;
}

export function summarise(report: AccessReport, timeZone: string): AccessSummary {
  const total = report.checks.length;
  const ok = report.checks.filter((c) => isOk(c.state)).length;
  const failed = report.checks.filter((c) => c.state === 'failed' || c.state === 'skipped').length;
  const open = total - ok - failed;
  const automatedRunning = report.checks.some((c) => isAutomated(c.kind) && (c.state === 'running' || c.state === 'pending'));
  const verifiedAt = automatedRunning ? null : report.finishedAt;
  const text =
    verifiedAt === null
      ? `Checking access, ${ok + failed}/${total} done`
      : `Access verified ${formatLocalTime(verifiedAt, timeZone)}, ${ok}/${total} ok`;
  return { verifiedAt, ok, failed, open, total, allOk: total > 0 && ok === total, text };
}

/**
 * Pre-shift checks are run before the shift begins; a report this long
 * before the shift's start still speaks for it (12 h: the evening before a
 * morning handoff).
 */
export const PRE_SHIFT_WINDOW_MS = 12 * 3_600_000;

/** The header's summary, or null when there is no report for the current shift. */
export function headerSummary(
  report: AccessReport | null,
  shift: { startsAt: number; endsAt: number },
  timeZone: string,
  at: number,
): AccessSummary | null {
  if (report === null) return null;
  if (at >= shift.endsAt) return null;
  if (report.startedAt < shift.startsAt - PRE_SHIFT_WINDOW_MS) return null;
  return summarise(report, timeZone);
}
