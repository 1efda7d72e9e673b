import type { StateCreator } from 'zustand/vanilla';
import type { Settings } from '../../src/contract/app.js';
import type { CockpitState } from './cockpit-store.js';

/** The user's persisted settings as the host last reported them. */
export interface SettingsSlice {
  settings: Settings | null;
  setSettings(settings: Settings): void;
}

export const createSettingsSlice: StateCreator<CockpitState, [], [], SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
});
