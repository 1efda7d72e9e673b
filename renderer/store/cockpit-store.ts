/**
 * The renderer's one store, combined from typed slices (zustand docs, "slices
 * pattern"). Vanilla, so tests and the bench drive it without React; the view
 * reads it through `useCockpit` with per-row selectors.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAppSlice, type AppSlice } from './app-slice.js';
import { createIncidentsSlice, type IncidentsSlice } from './incidents-slice.js';
import { createLinkSlice, type LinkSlice } from './link-slice.js';
import { createLiveSlice, type LiveSlice } from './live-slice.js';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.js';

export type CockpitState = AppSlice & LiveSlice & LinkSlice & SettingsSlice & IncidentsSlice;
export type CockpitStore = StoreApi<CockpitState>;

export function createCockpitStore(): CockpitStore {
  return createStore<CockpitState>()((...a) => ({
    ...createAppSlice(...a),
    ...createLiveSlice(...a),
    ...createLinkSlice(...a),
    ...createSettingsSlice(...a),
    ...createIncidentsSlice(...a),
  }));
}
