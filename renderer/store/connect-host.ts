/**
 * Wires a host to the store and the risk history: on every link-up it
 * (re)loads the app info, settings, a live snapshot, the risk history, the
 * incidents and the playbook, then follows `live.update`, `incidents.changed`
 * and `incidents.alert` events. A load that fails while the link stays
 * up is retried, so a host that is still starting is picked up.
 *
 * Live updates are numbered deltas against the last snapshot
 * (src/core/live-link/link.ts), and incident changes numbered deltas on the
 * last `incidents.list` (src/core/incidents/link.ts); both are followed by
 * `numberedStream`: deltas wait for their base (the newest
 * MAX_WAITING_DELTAS of them), and a skipped number or a delta that does
 * not fit asks for a fresh base.
 */
import { DEFAULT_SETTINGS } from '../../src/contract/app.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { laneIntervals, riskHistorySpacingMs } from '../../src/core/lanes.js';
import { receiveDelta, receiveSnapshot } from '../../src/core/live-link/link.js';
import type { LiveLinkSnapshot, LiveUpdate } from '../../src/contract/live.js';
import { FloodHold, onlyNewNumbers } from '../../src/core/live-link/flood-hold.js';
import type { IncidentsLinkView } from '../../src/contract/incidents.js';
import { receiveIncidents, receiveIncidentsView } from '../../src/core/incidents/link.js';
import { SKEW_WARN_MS } from '../view/panel-freshness.js';
import type { CockpitStore } from './cockpit-store.js';
import { numberedStream } from './numbered-stream.js';
import { historyCapacity, type RiskHistoryRing } from './risk-history.js';

/** Pause before reloading after a failed load, ms: about one poll. */
export const RELOAD_RETRY_MS = 1_000;
/** Deltas kept while a snapshot is on its way: about 15 s of updates at the default lanes. */
export const MAX_WAITING_DELTAS = 64;

export interface ConnectDeps {
  /** Renderer monotonic ms (performance.now()). */
  localNow(): number;
  /**
   * A terminal in the page is pouring out bulk output now: live updates
   * that only bring new numbers are then committed at most once per poll
   * interval (src/core/live-link/flood-hold.ts). Never, when absent.
   */
  terminalFlooding?(): boolean;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function connectHost(host: CockpitHost, store: CockpitStore, ring: RiskHistoryRing, deps: ConnectDeps): () => void {
  let generation = 0;
  let retry: unknown = null;
  let stopped = false;
  const common = {
    canRetry: () => store.getState().linkUp,
    now: deps.localNow,
    setTimeout: deps.setTimeout,
    clearTimeout: deps.clearTimeout,
    retryMs: RELOAD_RETRY_MS,
    maxWaiting: MAX_WAITING_DELTAS,
  };
  /** Live updates held back while a terminal floods, each with when it arrived. */
  const hold = new FloodHold<{ update: LiveUpdate; arrivedAt: number }>();
  let holdTimer: unknown = null;
  const commit = (items: { update: LiveUpdate; arrivedAt: number }[]) => {
    const state = store.getState();
    // Each with its own arrival time: a panel's age is that of what it shows.
    for (const { update, arrivedAt } of items) {
      state.applyUpdate(update, arrivedAt);
      ring.appendFromUpdate(update);
    }
    const due = hold.dueAt;
    if (due !== null && holdTimer === null) {
      holdTimer = deps.setTimeout(() => {
        holdTimer = null;
        commit(hold.release(deps.localNow()));
      }, Math.max(0, due - deps.localNow()));
    }
  };
  /** Commits what was held at once (a new base, a new link, the end). */
  const releaseHeld = () => {
    if (holdTimer !== null) deps.clearTimeout(holdTimer);
    holdTimer = null;
    commit(hold.release(deps.localNow()));
  };
  const live = numberedStream({
    ...common,
    fromBase: receiveSnapshot,
    receive: receiveDelta,
    fetchBase: () => host.call('live.snapshot', {}),
    tookBase: (snapshot: LiveLinkSnapshot) => {
      releaseHeld();
      store.getState().applySnapshot(snapshot, deps.localNow());
    },
    // The arrival is taken before decoding, so the page's figure for a host message (view/UpdateProbe.tsx) counts the decode too.
    applied: ({ update }, arrivedAt) => {
      const state = store.getState();
      const pollMs = state.pollMs ?? DEFAULT_SETTINGS.pollMs;
      const { playbook } = state;
      const mayWait = playbook !== null && deps.terminalFlooding?.() === true && onlyNewNumbers(update, state.endpoints, state.apiRoute, { playbook, pollMs, skewWarnMs: SKEW_WARN_MS });
      commit(hold.offer({ update, arrivedAt }, deps.localNow(), mayWait, pollMs));
    },
  });
  const incidentList = numberedStream({
    ...common,
    fromBase: receiveIncidentsView,
    receive: receiveIncidents,
    fetchBase: () => host.call('incidents.list', {}),
    tookBase: (_view: IncidentsLinkView, state) => store.getState().setIncidentsView(state.view),
    applied: ({ state }) => store.getState().setIncidentsView(state.view),
  });

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
    if (snapshot.ok) live.take(snapshot.value);
    const hours = (settings.ok ? settings.value : state.settings ?? DEFAULT_SETTINGS).historyHours;
    const pollMs = info.ok ? info.value.pollMs : state.pollMs ?? DEFAULT_SETTINGS.pollMs;
    ring.resize(historyCapacity(hours, pollMs));
    if (info.ok) ring.setSpacing(riskHistorySpacingMs(laneIntervals(info.value.pollMs, info.value.fastPollMs)));
    if (history.ok) ring.load(history.value);
    if (incidents.ok) incidentList.take(incidents.value);
    if (playbook.ok) state.setPlaybook(playbook.value);
    const loaded = info.ok && settings.ok && snapshot.ok && history.ok && incidents.ok && playbook.ok;
    if (!loaded && store.getState().linkUp) {
      retry = deps.setTimeout(() => {
        retry = null;
        if (!stopped && gen === generation && store.getState().linkUp) void load(gen);
      }, RELOAD_RETRY_MS);
    }
  };

  const offUpdate = host.on('live.update', live.receive);
  const offIncidents = host.on('incidents.changed', incidentList.receive);
  const offAlert = host.on('incidents.alert', (alert) => store.getState().pushAlert(alert));
  store.getState().bindIncidentCalls((name, request) => host.call(name, request));
  const offLink = host.onConnection((up) => {
    store.getState().setLink(up, deps.localNow());
    if (retry !== null) deps.clearTimeout(retry);
    retry = null;
    // A new link: whatever was numbered on the old one says nothing now.
    releaseHeld();
    live.reset();
    incidentList.reset();
    generation++;
    if (up) void load(generation);
  });

  return () => {
    stopped = true;
    if (retry !== null) deps.clearTimeout(retry);
    if (holdTimer !== null) deps.clearTimeout(holdTimer);
    live.stop();
    incidentList.stop();
    offUpdate();
    offIncidents();
    offAlert();
    offLink();
  };
}
