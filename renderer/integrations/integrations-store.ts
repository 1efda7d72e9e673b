/**
 * The integrations as the renderer holds them: the host's view (each
 * integration's state, its saved settings without tokens, PagerDuty's
 * on-call), and the deliveries of the incidents the page shows, each list
 * replaced whole by `integrations.deliveries`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Delivery, IntegrationsView } from '../../src/contract/integrations.js';

export interface IntegrationsState {
  view: IntegrationsView | null;
  /** Deliveries by incident id, for the incidents the page watches. */
  deliveries: Record<string, Delivery[]>;
  /** Incident ids the page shows deliveries for, with how many views watch each. */
  watched: Record<string, number>;
  /** Why the last load failed; null while it works. */
  error: string | null;
  setView(view: IntegrationsView): void;
  setDeliveries(incidentId: string, deliveries: Delivery[]): void;
  watch(incidentId: string): () => void;
  setError(message: string | null): void;
}

export type IntegrationsStore = StoreApi<IntegrationsState>;

export function createIntegrationsStore(): IntegrationsStore {
  return createStore<IntegrationsState>()((set, get) => ({
    view: null,
    deliveries: {},
    watched: {},
    error: null,
    setView: (view) => set({ view }),
    setDeliveries: (incidentId, deliveries) => set((s) => ({ deliveries: { ...s.deliveries, [incidentId]: deliveries } })),
    watch(incidentId) {
      set((s) => ({ watched: { ...s.watched, [incidentId]: (s.watched[incidentId] ?? 0) + 1 } }));
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const n = (get().watched[incidentId] ?? 1) - 1;
        set((s) => {
          const watched = { ...s.watched };
          if (n > 0) watched[incidentId] = n;
          else delete watched[incidentId];
          return { watched };
        });
      };
    },
    setError: (error) => set({ error }),
  }));
}
