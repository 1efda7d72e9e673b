/**
 * The access report as Markdown, for the handoff notes or a ticket: who,
 * when, every check with its result and timing, then each failure with its
 * likely fix and the raw error.
 */
import { formatLocalDateTime } from '../shift/zoned-time.js';
import type { AccessReport, CheckEntry, CheckState } from './model.js';
import { summarise } from './summary.js';

const RESULT_WORDS: Record<CheckState, string> = {
  pending: 'not run',
  running: 'running',
  passed: 'ok',
  failed: 'FAILED',
  skipped: 'skipped',
  manual_done: 'confirmed',
  not_configured: 'not configured',
};

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string | null): string {
  return (text ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

function duration(entry: CheckEntry): string {
  if (entry.durationMs === null) return '';
  return entry.durationMs < 1000 ? `${Math.round(entry.durationMs)} ms` : `${(entry.durationMs / 1000).toFixed(1)} s`;
}

/** A fence longer than any backtick run in the text, so raw output cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function reportToMarkdown(report: AccessReport, timeZone: string): string {
  const summary = summarise(report, timeZone);
  const lines = [
    '# Pre-shift access check',
    '',
    `- Engineer: ${cell(report.engineer) || 'unknown'}`,
    `- Started: ${formatLocalDateTime(report.startedAt, timeZone)} (${timeZone})`,
    `- Finished: ${report.finishedAt === null ? 'still running' : formatLocalDateTime(report.finishedAt, timeZone)}`,
    `- Result: ${summary.ok}/${summary.total} ok${summary.failed ? `, ${summary.failed} not ok` : ''}${summary.notConfigured ? `, ${summary.notConfigured} not configured` : ''}`,
    '',
    '| Check | Target | Result | Time | Message |',
    '|---|---|---|---|---|',
    ...report.checks.map(
      (c) => `| ${cell(c.label)} | ${cell(c.target)} | ${RESULT_WORDS[c.state]} | ${duration(c)} | ${cell(c.message)} |`,
    ),
  ];
  const problems = report.checks.filter((c) => c.state === 'failed' || c.state === 'skipped');
  if (problems.length > 0) {
    lines.push('', '## What failed');
    for (const c of problems) {
      lines.push('', `### ${cell(c.label)}`, '', `${c.message ?? RESULT_WORDS[c.state]}`);
      if (c.hint) lines.push('', `Likely fix: ${c.hint}`);
      if (c.rawError) lines.push('', fenced(c.rawError));
    }
  }
  return lines.join('\n') + '\n';
}
