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
  /** Every check that can be run or ticked; the not configured ones are not counted. */
  total: number;
  /** Checks with nothing to run against (the demo's production checks). */
  notConfigured: number;
  /** Automated checks that can run, and how many of them passed. */
  runnable: number;
  runnablePassed: number;
  allOk: boolean;
  text: string;
}

/**
 * "Access verified 08:02, 6/6 ok" only when nothing failed; a run with a
 * failure says "Access check 08:02: 1 failed, 5/6 ok"; a run with checks not
 * configured counts what could run: "Checked 08:02: 2 of 2 runnable checks
 * passed; 5 not configured", never "verified".
 */
export function summarise(report: AccessReport, timeZone: string): AccessSummary {
  const counted = report.checks.filter((c) => c.state !== 'not_configured');
  const notConfigured = report.checks.length - counted.length;
  const total = counted.length;
  const ok = counted.filter((c) => isOk(c.state)).length;
  const failed = counted.filter((c) => c.state === 'failed' || c.state === 'skipped').length;
  const open = total - ok - failed;
  const automated = counted.filter((c) => isAutomated(c.kind));
  const runnable = automated.length;
  const runnablePassed = automated.filter((c) => c.state === 'passed').length;
  const manual = counted.filter((c) => !isAutomated(c.kind));
  const ticked = manual.filter((c) => c.state === 'manual_done').length;
  const automatedRunning = automated.some((c) => c.state === 'running' || c.state === 'pending');
  const verifiedAt = automatedRunning ? null : report.finishedAt;
  const notConfiguredText = notConfigured > 0 ? `; ${notConfigured} not configured` : '';
  let text: string;
  if (verifiedAt === null) text = `Checking access, ${ok + failed}/${total} done`;
  else if (failed > 0) text = `Access check ${formatLocalTime(verifiedAt, timeZone)}: ${failed} failed, ${ok}/${total} ok${notConfiguredText}`;
  else if (notConfigured > 0) {
    const confirmed = manual.length > 0 ? `; ${ticked} of ${manual.length} items confirmed` : '';
    text = `Checked ${formatLocalTime(verifiedAt, timeZone)}: ${runnablePassed} of ${runnable} runnable checks passed${notConfiguredText}${confirmed}`;
  } else text = `Access verified ${formatLocalTime(verifiedAt, timeZone)}, ${ok}/${total} ok`;
  return { verifiedAt, ok, failed, open, total, notConfigured, runnable, runnablePassed, allOk: total > 0 && ok === total, text };
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
