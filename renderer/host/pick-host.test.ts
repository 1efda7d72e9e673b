import { describe, expect, it } from 'vitest';
import type { ElectronBridgeApi } from '../../src/contract/bridge.js';
import { ok } from '../../src/contract/result.js';
import { createElectronHost } from './electron-bridge.js';
import { readHostFlag } from './index.js';

const docWith = (content: string | null) => ({
  querySelector: (selector: string) =>
    selector === 'meta[name="cockpit-host"]' && content !== null ? ({ content } as never) : null,
});

describe('picking the host', () => {
  it('reads the flag from the meta tag only', () => {
    expect(readHostFlag(docWith('electron'))).toBe('electron');
    expect(readHostFlag(docWith('browser'))).toBe('browser');
    expect(readHostFlag(docWith('__COCKPIT_HOST__'))).toBeNull();
    expect(readHostFlag(docWith(null))).toBeNull();
  });
});

describe('electron host bridge', () => {
  const info = { version: '1', hostKind: 'electron' as const, demo: true, apiUrl: 'x', pollMs: 1000, dataDir: '/d', startedAt: 0 };

  it('forwards calls to the preload and reports the link up', async () => {
    const api = {
      calls: { 'app.info': async () => ok(info) },
      events: { 'live.update': () => () => {} },
    } as unknown as ElectronBridgeApi;
    const host = createElectronHost(api);
    expect(await host.call('app.info', {})).toEqual(ok(info));
    const links: boolean[] = [];
    host.onConnection((up) => links.push(up));
    expect(links).toEqual([true]);
  });

  it('turns a rejected invoke into unavailable', async () => {
    const api = {
      calls: { 'app.info': async () => { throw new Error('No handler registered'); } },
      events: {},
    } as unknown as ElectronBridgeApi;
    expect(await createElectronHost(api).call('app.info', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'No handler registered' },
    });
  });
});
