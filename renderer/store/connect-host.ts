/**
 * Wires a host to the store and the risk history: on every link-up it
 * (re)loads the app info, settings, a live snapshot, the risk history, the
 * incidents and the playbook, then follows `live.update`, `incidents.changed`
 * and `incidents.alert` events. A load that fails while the link stays
 * up is retried, so a host that is still starting is picked up.
 *
 * Live updates are numbered deltas against the last snapshot
 * (src/core/live-link/link.ts). Deltas that arrive while no snapshot is
 * held wait for it (the newest MAX_WAITING_DELTAS of them); a skipped
 * number or a delta that does not fit asks for a fresh snapshot at once.
 * Incident changes come the same way (src/core/incidents/link.ts): numbered
 * deltas on the last `incidents.list`, which is asked again after a gap.
 */
import { DEFAULT_SETTINGS } from '../../src/contract/app.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { laneIntervals, riskHistorySpacingMs } from '../../src/core/lanes.js';
import { receiveDelta, receiveSnapshot, type ReceiverState } from '../../src/core/live-link/link.js';
import type { LiveDelta, LiveLinkSnapshot } from '../../src/contract/live.js';
import type { IncidentsDelta, IncidentsLinkView } from '../../src/contract/incidents.js';
import { receiveIncidents, receiveIncidentsView, type IncidentsReceiverState } from '../../src/core/incidents/link.js';
import type { CockpitStore } from './cockpit-store.js';
import { historyCapacity, type RiskHistoryRing } from './risk-history.js';

/** Pause before reloading after a failed load, ms: about one poll. */
export const RELOAD_RETRY_MS = 1_000;
/** Deltas kept while a snapshot is on its way: about 15 s of updates at the default lanes. */
export const MAX_WAITING_DELTAS = 64;

export interface ConnectDeps {
  /** Renderer monotonic ms (performance.now()). */
  localNow(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function connectHost(host: CockpitHost, store: CockpitStore, ring: RiskHistoryRing, deps: ConnectDeps): () => void {
  let generation = 0;
  let retry: unknown = null;
  let stopped = false;
  /** What the last snapshot and the deltas after it built; null while a snapshot is awaited. */
  let link: ReceiverState | null = null;
  let waiting: LiveDelta[] = [];
  let resyncRetry: unknown = null;
  let resyncing = false;
  /** True while the deltas that waited for a snapshot or list are applied to it. */
  let draining = false;

  const applyDelta = (delta: LiveDelta) => {
    // Taken before decoding, so the page's figure for a host message (view/UpdateProbe.tsx) counts the decode too.
    const arrived = deps.localNow();
    if (link === null) {
      waiting.push(delta);
      if (waiting.length > MAX_WAITING_DELTAS) waiting.shift();
      return;
    }
    const received = receiveDelta(link, delta);
    if (received.kind === 'old') return;
    if (received.kind === 'resync') {
      link = null;
      waiting = [delta];
      // Not fitting a snapshot just taken: ask again after a pause, never in a tight loop.
      if (draining) scheduleResync(generation);
      else void resync(generation);
      return;
    }
    link = received.state;
    store.getState().applyUpdate(received.update, arrived);
    ring.appendFromUpdate(received.update);
  };

  let incidentsLink: IncidentsReceiverState | null = null;
  let waitingIncidents: IncidentsDelta[] = [];
  let incidentsRetry: unknown = null;
  let relisting = false;

  const applyIncidentsDelta = (delta: IncidentsDelta) => {
    if (incidentsLink === null) {
      waitingIncidents.push(delta);
      if (waitingIncidents.length > MAX_WAITING_DELTAS) waitingIncidents.shift();
      return;
    }
    const received = receiveIncidents(incidentsLink, delta);
    if (received.kind === 'old') return;
    if (received.kind === 'resync') {
      incidentsLink = null;
      waitingIncidents = [delta];
      if (draining) scheduleRelist(generation);
      else void relist(generation);
      return;
    }
    incidentsLink = received.state;
    store.getState().setIncidentsView(received.state.view);
  };

  const takeIncidents = (view: IncidentsLinkView) => {
    incidentsLink = receiveIncidentsView(view);
    store.getState().setIncidentsView(incidentsLink.view);
    const after = waitingIncidents;
    waitingIncidents = [];
    draining = true;
    for (const delta of after) applyIncidentsDelta(delta);
    draining = false;
  };

  /** Only the incident list again, after a gap; retried while the link stays up. */
  const relist = async (gen: number) => {
    if (relisting) return;
    relisting = true;
    const view = await host.call('incidents.list', {});
    relisting = false;
    if (stopped || gen !== generation || incidentsLink !== null) return;
    if (view.ok) takeIncidents(view.value);
    else scheduleRelist(gen);
  };
  function scheduleRelist(gen: number) {
    if (incidentsRetry !== null || !store.getState().linkUp) return;
    incidentsRetry = deps.setTimeout(() => {
      incidentsRetry = null;
      if (!stopped && gen === generation && incidentsLink === null) void relist(gen);
    }, RELOAD_RETRY_MS);
  }

  /** Takes a snapshot as the new base, then the deltas that came after it. */
  const takeSnapshot = (snapshot: LiveLinkSnapshot) => {
    store.getState().applySnapshot(snapshot, deps.localNow());
    link = receiveSnapshot(snapshot);
    const after = waiting;
    waiting = [];
    draining = true;
    for (const delta of after) applyDelta(delta);
    draining = false;
  };

  /** Only the live snapshot again, after a gap; retried while the link stays up. */
  const resync = async (gen: number) => {
    if (resyncing) return;
    resyncing = true;
    const snapshot = await host.call('live.snapshot', {});
    resyncing = false;
    if (stopped || gen !== generation || link !== null) return;
    if (snapshot.ok) takeSnapshot(snapshot.value);
    else scheduleResync(gen);
  };
  function scheduleResync(gen: number) {
    if (resyncRetry !== null || !store.getState().linkUp) return;
    resyncRetry = deps.setTimeout(() => {
      resyncRetry = null;
      if (!stopped && gen === generation && link === null) void resync(gen);
    }, RELOAD_RETRY_MS);
  }

  const load = async (gen: number) => {
    const [info, settings, snapshot, history, incidents, playbook] = await Promise.all([
      host.call('app.info', {}),
      host.call('settings.get', {}),
      host.call('live.snapshot', {}),
      host.call('live.history', {}),
      host.call('incidents.list', {}),
      host.call('playbook.get', {}),
    ]);
    // A newer link-up started its own load; this one's answers are older.
    if (stopped || gen !== generation) return;
    const state = store.getState();
    if (info.ok) state.setInfo(info.value);
    if (settings.ok) state.setSettings(settings.value);
    if (snapshot.ok && link === null) takeSnapshot(snapshot.value);
    const hours = (settings.ok ? settings.value : state.settings ?? DEFAULT_SETTINGS).historyHours;
    const pollMs = info.ok ? info.value.pollMs : state.pollMs ?? DEFAULT_SETTINGS.pollMs;
    ring.resize(historyCapacity(hours, pollMs));
    if (info.ok) ring.setSpacing(riskHistorySpacingMs(laneIntervals(info.value.pollMs, info.value.fastPollMs)));
    if (history.ok) ring.load(history.value);
    if (incidents.ok && incidentsLink === null) takeIncidents(incidents.value);
    if (playbook.ok) state.setPlaybook(playbook.value);
    const loaded = info.ok && settings.ok && snapshot.ok && history.ok && incidents.ok && playbook.ok;
    if (!loaded && store.getState().linkUp) {
      retry = deps.setTimeout(() => {
        retry = null;
        if (!stopped && gen === generation && store.getState().linkUp) void load(gen);
      }, RELOAD_RETRY_MS);
    }
  };

  const offUpdate = host.on('live.update', applyDelta);
  const offIncidents = host.on('incidents.changed', applyIncidentsDelta);
  const offAlert = host.on('incidents.alert', (alert) => store.getState().pushAlert(alert));
  store.getState().bindIncidentCalls((name, request) => host.call(name, request));
  const offLink = host.onConnection((up) => {
    store.getState().setLink(up, deps.localNow());
    if (retry !== null) deps.clearTimeout(retry);
    if (resyncRetry !== null) deps.clearTimeout(resyncRetry);
    if (incidentsRetry !== null) deps.clearTimeout(incidentsRetry);
    retry = null;
    resyncRetry = null;
    incidentsRetry = null;
    resyncing = false;
    relisting = false;
    incidentsLink = null;
    waitingIncidents = [];
    // A new link: whatever was numbered on the old one says nothing now.
    link = null;
    waiting = [];
    generation++;
    if (up) void load(generation);
  });

  return () => {
    stopped = true;
    if (retry !== null) deps.clearTimeout(retry);
    if (resyncRetry !== null) deps.clearTimeout(resyncRetry);
    if (incidentsRetry !== null) deps.clearTimeout(incidentsRetry);
    offUpdate();
    offIncidents();
    offAlert();
    offLink();
  };
}
