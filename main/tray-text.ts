/**
 * What the tray says: the most urgent response clock of any open incident
 * as a countdown ("SEV1 INC-3 Acknowledge 4:12", or "overdue 1:05" once it
 * passed), and in the tooltip the next few clocks. Severity is always in
 * the text, never the icon's colour alone. Ordered with the core's
 * `triageDeadlines` (severity first, then the soonest clock, then age), so
 * the tray leads with the incident the queue leads with.
 */
import type { Incident } from '../src/contract/index.js';
import { triageDeadlines, triageOrder, type Deadline } from '../src/core/incidents/index.js';
import type { Severity } from '../src/core/playbook/index.js';

/** Clocks listed in the tooltip besides the count of open incidents. */
export const TOOLTIP_CLOCKS = 3;

export interface TrayStatus {
  /** Beside the icon (macOS menu bar); empty when nothing is open. */
  title: string;
  tooltip: string;
  /** The most urgent open severity, for the icon; null when nothing is open. */
  level: Severity | null;
}

/** "4:12", "1:02:03": whole seconds, rounded toward the deadline. */
export function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const clockText = (d: Deadline) =>
  `${d.severity} ${d.incidentId} ${d.label} ${d.breached ? `overdue ${countdown(d.msLeft)}` : countdown(d.msLeft)}`;

export function trayStatus(incidents: readonly Incident[], now: number): TrayStatus {
  const open = triageOrder(incidents);
  const top = open[0];
  if (!top) return { title: '', tooltip: 'On-call cockpit: no open incidents', level: null };
  const clocks = triageDeadlines({ incidents: open }, now);
  const first = clocks[0];
  const count = `On-call cockpit: ${open.length} open incident${open.length === 1 ? '' : 's'}`;
  return {
    title: first && first.incidentId === top.id ? clockText(first) : `${top.severity} ${top.id} open`,
    tooltip: [count, ...clocks.slice(0, TOOLTIP_CLOCKS).map(clockText)].join('\n'),
    level: top.severity,
  };
}
