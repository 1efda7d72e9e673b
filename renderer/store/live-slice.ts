import type { StateCreator } from 'zustand/vanilla';
import type { EndpointName } from '../../src/contract/hft.js';
import type { ApiRoute, LiveSnapshot, LiveUpdate } from '../../src/contract/live.js';
import { mergeEndpoints, type LiveEndpoints } from './live-merge.js';
import type { CockpitState } from './cockpit-store.js';

/**
 * The live endpoints as the host measured them. Times here are the
 * renderer's monotonic clock (performance.now()), used only to age what the
 * host reported: the host's `ageMs` was true when it sent the view.
 */
export interface LiveSlice {
  endpoints: LiveEndpoints;
  /** The host's poll interval, ms; null before the first snapshot. */
  pollMs: number | null;
  /** Renderer monotonic ms when the host last spoke (snapshot or update). */
  lastHostMessageAt: number | null;
  /** Renderer monotonic ms when each endpoint's view last arrived. */
  arrivedAt: Partial<Record<EndpointName, number>>;
  /** How the host reaches the API (direct or through an SSH tunnel); null when the host does not say. */
  apiRoute: ApiRoute | null;
  applySnapshot(snapshot: LiveSnapshot, localNow: number): void;
  applyUpdate(update: LiveUpdate, localNow: number): void;
}

export const createLiveSlice: StateCreator<CockpitState, [], [], LiveSlice> = (set, get) => {
  const apply = (endpoints: LiveEndpoints, pollMs: number, localNow: number, apiRoute: ApiRoute | undefined) => {
    const state = get();
    const arrivedAt = { ...state.arrivedAt };
    for (const name of Object.keys(endpoints) as EndpointName[]) {
      if (endpoints[name] !== undefined) arrivedAt[name] = localNow;
    }
    set({
      endpoints: mergeEndpoints(state.endpoints, endpoints),
      pollMs,
      lastHostMessageAt: localNow,
      arrivedAt,
      // Kept by identity while unchanged: the host repeats the route on every update.
      ...(apiRoute && !sameRoute(state.apiRoute, apiRoute) ? { apiRoute } : {}),
    });
  };
  return {
    endpoints: {},
    pollMs: null,
    lastHostMessageAt: null,
    arrivedAt: {},
    apiRoute: null,
    applySnapshot: (snapshot, localNow) => apply(snapshot.endpoints, snapshot.pollMs, localNow, snapshot.apiRoute),
    applyUpdate: (update, localNow) => apply(update.endpoints, update.pollMs, localNow, update.apiRoute),
  };
};

const sameRoute = (a: ApiRoute | null, b: ApiRoute) => a !== null && a.kind === b.kind && a.via === b.via && a.note === b.note;
