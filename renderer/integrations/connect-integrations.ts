/**
 * Wires the host to the integrations store: on every link-up it loads the
 * integrations' view and the deliveries of the watched incidents, then
 * follows `integrations.changed` (sent on every outbox change, so the
 * watched incidents' deliveries are read again with it) and
 * `incidents.changed` (a new timeline entry queues new messages). Reads of
 * one incident's deliveries never overlap: a change during one makes
 * exactly one more.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { IntegrationsStore } from './integrations-store.js';

export function connectIntegrations(host: CockpitHost, store: IntegrationsStore): () => void {
  let generation = 0;
  let up = false;
  const reading = new Map<string, { again: boolean }>();

  const readDeliveries = (incidentId: string) => {
    const busy = reading.get(incidentId);
    if (busy) {
      busy.again = true;
      return;
    }
    const run = { again: false };
    reading.set(incidentId, run);
    void (async () => {
      do {
        run.again = false;
        const gen = generation;
        const result = await host.call('integrations.deliveries', { incidentId });
        if (gen !== generation || !up) break;
        if (result.ok) store.getState().setDeliveries(incidentId, result.value);
      } while (run.again && up);
      reading.delete(incidentId);
    })();
  };
  const readWatched = () => {
    if (!up) return;
    for (const id of Object.keys(store.getState().watched)) readDeliveries(id);
  };

  const load = async (gen: number) => {
    const view = await host.call('integrations.view', {});
    if (gen !== generation) return;
    if (view.ok) store.getState().setView(view.value);
    store.getState().setError(view.ok ? null : view.error.message);
    readWatched();
  };

  const offWatch = store.subscribe((s, before) => {
    if (s.watched === before.watched) return;
    for (const id of Object.keys(s.watched)) if (!(id in before.watched)) readDeliveries(id);
  });
  const offs = [
    host.on('integrations.changed', (view) => {
      store.getState().setView(view);
      readWatched();
    }),
    host.on('incidents.changed', () => readWatched()),
    host.onConnection((linkUp) => {
      up = linkUp;
      generation++;
      reading.clear();
      if (linkUp) void load(generation);
    }),
  ];
  return () => {
    generation++;
    up = false;
    offWatch();
    for (const off of offs) off();
  };
}
