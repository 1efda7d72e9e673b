import { describe, expect, it } from 'vitest';
import { exposedInMainWorld } from '../test/stubs/electron.js';
import { CALL_NAMES } from '../src/contract/index.js';

describe('preload', () => {
  it('exposes the bridge as window.cockpit and nothing else', async () => {
    await import('./preload.js');
    expect(Object.keys(exposedInMainWorld)).toEqual(['cockpit']);
    const api = exposedInMainWorld.cockpit as { calls: Record<string, unknown> };
    expect(Object.keys(api.calls).sort()).toEqual([...CALL_NAMES].sort());
  });
});
