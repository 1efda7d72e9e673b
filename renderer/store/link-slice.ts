import type { StateCreator } from 'zustand/vanilla';
import type { CockpitState } from './cockpit-store.js';

/** Whether the renderer can hear its host (the browser host's socket can drop). */
export interface LinkSlice {
  linkUp: boolean;
  /** Renderer monotonic ms of the last change, null before the first report. */
  linkChangedAt: number | null;
  setLink(up: boolean, localNow: number): void;
}

export const createLinkSlice: StateCreator<CockpitState, [], [], LinkSlice> = (set, get) => ({
  linkUp: false,
  linkChangedAt: null,
  setLink: (up, localNow) => {
    if (get().linkUp === up && get().linkChangedAt !== null) return;
    set({ linkUp: up, linkChangedAt: localNow });
  },
});
