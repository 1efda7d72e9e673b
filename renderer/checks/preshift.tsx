/**
 * The page's one pre-shift store and shift store, connected to the page's
 * host once by <PreShiftConnection/>; the header, the wizard and the shift
 * panel read them through the hooks below.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { getHost } from '../host/index.js';
import { createShiftStore, type ShiftState } from '../shift/shift-store.js';
import { createChecksStore, type ChecksState } from './checks-store.js';
import { connectChecks } from './connect-checks.js';

export const checksStore = createChecksStore();
export const shiftStore = createShiftStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useChecks = <T,>(selector: (s: ChecksState) => T): T => useStore(checksStore, selector);
export const useShift = <T,>(selector: (s: ShiftState) => T): T => useStore(shiftStore, selector);

export function PreShiftConnection() {
  useEffect(() => connectChecks(getHost(), checksStore, shiftStore), []);
  return null;
}
