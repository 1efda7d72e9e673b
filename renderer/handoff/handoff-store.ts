/**
 * The Handoff view as the renderer holds it: whether it is open, what the
 * host said about the shift (who hands off, since when, in which zone), the
 * engineer's fields as typed, whether they are saved, and the last call
 * error. Vanilla zustand, so tests drive it without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HandoffContext, HandoffDraft, HandoffSignoff } from '../../src/contract/docs.js';
import { EMPTY_HANDOFF_FIELDS, type HandoffFields } from '../../src/core/handoff/note.js';

export interface HandoffState {
  open: boolean;
  context: Omit<HandoffContext, 'draft'> | null;
  fields: HandoffFields;
  /** Host wall-clock ms of the last save; null before the first. */
  savedAt: number | null;
  /** Typed since the last save reached the host. */
  dirty: boolean;
  error: string | null;
  setOpen(open: boolean): void;
  loaded(context: HandoffContext): void;
  edit(field: keyof HandoffFields, value: string): void;
  /** A save answered: clean unless the engineer typed on meanwhile. */
  saved(draft: HandoffDraft): void;
  setError(error: string | null): void;
  /** The sign-off as the host last answered it (import, accept, acceptance heard back). */
  setSignoff(signoff: HandoffSignoff): void;
}

export type HandoffStore = StoreApi<HandoffState>;

export function createHandoffStore(): HandoffStore {
  return createStore<HandoffState>()((set, get) => ({
    open: false,
    context: null,
    fields: EMPTY_HANDOFF_FIELDS,
    savedAt: null,
    dirty: false,
    error: null,
    setOpen: (open) => set({ open }),
    loaded: ({ draft, ...context }) =>
      // What was typed before the answer came is newer than the saved draft.
      set(get().dirty ? { context } : { context, fields: draft.fields, savedAt: draft.savedAt }),
    edit: (field, value) => set((s) => ({ fields: { ...s.fields, [field]: value }, dirty: true })),
    saved: (draft) => {
      const same = (Object.keys(draft.fields) as (keyof HandoffFields)[]).every((k) => draft.fields[k] === get().fields[k]);
      set({ savedAt: draft.savedAt, dirty: !same });
    },
    setError: (error) => set({ error }),
    setSignoff: (signoff) => set((s) => (s.context ? { context: { ...s.context, signoff } } : {})),
  }));
}
