/**
 * How components reach the store and the risk history: one context holding
 * both, so tests and the bench can mount the view on their own instances.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CockpitState, CockpitStore } from '../store/cockpit-store.js';
import type { RiskHistoryRing } from '../store/risk-history.js';

interface Cockpit {
  store: CockpitStore;
  riskHistory: RiskHistoryRing;
}

const CockpitContext = createContext<Cockpit | null>(null);

export function CockpitProvider({ store, riskHistory, children }: Cockpit & { children: ReactNode }) {
  return <CockpitContext.Provider value={{ store, riskHistory }}>{children}</CockpitContext.Provider>;
}

function useCockpitContext(): Cockpit {
  const cockpit = useContext(CockpitContext);
  if (!cockpit) throw new Error('cockpit components need a CockpitProvider above them');
  return cockpit;
}

/** Reads the store through a selector; the selector must return a stable value (use useShallow for arrays). */
export function useCockpit<T>(selector: (state: CockpitState) => T): T {
  return useStore(useCockpitContext().store, selector);
}

/** The risk history ring and its version (changes on every new point). */
export function useRiskHistory(): { ring: RiskHistoryRing; version: number } {
  const { riskHistory } = useCockpitContext();
  const version = useSyncExternalStore(
    (listener) => riskHistory.subscribe(listener),
    () => riskHistory.version,
  );
  return { ring: riskHistory, version };
}
