/**
 * The change records as the renderer holds them: the list the host last
 * sent (null before the first answer), whether the Changes view is open,
 * and the last call error. Vanilla zustand, so tests drive it without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChangeRecord } from '../../src/core/change/record.js';

export interface ChangesState {
  open: boolean;
  changes: ChangeRecord[] | null;
  error: string | null;
  setOpen(open: boolean): void;
  setChanges(changes: ChangeRecord[]): void;
  setError(error: string | null): void;
}

export type ChangesStore = StoreApi<ChangesState>;

export function createChangesStore(): ChangesStore {
  return createStore<ChangesState>()((set) => ({
    open: false,
    changes: null,
    error: null,
    setOpen: (open) => set({ open }),
    setChanges: (changes) => set({ changes }),
    setError: (error) => set({ error }),
  }));
}
