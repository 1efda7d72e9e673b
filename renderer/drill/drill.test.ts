import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import type { DrillView } from '../../src/contract/drill.js';
import type { CallName, EventName } from '../../src/contract/index.js';
import { fail, ok, type Result } from '../../src/contract/result.js';
import { connectDrill } from './connect-drill.js';
import { createDrillStore } from './drill-store.js';

function fakeHost() {
  const calls: { name: CallName; resolve: (r: Result<unknown>) => void }[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  let link: (up: boolean) => void = () => {};
  const host = {
    call: (name: CallName) => new Promise((resolve) => calls.push({ name, resolve: resolve as never })),
    on: (name: EventName, l: (p: unknown) => void) => (listeners.set(name, l), () => void listeners.delete(name)),
    onConnection: (l: (up: boolean) => void) => ((link = l), () => {}),
  } as unknown as CockpitHost;
  return { host, calls, emit: (name: string, p: unknown) => listeners.get(name)?.(p), link: (up: boolean) => link(up) };
}

const view = (available: boolean, running: DrillView['running'] = null): DrillView => ({
  available, unavailableReason: available ? null : 'HTTP 404', target: 'http://127.0.0.1:1', drills: [], running, reports: [],
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('connectDrill', () => {
  it('asks on link-up and again each time the Drill view opens, follows drill.changed, and shows a refusal', async () => {
    const h = fakeHost();
    const store = createDrillStore();
    const off = connectDrill(h.host, store);
    h.link(true);
    h.calls.shift()!.resolve(ok(view(false)));
    await flush();
    expect(store.getState().view?.available).toBe(false);

    store.getState().setOpen(true);
    expect(h.calls.map((c) => c.name)).toEqual(['drill.view']);
    h.calls.shift()!.resolve(ok(view(true)));
    await flush();
    expect(store.getState().view?.available).toBe(true);

    const running = { drillId: 'd', label: 'D', startedAt: 1, stepsSent: 1, stepsTotal: 2, problems: [] };
    h.emit('drill.changed', view(true, running));
    expect(store.getState().view?.running).toEqual(running);

    store.getState().setOpen(false);
    store.getState().setOpen(true);
    h.calls.shift()!.resolve(fail('unavailable', 'the host could not ask'));
    await flush();
    expect(store.getState().error).toBe('the host could not ask');
    // Closing forgets the error and the last report.
    store.getState().setReport({ drillId: 'd', label: 'D', startedAt: 1, endedAt: 2, by: 'ana', incidentIds: [], severity: null, lines: [], problems: [] });
    store.getState().setOpen(false);
    expect(store.getState()).toMatchObject({ error: null, lastReport: null });
    off();
  });
});
