/**
 * Change records as they cross the host boundary: what the engineer fills
 * in (the host stamps the id and the times), the two marks an emergency
 * change owes (written up in its ticket, post-incident review held), and
 * the list, pushed to every window when it changes.
 */
import { z } from 'zod';
import { ChangeKind, ChangeRecord, ChangeRisk } from '../core/change/record.js';

const Text = z.string().max(4_000);
export const ChangeId = z.string().regex(/^CR-\d{1,9}$/, 'expected a change id like CR-12');

export const ChangeDraft = z
  .object({
    ticket: z.string().trim().max(200),
    kind: ChangeKind,
    summary: z.string().trim().min(1, 'say what the change is').max(500),
    risk: ChangeRisk,
    testPlan: Text,
    rollbackPlan: Text,
    approvals: z.array(z.object({ name: z.string().trim().min(1).max(200), verbal: z.boolean() }).strict()).max(20),
    communicated: z.boolean(),
    window: z.object({ start: z.number(), end: z.number() }).strict(),
  })
  .strict();
export type ChangeDraft = z.infer<typeof ChangeDraft>;

export const ChangeMarkRequest = z
  .object({
    changeId: ChangeId,
    /** `documented`: written up in its ticket (the ticket id may be given now); `reviewed`: post-incident review held. */
    mark: z.enum(['documented', 'reviewed']),
    ticket: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type ChangeMarkRequest = z.infer<typeof ChangeMarkRequest>;

/** Every change record, newest window first. */
export const ChangesView = z.object({ changes: z.array(ChangeRecord) });
export type ChangesView = z.infer<typeof ChangesView>;

const Empty = z.object({}).strict();

export const changesCalls = {
  'changes.list': { request: Empty, response: ChangesView },
  /** invalid_request for a window that ends before it starts or runs past 7 days. */
  'changes.record': { request: ChangeDraft, response: ChangeRecord },
  /** not_found for an unknown id; conflict for a mark on a change that is not an emergency one, or already made. */
  'changes.mark': { request: ChangeMarkRequest, response: ChangeRecord },
} as const;

export const changesEvents = {
  'changes.changed': ChangesView,
} as const;

export { ChangeRecord };
