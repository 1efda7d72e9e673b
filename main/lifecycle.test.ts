import { describe, expect, it } from 'vitest';
import { FakeTime, flushPromises } from '../test/support/hft-fakes.js';
import { BACKEND_CLOSE_LIMIT_MS, startLifecycle, type LifecycleWindow, type PreventableEvent } from './lifecycle.js';

type Listener = (event: PreventableEvent) => void;

class FakeWindow implements LifecycleWindow {
  listeners = new Map<string, Listener[]>();
  visible = true;
  minimized = false;
  destroyed = false;
  focused = 0;
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** What a click on the window's close button does: 'close', then 'closed' unless prevented. */
  close(): boolean {
    let prevented = false;
    for (const l of this.listeners.get('close') ?? []) l({ preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      for (const l of this.listeners.get('closed') ?? []) l({ preventDefault: () => {} });
    }
    return !prevented;
  }
  emit(event: string) {
    for (const l of this.listeners.get(event) ?? []) l({ preventDefault: () => {} });
  }
  isDestroyed() { return this.destroyed; }
  isMinimized() { return this.minimized; }
  restore() { this.minimized = false; }
  show() { this.visible = true; }
  hide() { this.visible = false; }
  focus() { this.focused++; }
}

function harness({ keepRunning = true, shutDown = async () => {} }: { keepRunning?: boolean; shutDown?: () => Promise<void> } = {}) {
  const time = new FakeTime();
  const appListeners = new Map<string, Listener>();
  const calls: string[] = [];
  const lines: string[] = [];
  const state = { keepRunning };
  const windows: FakeWindow[] = [];
  const app = {
    on: (event: string, listener: Listener) => appListeners.set(event, listener),
    quit: () => {
      calls.push('quit');
      // Electron emits before-quit and, unless prevented, goes on to end the app.
      let prevented = false;
      appListeners.get('before-quit')!({ preventDefault: () => (prevented = true) });
      if (!prevented) calls.push('quit went through');
    },
    exit: (code: number) => calls.push(`exit ${code}`),
  };
  const lifecycle = startLifecycle<FakeWindow>({
    app,
    openWindow: () => {
      const w = new FakeWindow();
      windows.push(w);
      return w;
    },
    keepRunning: () => state.keepRunning,
    shutDown: async () => {
      calls.push('shutDown');
      await shutDown();
    },
    timers: time,
    log: (line) => lines.push(line),
  });
  const emitApp = (event: string) => appListeners.get(event)!({ preventDefault: () => {} });
  return { lifecycle, app, time, calls, lines, state, windows, emitApp };
}

describe('lifecycle', () => {
  it('hides the window on close while something needs the app, and brings it back', () => {
    const { lifecycle, windows, emitApp, calls } = harness();
    lifecycle.showWindow();
    const [first] = windows;
    expect(first!.close()).toBe(false);
    expect(first!.visible).toBe(false);
    expect(lifecycle.window()).toBe(first);

    // Starting the cockpit again (second instance) shows the same window.
    first!.minimized = true;
    emitApp('second-instance');
    expect(windows).toHaveLength(1);
    expect(first).toMatchObject({ visible: true, minimized: false, focused: 1 });

    // The tray (its menu's Show) and the dock do the same.
    first!.close();
    lifecycle.showWindow();
    emitApp('activate');
    expect(first).toMatchObject({ visible: true, focused: 3 });
    expect(calls).toEqual([]);
  });

  it('lets the window close, and the app quit, when nothing needs it', () => {
    const { lifecycle, windows, emitApp, calls } = harness({ keepRunning: false });
    lifecycle.showWindow();
    expect(windows[0]!.close()).toBe(true);
    expect(lifecycle.window()).toBeNull();
    emitApp('window-all-closed');
    expect(calls[0]).toBe('quit');
  });

  it('opens a new window when the old one was closed', () => {
    const { lifecycle, windows, emitApp, state } = harness({ keepRunning: false });
    lifecycle.showWindow();
    windows[0]!.close();
    state.keepRunning = true;
    emitApp('second-instance');
    expect(windows).toHaveLength(2);
    expect(lifecycle.window()).toBe(windows[1]);
    // The old window's late 'closed' does not forget the new one.
    windows[0]!.emit('closed');
    expect(lifecycle.window()).toBe(windows[1]);
  });

  it('closes the backend once on quit, then exits, and lets the window close meanwhile', async () => {
    const { lifecycle, app, windows, calls, time } = harness();
    lifecycle.showWindow();
    app.quit();
    app.quit();
    expect(calls).toEqual(['quit', 'shutDown', 'quit']);
    expect(windows[0]!.close()).toBe(true);
    await flushPromises();
    expect(calls.slice(3)).toEqual(['exit 0']);
    expect(time.timerCount).toBe(0);
    // Once done, a quit is no longer held back, and no window comes back.
    app.quit();
    expect(calls.at(-1)).toBe('quit went through');
    lifecycle.showWindow();
    expect(windows).toHaveLength(1);
  });

  it('exits 3 s after a quit even when the backend never closes', async () => {
    const { app, calls, lines, time } = harness({ shutDown: () => new Promise(() => {}) });
    app.quit();
    await time.advance(BACKEND_CLOSE_LIMIT_MS - 1);
    expect(calls).toEqual(['quit', 'shutDown']);
    await time.advance(1);
    expect(calls).toEqual(['quit', 'shutDown', 'exit 1']);
    expect(lines).toEqual(['the backend did not close within 3 s; exiting anyway']);
    expect(BACKEND_CLOSE_LIMIT_MS).toBe(3_000);
  });

  it('exits when closing the backend fails, saying why', async () => {
    const { app, calls, lines } = harness({ shutDown: async () => Promise.reject(new Error('audit log: EIO')) });
    app.quit();
    await flushPromises();
    expect(calls).toEqual(['quit', 'shutDown', 'exit 1']);
    expect(lines).toEqual(['closing the backend failed: audit log: EIO']);
  });

  it('does not hold up a Windows session end', () => {
    const { lifecycle, windows } = harness();
    lifecycle.showWindow();
    windows[0]!.emit('session-end');
    expect(windows[0]!.close()).toBe(true);
  });
});
