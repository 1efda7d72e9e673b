/**
 * Wires the host to the changes store: the list on every link-up, then
 * `changes.changed` (sent after every record or mark, from any window).
 * An answer from before a reconnect is dropped: a newer one follows.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { ChangesStore } from './changes-store.js';

export function connectChanges(host: Pick<CockpitHost, 'call' | 'on' | 'onConnection'>, store: ChangesStore): () => void {
  let generation = 0;
  const load = async (gen: number) => {
    const result = await host.call('changes.list', {});
    if (gen !== generation) return;
    if (result.ok) store.getState().setChanges(result.value.changes);
    store.getState().setError(result.ok ? null : result.error.message);
  };
  const offs = [
    host.on('changes.changed', (view) => store.getState().setChanges(view.changes)),
    host.onConnection((up) => {
      generation++;
      if (up) void load(generation);
    }),
  ];
  return () => {
    generation++;
    for (const off of offs) off();
  };
}
