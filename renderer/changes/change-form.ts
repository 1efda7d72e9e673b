/**
 * The change form's fields as typed, and the request they make. Times are
 * typed as local wall time ("2026-12-06T02:00", what a datetime-local field
 * gives) in the engineer's zone, which is not always the browser's.
 */
import type { ChangeDraft } from '../../src/contract/changes.js';
import type { ChangeKind } from '../../src/core/change/record.js';
import { zonedToInstant } from '../../src/core/shift/zoned-time.js';

export interface ChangeFormFields {
  ticket: string;
  kind: ChangeKind;
  summary: string;
  risk: 'low' | 'medium' | 'high';
  testPlan: string;
  rollbackPlan: string;
  /** One approver per line; "(verbal)" after a name marks a verbal approval. */
  approvals: string;
  communicated: boolean;
  start: string;
  end: string;
}

export const EMPTY_CHANGE_FORM: ChangeFormFields = {
  ticket: '', kind: 'normal', summary: '', risk: 'low', testPlan: '', rollbackPlan: '', approvals: '', communicated: false, start: '', end: '',
};

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Epoch ms of a datetime-local value in `timeZone`, or null when it is not one. */
export function localInputToInstant(value: string, timeZone: string): number | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return zonedToInstant({ year, month, day, hour, minute }, timeZone);
}

export function parseApprovals(text: string): ChangeDraft['approvals'] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const verbal = /\(verbal\)\s*$/i.test(l);
      return { name: l.replace(/\(verbal\)\s*$/i, '').trim(), verbal };
    })
    .filter((a) => a.name !== '');
}

/** The request, or what is missing for one; the host checks the window again. */
export function changeDraftFrom(fields: ChangeFormFields, timeZone: string): { draft: ChangeDraft } | { error: string } {
  if (fields.summary.trim() === '') return { error: 'Say what the change is.' };
  const start = localInputToInstant(fields.start, timeZone);
  const end = localInputToInstant(fields.end, timeZone);
  if (start === null || end === null) return { error: 'Give the planned window: a start and an end.' };
  return {
    draft: {
      ticket: fields.ticket.trim(),
      kind: fields.kind,
      summary: fields.summary.trim(),
      risk: fields.risk,
      testPlan: fields.testPlan,
      rollbackPlan: fields.rollbackPlan,
      approvals: parseApprovals(fields.approvals),
      communicated: fields.communicated,
      window: { start, end },
    },
  };
}
