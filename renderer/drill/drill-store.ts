/**
 * Drills as the renderer holds them: whether the Drill view is open, what
 * the host said (available or why not, the drills, the one running, the
 * saved reports), the report just made, and the last call error.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DrillRecord, DrillView } from '../../src/contract/drill.js';

export interface DrillState {
  open: boolean;
  view: DrillView | null;
  /** The report of the drill finished from this page, shown until the view closes. */
  lastReport: DrillRecord | null;
  error: string | null;
  setOpen(open: boolean): void;
  setView(view: DrillView): void;
  setReport(report: DrillRecord | null): void;
  setError(error: string | null): void;
}

export type DrillStore = StoreApi<DrillState>;

export function createDrillStore(): DrillStore {
  return createStore<DrillState>()((set) => ({
    open: false,
    view: null,
    lastReport: null,
    error: null,
    setOpen: (open) => set(open ? { open } : { open, lastReport: null, error: null }),
    setView: (view) => set({ view }),
    setReport: (lastReport) => set({ lastReport }),
    setError: (error) => set({ error }),
  }));
}
