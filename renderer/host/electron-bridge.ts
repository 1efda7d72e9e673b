/**
 * The Electron host: the preload's `window.cockpit`, one function per call
 * and one subscribe function per event (src/contract/bridge.ts). IPC lives as
 * long as the window does, so the link is always up.
 */
import type { ElectronBridgeApi } from '../../src/contract/bridge.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { fail, type Result } from '../../src/contract/result.js';

export function createElectronHost(api: ElectronBridgeApi): CockpitHost {
  return {
    kind: 'electron',
    async call(name, request) {
      // The mapped type cannot be indexed by a generic name without widening.
      const fn = (api.calls as unknown as Record<string, ((r: unknown) => Promise<Result<never>>) | undefined>)[name];
      if (typeof fn !== 'function') return fail('unknown_call', `the preload does not expose ${name}`);
      try {
        return await fn(request);
      } catch (error) {
        // ipcRenderer.invoke rejects when the main process handler is missing or crashed.
        return fail('unavailable', error instanceof Error ? error.message : String(error));
      }
    },
    on(name, listener) {
      return api.events[name](listener);
    },
    onConnection(listener) {
      listener(true);
      return () => {};
    },
  };
}
