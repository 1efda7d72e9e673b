/**
 * The tray: the most urgent countdown in its title and tooltip, refreshed
 * every second, and the icon's colour following the most urgent open
 * severity. It learns the incidents from the backend (one `incidents.list`
 * at start, then every `incidents.changed`) like any renderer would.
 */
import type { Incident, IncidentsDelta, IncidentsLinkView } from '../src/contract/index.js';
import { receiveIncidents, receiveIncidentsView, type IncidentsReceiverState } from '../src/core/incidents/link.js';
import { isOpen } from '../src/core/incidents/index.js';
import type { Severity } from '../src/core/playbook/index.js';
import type { Backend } from '../src/host/backend.js';
import type { Timers } from '../src/services/hft/timers.js';
import { trayStatus } from './tray-text.js';

/** Countdown refresh, ms: the text shows whole seconds. */
export const TRAY_REFRESH_MS = 1000;

export interface TrayLike {
  setTitle(title: string): void;
  setToolTip(text: string): void;
  /** Called only when the level changes. */
  setLevel(level: Severity | null): void;
}

export interface IncidentTray {
  stop(): void;
  /** Whether any incident is open: the app must keep running for its clocks and notifications. */
  hasOpenIncidents(): boolean;
}

/** The tray's menu: the only way back to a hidden window on Linux panels, which send no clicks. */
export function trayMenuTemplate(actions: { show(): void; quit(): void }): { label: string; click(): void }[] {
  return [
    { label: 'Show cockpit', click: () => actions.show() },
    { label: 'Quit cockpit', click: () => actions.quit() },
  ];
}

export function startIncidentTray({
  backend,
  tray,
  now,
  timers,
}: {
  backend: Pick<Backend, 'subscribe' | 'handle'>;
  tray: TrayLike;
  now: () => number;
  timers: Timers;
}): IncidentTray {
  let incidents: readonly Incident[] = [];
  let shown = { title: '', tooltip: '', level: undefined as Severity | null | undefined };
  let stopped = false;

  const render = () => {
    const status = trayStatus(incidents, now());
    if (status.title !== shown.title) tray.setTitle(status.title);
    if (status.tooltip !== shown.tooltip) tray.setToolTip(status.tooltip);
    if (status.level !== shown.level) tray.setLevel(status.level);
    shown = status;
  };

  // The backend's incident deltas, rebuilt on its list like any renderer would (src/core/incidents/link.ts).
  let link: IncidentsReceiverState | null = null;
  let waiting: IncidentsDelta[] = [];
  let draining = false;
  const relist = () =>
    void backend.handle('incidents.list', {}).then((result) => {
      if (stopped || !result.ok) return;
      link = receiveIncidentsView(result.value as IncidentsLinkView);
      const after = waiting;
      waiting = [];
      // A delta that does not fit a list just answered is dropped, not asked about again: the next one asks.
      draining = true;
      for (const delta of after) follow(delta);
      draining = false;
      incidents = link.view.incidents;
      render();
    });
  const follow = (delta: IncidentsDelta) => {
    if (link === null) {
      // The newest few are enough: a list answered after them holds the older ones.
      waiting = [...waiting.slice(-63), delta];
      return;
    }
    const received = receiveIncidents(link, delta);
    if (received.kind === 'old') return;
    if (received.kind === 'resync') {
      if (draining) return;
      link = null;
      waiting = [delta];
      relist();
      return;
    }
    link = received.state;
    incidents = link.view.incidents;
    render();
  };
  const unsubscribe = backend.subscribe((name, payload) => {
    if (name === 'incidents.changed') follow(payload as IncidentsDelta);
  });
  relist();

  let handle = timers.setTimeout(function tick() {
    render();
    handle = timers.setTimeout(tick, TRAY_REFRESH_MS);
  }, TRAY_REFRESH_MS);
  render();

  return {
    stop: () => {
      stopped = true;
      unsubscribe();
      timers.clearTimeout(handle);
    },
    hasOpenIncidents: () => incidents.some(isOpen),
  };
}
