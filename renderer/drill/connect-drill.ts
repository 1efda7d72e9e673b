/**
 * Wires the host to the drill store: the view on every link-up and each time
 * the Drill view opens (whether /sim/v1 answers is asked afresh), then
 * `drill.changed` as steps go out and drills end.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { DrillStore } from './drill-store.js';

export function connectDrill(host: Pick<CockpitHost, 'call' | 'on' | 'onConnection'>, store: DrillStore): () => void {
  let generation = 0;
  const load = async (gen: number) => {
    const result = await host.call('drill.view', {});
    if (gen !== generation) return;
    if (result.ok) store.getState().setView(result.value);
    else store.getState().setError(result.error.message);
  };
  const offs = [
    host.on('drill.changed', (view) => store.getState().setView(view)),
    host.onConnection((up) => {
      generation++;
      if (up) void load(generation);
    }),
    store.subscribe((state, before) => {
      if (state.open && !before.open) void load(++generation);
    }),
  ];
  return () => {
    generation++;
    for (const off of offs) off();
  };
}
