/**
 * An incident as a Markdown report: for the ticket, the Slack thread or the
 * post-incident review. Times are written in UTC ("2026-11-24 18:00:05Z")
 * unless a zone is given, so the report reads the same on every machine.
 */
import { formatLocalDateTime } from '../shift/zoned-time.js';
import type { Incident } from './model.js';

export interface MarkdownOptions {
  /** IANA zone for the times; UTC when absent. */
  timeZone?: string;
}

function timeText(at: number, options: MarkdownOptions): string {
  if (options.timeZone) return `${formatLocalDateTime(at, options.timeZone)} ${options.timeZone}`;
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Markdown treats these as syntax inside a table cell or at a line start. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function incidentToMarkdown(incident: Incident, options: MarkdownOptions = {}): string {
  const t = (at: number) => timeText(at, options);
  const lines: string[] = [];
  lines.push(`# ${incident.drill ? 'DRILL ' : ''}${incident.id} ${incident.severity}: ${cell(incident.title)}`, '');
  if (incident.drill) lines.push('A drill on a simulator, not a real incident: never sent to PagerDuty, Slack, the status page or Alertmanager.', '');
  lines.push(`- Status: ${incident.phase}`);
  lines.push(`- Severity: ${incident.severity}`);
  lines.push(`- Started: ${t(incident.startedAt)}${incident.openedBy ? ` (opened by ${incident.openedBy})` : ' (alert)'}`);
  if (incident.acknowledged) lines.push(`- Acknowledged: ${t(incident.acknowledged.at)} by ${incident.acknowledged.by}`);
  if (incident.engaged) lines.push(`- Engaged: ${t(incident.engaged.at)} by ${incident.engaged.by}`);
  if (incident.mitigated) lines.push(`- Mitigated: ${t(incident.mitigated.at)} by ${incident.mitigated.by}`);
  if (incident.resolved) {
    lines.push(`- Resolved: ${t(incident.resolved.at)} by ${incident.resolved.by}, after ${duration(incident.resolved.at - incident.startedAt)}`);
  }
  lines.push(`- Escalation level: ${incident.escalationLevel}`);
  if (incident.subjects.length > 0) lines.push(`- Affected: ${incident.subjects.join(', ')}`);
  if (incident.detail) lines.push('', cell(incident.detail));
  if (incident.resolutionNote) lines.push('', '## Resolution', '', incident.resolutionNote);

  lines.push('', '## Clocks', '', '| Item | Due | Done |', '|---|---|---|');
  for (const item of incident.due) {
    const done = item.done ? `${t(item.done.at)} by ${cell(item.done.by)}${item.done.at > item.dueAt ? ' (late)' : ''}` : 'not done';
    lines.push(`| ${item.label} | ${t(item.dueAt)} | ${done} |`);
  }

  lines.push('', '## Timeline', '', '| Time | Who | What |', '|---|---|---|');
  for (const e of incident.timeline) lines.push(`| ${t(e.at)} | ${cell(e.by ?? 'alert')} | ${cell(e.text)} |`);
  return `${lines.join('\n')}\n`;
}
