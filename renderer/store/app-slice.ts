import type { StateCreator } from 'zustand/vanilla';
import type { AppInfo } from '../../src/contract/app.js';
import type { CockpitState } from './cockpit-store.js';

/** What the host says about itself (version, demo, API URL, poll interval). */
export interface AppSlice {
  info: AppInfo | null;
  /** Why the page cannot talk to its host at all, shown instead of the dashboard. */
  fatal: string | null;
  setInfo(info: AppInfo): void;
  setFatal(message: string): void;
}

export const createAppSlice: StateCreator<CockpitState, [], [], AppSlice> = (set) => ({
  info: null,
  fatal: null,
  setInfo: (info) => set({ info }),
  setFatal: (fatal) => set({ fatal }),
});
