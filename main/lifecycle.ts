/**
 * The app's life around its one window. The cockpit keeps counting incident
 * deadlines and raising notifications while the window is away, so closing
 * the window hides it whenever something still needs the process: an open
 * incident, or a tray to bring the window back from. The app ends only when
 * asked to (the tray's Quit, the platform's quit: Cmd+Q, the dock, a system
 * shutdown), or when the window closes with nothing left to keep it.
 *
 * Quitting stops the incident signals and the backend (poller, embedded
 * simulator, terminals, audit log) first, but never waits on them for more
 * than BACKEND_CLOSE_LIMIT_MS: an engineer who quits must see the app go.
 *
 * Structural types only, so tests drive it with plain objects.
 */
import type { Timers } from '../src/services/hft/timers.js';

/** How long quitting waits for the backend to close, ms. */
export const BACKEND_CLOSE_LIMIT_MS = 3_000;

export interface PreventableEvent {
  preventDefault(): void;
}

export interface LifecycleWindow {
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed' | 'session-end', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  hide(): void;
  focus(): void;
}

export interface LifecycleApp {
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  quit(): void;
  exit(code: number): void;
}

export interface LifecycleOptions<W extends LifecycleWindow> {
  app: LifecycleApp;
  /** Creates the cockpit window and starts loading it; it shows itself when ready. */
  openWindow(): W;
  /** Whether a closed window should only hide: open incidents, or a tray to come back from. */
  keepRunning(): boolean;
  /** Stops everything the app started; called once, on the first quit. */
  shutDown(): Promise<void>;
  timers: Timers;
  log(line: string): void;
}

export interface Lifecycle<W> {
  /** The window, or null while there is none (closed, not yet reopened). */
  window(): W | null;
  /** Brings the window forward, opening a new one if it was closed. */
  showWindow(): void;
}

export function startLifecycle<W extends LifecycleWindow>(options: LifecycleOptions<W>): Lifecycle<W> {
  const { app, timers, log } = options;
  let current: W | null = null;
  let quitting = false;
  let stage: 'running' | 'closing' | 'done' = 'running';

  const open = (): W => {
    const window = options.openWindow();
    window.on('close', (event) => {
      if (quitting || !options.keepRunning()) return;
      event.preventDefault();
      window.hide();
    });
    // Windows ends the session without a before-quit: the window must not hold up the shutdown.
    window.on('session-end', () => {
      quitting = true;
    });
    window.on('closed', () => {
      if (current === window) current = null;
    });
    return window;
  };

  const showWindow = () => {
    if (quitting) return;
    if (current === null || current.isDestroyed()) {
      current = open();
      return;
    }
    if (current.isMinimized()) current.restore();
    current.show();
    current.focus();
  };

  app.on('second-instance', showWindow);
  // macOS: a click on the dock icon.
  app.on('activate', showWindow);
  // Reached only when a close was let through: nothing needed the app any more.
  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    quitting = true;
    if (stage === 'done') return;
    event.preventDefault();
    if (stage === 'closing') return;
    stage = 'closing';
    let limit: unknown;
    const timedOut = new Promise<'timed out'>((resolve) => {
      limit = timers.setTimeout(() => resolve('timed out'), BACKEND_CLOSE_LIMIT_MS);
    });
    const closed = options.shutDown().then(
      () => 'closed' as const,
      (error: unknown) => {
        log(`closing the backend failed: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed' as const;
      },
    );
    void Promise.race([closed, timedOut]).then((outcome) => {
      timers.clearTimeout(limit);
      if (outcome === 'timed out') log(`the backend did not close within ${BACKEND_CLOSE_LIMIT_MS / 1000} s; exiting anyway`);
      stage = 'done';
      // exit, not quit: whatever is still open (a hung socket, a page's unload handler) must not keep the app alive.
      app.exit(outcome === 'closed' ? 0 : 1);
    });
  });

  return { window: () => current, showWindow };
}
