/**
 * The pre-shift check as the renderer holds it: the plan, the last report
 * (replaced whole by each `checks.progress`), the open password questions,
 * whether the wizard is open, and the last call error in words. Vanilla
 * zustand, so tests drive it without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccessReport, ChecksPlan, PasswordAsk } from '../../src/contract/checks.js';

export interface ChecksState {
  plan: ChecksPlan | null;
  report: AccessReport | null;
  asks: PasswordAsk[];
  wizardOpen: boolean;
  /** The last failed call, in words; null once something works again. */
  error: string | null;
  setPlan(plan: ChecksPlan): void;
  setReport(report: AccessReport | null): void;
  addAsk(ask: PasswordAsk): void;
  settleAsk(askId: string): void;
  setWizardOpen(open: boolean): void;
  setError(error: string | null): void;
}

export type ChecksStore = StoreApi<ChecksState>;

export function createChecksStore(): ChecksStore {
  return createStore<ChecksState>()((set) => ({
    plan: null,
    report: null,
    asks: [],
    wizardOpen: false,
    error: null,
    setPlan: (plan) => set({ plan }),
    setReport: (report) => set({ report }),
    addAsk: (ask) => set((s) => (s.asks.some((a) => a.askId === ask.askId) ? s : { asks: [...s.asks, ask] })),
    settleAsk: (askId) => set((s) => ({ asks: s.asks.filter((a) => a.askId !== askId) })),
    setWizardOpen: (wizardOpen) => set({ wizardOpen }),
    setError: (error) => set({ error }),
  }));
}
