/**
 * A change record, as the procedures ask for one: a ticket, a risk
 * assessment, a test plan, a rollback plan, approvals by name, the
 * stakeholders told, and a planned window. Three kinds: standard
 * (pre-approved, low risk), normal (approved and tested first), emergency
 * (may go ahead on a verbal approval, but must be written up in the ticket
 * within 24 hours and gets a post-incident review).
 */
import { z } from 'zod';
import { MINUTE_MS } from '../shift/zoned-time.js';

export const ChangeKind = z.enum(['standard', 'normal', 'emergency']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const ChangeRisk = z.enum(['low', 'medium', 'high']);

const Text = z.string().max(4_000);

export const ChangeRecord = z.object({
  id: z.string().min(1).max(100),
  /** The change request ticket, e.g. "CHG-1042"; an emergency change may start without one. */
  ticket: z.string().max(200),
  kind: ChangeKind,
  summary: z.string().min(1).max(500),
  risk: ChangeRisk,
  testPlan: Text,
  rollbackPlan: Text,
  approvals: z.array(z.object({ name: z.string().min(1).max(200), at: z.number(), verbal: z.boolean() })),
  communicated: z.boolean(),
  window: z.object({ start: z.number(), end: z.number() }),
  /** When the record was made: an emergency change's 24 h run from here. */
  recordedAt: z.number(),
  /** When the emergency change was written up in its ticket. */
  documentedAt: z.number().nullable(),
  /** When its post-incident review was held. */
  reviewedAt: z.number().nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

/** Emergency changes are documented in the ticket within 24 hours (procedures, "Emergency Changes"). */
export const EMERGENCY_TICKET_WITHIN_MS = 24 * 60 * MINUTE_MS;

export type ChangeGap = 'ticket' | 'test plan' | 'rollback plan' | 'approval' | 'written approval' | 'communication';

/**
 * What the record still lacks before the change may start. A standard change
 * is pre-approved; a normal one needs an approval that is not verbal; an
 * emergency one may start on a verbal approval and without its ticket (the
 * clock below is for that).
 */
export function changeGaps(change: ChangeRecord): ChangeGap[] {
  const gaps: ChangeGap[] = [];
  const blank = (text: string) => text.trim() === '';
  if (change.kind !== 'emergency' && blank(change.ticket)) gaps.push('ticket');
  if (change.kind !== 'standard' && blank(change.testPlan)) gaps.push('test plan');
  if (blank(change.rollbackPlan)) gaps.push('rollback plan');
  if (change.kind !== 'standard' && change.approvals.length === 0) gaps.push('approval');
  else if (change.kind === 'normal' && change.approvals.every((a) => a.verbal)) gaps.push('written approval');
  if (!change.communicated) gaps.push('communication');
  return gaps;
}

export interface ChangeClock {
  label: string;
  /** Epoch ms; null for an item with no deadline of its own. */
  dueAt: number | null;
  msLeft: number | null;
  breached: boolean;
}

/**
 * The open follow-ups of an emergency change at `now`: the ticket write-up,
 * due 24 h after the change was recorded, and the post-incident review,
 * open until held. Other kinds have none; a done item drops out.
 */
export function emergencyChangeClocks(change: ChangeRecord, now: number): ChangeClock[] {
  if (change.kind !== 'emergency') return [];
  const clocks: ChangeClock[] = [];
  if (change.documentedAt === null) {
    const dueAt = change.recordedAt + EMERGENCY_TICKET_WITHIN_MS;
    clocks.push({ label: 'Document the emergency change in its ticket', dueAt, msLeft: dueAt - now, breached: now >= dueAt });
  }
  if (change.reviewedAt === null) clocks.push({ label: 'Hold the post-incident review', dueAt: null, msLeft: null, breached: false });
  return clocks;
}

/** Changes whose planned window contains `now`: the header and the handoff show them. */
export function changesInFlight(changes: readonly ChangeRecord[], now: number): ChangeRecord[] {
  return changes.filter((c) => c.window.start <= now && now < c.window.end).sort((a, b) => a.window.start - b.window.start);
}
