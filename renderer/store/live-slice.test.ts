import { describe, expect, it } from 'vitest';
import { createCockpitStore } from './cockpit-store.js';
import { sampleSnapshot } from './live-fixtures.js';

describe('the API route in the live slice', () => {
  it('follows the route the host reports and keeps it when an update does not say', () => {
    const store = createCockpitStore();
    expect(store.getState().apiRoute).toBeNull();
    store.getState().applySnapshot({ ...sampleSnapshot(1000, 3), apiRoute: { kind: 'direct', via: null, note: null } }, 10);
    expect(store.getState().apiRoute).toEqual({ kind: 'direct', via: null, note: null });

    const viaSsh = { kind: 'ssh' as const, via: 'hft-prod-01', note: null };
    store.getState().applyUpdate({ endpoints: {}, pollMs: 1000, at: 2000, apiRoute: viaSsh }, 20);
    const switched = store.getState().apiRoute;
    expect(switched).toEqual(viaSsh);

    store.getState().applyUpdate({ endpoints: {}, pollMs: 1000, at: 3000, apiRoute: { ...viaSsh } }, 30);
    expect(store.getState().apiRoute).toBe(switched);
    store.getState().applyUpdate({ endpoints: {}, pollMs: 1000, at: 4000 }, 40);
    expect(store.getState().apiRoute).toBe(switched);
  });
});
