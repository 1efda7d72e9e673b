import { describe, expect, it } from 'vitest';
import { ipcCallChannel, ipcEventChannel } from '../src/contract/bridge.js';
import { CALL_NAMES, EVENT_NAMES } from '../src/contract/index.js';
import { createBridge, type IpcRendererLike } from './bridge.js';

function fakeIpcRenderer() {
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return { ok: true, value: channel };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc internals' }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge', () => {
  it('exposes exactly one function per call and one per event, nothing generic', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'events']);
    expect(Object.keys(bridge.calls).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(bridge.events).sort()).toEqual([...EVENT_NAMES].sort());
    for (const fn of [...Object.values(bridge.calls), ...Object.values(bridge.events)]) expect(fn).toBeTypeOf('function');
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.calls)).toBe(true);
  });

  it('uses the contract\'s channel for every call and event', async () => {
    const { ipc, invoked, listeners } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    for (const name of CALL_NAMES) await bridge.calls[name]({} as never);
    expect(invoked.map(([channel]) => channel)).toEqual(CALL_NAMES.map(ipcCallChannel));
    for (const name of EVENT_NAMES) bridge.events[name](() => {});
    expect([...listeners.keys()]).toEqual(EVENT_NAMES.map(ipcEventChannel));
  });

  it('binds each call to its own channel', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(await bridge.calls['settings.update']({ pollMs: 500 })).toEqual({ ok: true, value: 'cockpit:call:settings.update' });
    await bridge.calls['app.info']({});
    expect(invoked).toEqual([
      ['cockpit:call:settings.update', [{ pollMs: 500 }]],
      ['cockpit:call:app.info', [{}]],
    ]);
  });

  it('hands listeners the payload only, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const got: unknown[] = [];
    const off = bridge.events['live.update']((payload) => got.push(payload));
    emit('cockpit:event:live.update', { at: 1 });
    off();
    emit('cockpit:event:live.update', { at: 2 });
    expect(got).toEqual([{ at: 1 }]);
    expect(listeners.get('cockpit:event:live.update')?.size).toBe(0);
  });
});
