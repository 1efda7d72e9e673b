/** The page's one drill store, connected to the page's host once by <DrillConnection/>. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { callReporting } from '../host/call-reporting.js';
import { getHost } from '../host/index.js';
import { connectDrill } from './connect-drill.js';
import { createDrillStore, type DrillState } from './drill-store.js';

export const drillStore = createDrillStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useDrill = <T,>(selector: (s: DrillState) => T): T => useStore(drillStore, selector);

export const openDrill = () => drillStore.getState().setOpen(true);

export const drillCall = callReporting(getHost, (message) => drillStore.getState().setError(message));

export function DrillConnection() {
  useEffect(() => connectDrill(getHost(), drillStore), []);
  return null;
}
