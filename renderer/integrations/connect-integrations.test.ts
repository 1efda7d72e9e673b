import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import type { CallName, EventName } from '../../src/contract/index.js';
import type { Delivery, IntegrationsView } from '../../src/contract/integrations.js';
import { ok, type Result } from '../../src/contract/result.js';
import { connectIntegrations } from './connect-integrations.js';
import { createIntegrationsStore } from './integrations-store.js';

/** A host whose calls wait until the test answers them. */
function fakeHost() {
  const calls: { name: CallName; request: unknown; resolve: (r: Result<unknown>) => void }[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  let link: (up: boolean) => void = () => {};
  const host = {
    kind: 'browser',
    call: (name: CallName, request: unknown) => new Promise((resolve) => calls.push({ name, request, resolve: resolve as never })),
    on: (name: EventName, l: (p: unknown) => void) => {
      listeners.set(name, l);
      return () => void listeners.delete(name);
    },
    onConnection: (l: (up: boolean) => void) => {
      link = l;
      return () => {};
    },
  } as unknown as CockpitHost;
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { host, calls, emit: (name: string, p: unknown) => listeners.get(name)?.(p), link: (up: boolean) => link(up), flush };
}

const view: IntegrationsView = { states: [], settings: { pagerduty: null, slack: null, statuspage: null, alertmanager: null, enabledAt: {} }, onCall: null };
const delivery = (id: string): Delivery => ({ id, channel: 'slack', summary: 's', status: 'sent', attempts: 1, lastError: null, queuedAt: 1, sentAt: 2, nextAt: null });

describe('connectIntegrations', () => {
  it('loads the view on link-up and reads the deliveries of a watched incident', async () => {
    const h = fakeHost();
    const store = createIntegrationsStore();
    connectIntegrations(h.host, store);
    h.link(true);
    expect(h.calls.map((c) => c.name)).toEqual(['integrations.view']);
    h.calls.shift()!.resolve(ok(view));
    await h.flush();
    expect(store.getState().view).toEqual(view);
    store.getState().watch('INC-1');
    expect(h.calls.map((c) => [c.name, c.request])).toEqual([['integrations.deliveries', { incidentId: 'INC-1' }]]);
    h.calls.shift()!.resolve(ok([delivery('a')]));
    await h.flush();
    expect(store.getState().deliveries['INC-1']).toEqual([delivery('a')]);
  });

  it('reads the deliveries again on every outbox change, never two reads at once for one incident', async () => {
    const h = fakeHost();
    const store = createIntegrationsStore();
    connectIntegrations(h.host, store);
    h.link(true);
    h.calls.shift()!.resolve(ok(view));
    await h.flush();
    store.getState().watch('INC-1');
    h.emit('integrations.changed', view);
    h.emit('integrations.changed', view);
    expect(h.calls.filter((c) => c.name === 'integrations.deliveries')).toHaveLength(1);
    h.calls.shift()!.resolve(ok([delivery('a')]));
    await h.flush();
    // The changes during the first read make exactly one more.
    expect(h.calls.map((c) => c.name)).toEqual(['integrations.deliveries']);
    h.calls.shift()!.resolve(ok([delivery('a'), delivery('b')]));
    await h.flush();
    expect(store.getState().deliveries['INC-1']).toHaveLength(2);
    expect(h.calls).toHaveLength(0);
  });

  it('stops reading an incident nobody shows', async () => {
    const h = fakeHost();
    const store = createIntegrationsStore();
    connectIntegrations(h.host, store);
    h.link(true);
    h.calls.shift()!.resolve(ok(view));
    await h.flush();
    const unwatch = store.getState().watch('INC-1');
    h.calls.shift()!.resolve(ok([]));
    await h.flush();
    unwatch();
    h.emit('incidents.changed', {});
    expect(h.calls).toHaveLength(0);
  });
});
