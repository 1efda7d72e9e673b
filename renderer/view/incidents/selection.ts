/**
 * Which incident is selected: the one the detail shows and the incident
 * keys act on. Whenever an incident is open one is selected, the first in
 * triage order until the engineer picks another. A new incident (or one
 * raised) more severe than the selected one takes the selection only when
 * the engineer has not touched the keyboard or the mouse for
 * `SELECTION_STEAL_IDLE_MS`, and never while a form is open on the selected
 * one (the urgent strip names the new one): a key aimed at one incident must
 * never land on another that appeared under the engineer's fingers, nor a
 * half-written update vanish while they think.
 */
import type { Incident } from '../../../src/contract/incidents.js';
import { triageOrder } from '../../../src/core/incidents/triage.js';
import { severityRank } from '../../../src/core/playbook/schema.js';

/** Quiet time after the last key press or click before a more severe incident may take the selection, ms (10 s). */
export const SELECTION_STEAL_IDLE_MS = 10_000;

type Listed = Pick<Incident, 'id' | 'severity' | 'startedAt' | 'due' | 'phase'>;

/** The selected incident now: the one picked while it is open, else the first in triage order; null when none is open. */
export function effectiveSelection(incidents: readonly Listed[] | null, picked: string | null): string | null {
  const open = triageOrder(incidents ?? []);
  if (picked !== null && open.some((i) => i.id === picked)) return picked;
  return open[0]?.id ?? null;
}

export interface SelectionChange {
  /** The incidents before this change; null before the first list. */
  before: readonly Listed[] | null;
  after: readonly Listed[];
  /** The selection before this change (picked or implied). */
  selected: string | null;
  /** Epoch ms of the engineer's last key press or click; null when none yet. */
  lastInputAt: number | null;
  now: number;
  /** A form (status update, note, …) is open on the selected incident: its draft must not vanish under the engineer. */
  formOpen?: boolean;
}

/** The selection after the incident list changed. */
export function selectionAfter({ before, after, selected, lastInputAt, now, formOpen = false }: SelectionChange): string | null {
  const current = effectiveSelection(after, selected);
  const currentSeverity = after.find((i) => i.id === current)?.severity;
  if (current === null || currentSeverity === undefined || before === null || formOpen) return current;
  const idle = lastInputAt === null || now - lastInputAt >= SELECTION_STEAL_IDLE_MS;
  if (!idle) return current;
  const was = new Map(before.map((i) => [i.id, i.severity]));
  const arrived = triageOrder(after).find((i) => {
    const previous = was.get(i.id);
    const newlyThisSevere = previous === undefined || severityRank(i.severity) < severityRank(previous);
    return newlyThisSevere && severityRank(i.severity) < severityRank(currentSeverity);
  });
  return arrived?.id ?? current;
}

/** The selection `step` places along the triage order (J: +1, K: -1), stopping at the ends. */
export function selectionMoved(incidents: readonly Listed[] | null, selected: string | null, step: number): string | null {
  const open = triageOrder(incidents ?? []);
  if (open.length === 0) return null;
  const at = open.findIndex((i) => i.id === effectiveSelection(incidents, selected));
  return open[Math.min(open.length - 1, Math.max(0, at + step))]!.id;
}
