/**
 * The shift's routine as checklists that reset on their own: daily ones at
 * local midnight, weekly ones at the handoff that starts the on-call week
 * (weekly items belong to a shift, so they reset with it, not on a Monday).
 *
 * The shift-end list belongs to the shift like the weekly one, and shows
 * from 30 minutes before the handoff (`showsFrom`), when the procedures
 * start the end of a shift.
 *
 * Ticks are stored per period: the key of a daily list is the local date,
 * the key of a weekly list is the local date of the shift's first handoff.
 * A new period has no ticks, which is the reset; nothing is ever erased by a
 * timer, so yesterday's record stays readable until pruned.
 */
import { previousHandoff, nextHandoff, type Rotation } from './rotation.js';
import { addDays, dateKey, localDate, localDateKey, zonedToInstant } from './zoned-time.js';

export type Cadence = 'daily' | 'weekly' | 'shift_end';

export interface ChecklistItem {
  id: string;
  label: string;
}

export interface Checklist {
  id: string;
  label: string;
  cadence: Cadence;
  /** Local "HH:MM" by which the list is expected done, for display; null when any time. */
  dueBy: string | null;
  items: readonly ChecklistItem[];
}

/** The shift-end item the cockpit links to the PagerDuty integration when it is set up. */
export const TRANSFER_PAGERDUTY_ITEM = 'transfer-pagerduty';

/** The team's routine (shared/domain.md, "Rhythm of a shift"); user-editable later. */
export const DEFAULT_ROUTINES: readonly Checklist[] = [
  {
    id: 'morning-review',
    label: 'Morning review',
    cadence: 'daily',
    dueBy: '10:00',
    items: [
      { id: 'overnight-alerts', label: 'Review overnight alerts and what was done about them' },
      { id: 'error-logs', label: 'Read the error log for anything new since last evening' },
      { id: 'risk-and-positions', label: 'Check the risk summary and open positions' },
      { id: 'exchanges', label: 'Every exchange connected, latency normal' },
    ],
  },
  {
    id: 'midday-health',
    label: 'Midday health check',
    cadence: 'daily',
    dueBy: '14:00',
    items: [
      { id: 'health-script', label: 'Run the health check script on the primary host' },
      { id: 'latency', label: 'Order latency p99 within its usual range' },
      { id: 'resources', label: 'CPU, memory and disk within limits' },
    ],
  },
  {
    id: 'evening-review',
    label: 'Evening review and handoff preparation',
    cadence: 'daily',
    dueBy: '18:00',
    items: [
      { id: 'day-incidents', label: "Review the day's incidents and their status" },
      { id: 'open-items', label: 'Write down open items and ongoing monitoring' },
      { id: 'handoff-notes', label: 'Update the handoff notes' },
    ],
  },
  {
    id: 'weekly',
    label: 'Weekly',
    cadence: 'weekly',
    dueBy: null,
    items: [
      { id: 'incident-trends', label: 'Review incident trends of the week' },
      { id: 'docs', label: 'Update runbooks and documentation' },
      { id: 'retrospective', label: 'Hold or join the on-call retrospective' },
      { id: 'emergency-drill', label: 'Test an emergency procedure' },
    ],
  },
  {
    id: 'shift-end',
    label: 'End of shift',
    cadence: 'shift_end',
    dueBy: null,
    items: [
      { id: 'document-incidents', label: 'Document every open incident: status and next steps' },
      { id: 'prepare-notes', label: 'Prepare the handoff notes (Handoff view)' },
      { id: 'schedule-call', label: 'Schedule a handoff call if anything is complex' },
      { id: 'handoff-call', label: 'Hold the handoff call with the incoming engineer' },
      { id: TRANSFER_PAGERDUTY_ITEM, label: 'Transfer PagerDuty primary to the incoming engineer' },
      { id: 'confirm-access', label: 'Confirm the incoming engineer has access to all systems' },
    ],
  },
];

/** Ticks: period key ("<checklist id>@<YYYY-MM-DD>") → item id → epoch ms ticked. */
export type ChecklistTicks = Readonly<Record<string, Readonly<Record<string, number>>>>;

export function periodKey(checklist: Pick<Checklist, 'id' | 'cadence'>, rotation: Rotation, at: number): string {
  const day =
    checklist.cadence === 'daily'
      ? localDateKey(at, rotation.timeZone)
      // The weekly and shift-end lists belong to the shift: keyed by the handoff that began it.
      : localDateKey(previousHandoff(rotation, at), rotation.timeZone);
  return `${checklist.id}@${day}`;
}

/** When the list's current period ends and it starts blank again. */
export function nextResetAt(cadence: Cadence, rotation: Rotation, at: number): number {
  if (cadence === 'weekly' || cadence === 'shift_end') return nextHandoff(rotation, at);
  return zonedToInstant(addDays(localDate(at, rotation.timeZone), 1), rotation.timeZone);
}

export function tickItem(
  ticks: ChecklistTicks,
  checklist: Checklist,
  itemId: string,
  done: boolean,
  rotation: Rotation,
  at: number,
): ChecklistTicks {
  if (!checklist.items.some((i) => i.id === itemId)) return ticks;
  const key = periodKey(checklist, rotation, at);
  const current = { ...(ticks[key] ?? {}) };
  if (done) current[itemId] = at;
  else delete current[itemId];
  return { ...ticks, [key]: current };
}

export interface ChecklistView {
  checklist: Checklist;
  periodKey: string;
  items: { id: string; label: string; doneAt: number | null }[];
  done: number;
  total: number;
  resetsAt: number;
}

export function checklistViews(
  checklists: readonly Checklist[],
  ticks: ChecklistTicks,
  rotation: Rotation,
  at: number,
): ChecklistView[] {
  return checklists.map((checklist) => {
    const key = periodKey(checklist, rotation, at);
    const period = ticks[key] ?? {};
    const items = checklist.items.map((item) => ({ id: item.id, label: item.label, doneAt: period[item.id] ?? null }));
    return {
      checklist,
      periodKey: key,
      items,
      done: items.filter((i) => i.doneAt !== null).length,
      total: items.length,
      resetsAt: nextResetAt(checklist.cadence, rotation, at),
    };
  });
}

/** Drops ticks of periods that began more than `keepDays` local days before `at`. */
export function pruneTicks(ticks: ChecklistTicks, rotation: Rotation, at: number, keepDays: number): ChecklistTicks {
  const oldest = dateKey(addDays(localDate(at, rotation.timeZone), -keepDays));
  return Object.fromEntries(Object.entries(ticks).filter(([key]) => (key.split('@')[1] ?? '') >= oldest));
}
