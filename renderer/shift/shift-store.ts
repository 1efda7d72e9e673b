/**
 * The shift as the renderer holds it: the host's view (role, window,
 * routines with ticks), replaced whole by `shift.get`, `shift.tick` and the
 * `shift.changed` event.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ShiftView } from '../../src/contract/checks.js';

export interface ShiftState {
  view: ShiftView | null;
  setView(view: ShiftView): void;
}

export type ShiftStore = StoreApi<ShiftState>;

export function createShiftStore(): ShiftStore {
  return createStore<ShiftState>()((set) => ({
    view: null,
    setView: (view) => set({ view }),
  }));
}
