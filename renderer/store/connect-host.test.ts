import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import type { CallName, EventName, EventPayload, LiveUpdate } from '../../src/contract/index.js';
import { fail, ok, type Result } from '../../src/contract/result.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { createCockpitStore } from './cockpit-store.js';
import { connectHost, RELOAD_RETRY_MS } from './connect-host.js';
import { sampleIncident } from './incident-fixtures.js';
import { sampleSnapshot } from './live-fixtures.js';
import { RiskHistoryRing } from './risk-history.js';

const info = { version: '0.1.0', hostKind: 'browser' as const, demo: true, apiUrl: 'http://127.0.0.1:8080', pollMs: 1000, fastPollMs: 250, dataDir: '/tmp/x', startedAt: 0 };
const settings = { apiUrl: null, pollMs: 1000, requestTimeoutMs: 2000, historyHours: 1, operatorName: null, timeZone: null };

/** A host whose answers the test controls; each call waits until `answer()`. */
class FakeHost implements CockpitHost {
  readonly kind = 'browser' as const;
  calls: { name: CallName; resolve: (r: Result<unknown>) => void }[] = [];
  updateListeners = new Set<(u: LiveUpdate) => void>();
  eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  linkListeners = new Set<(up: boolean) => void>();
  call<C extends CallName>(name: C) {
    return new Promise<Result<never>>((resolve) => this.calls.push({ name, resolve: resolve as (r: Result<unknown>) => void }));
  }
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
    if (name === 'live.update') {
      const l = listener as (u: LiveUpdate) => void;
      this.updateListeners.add(l);
      return () => void this.updateListeners.delete(l);
    }
    const l = listener as (payload: unknown) => void;
    const set = this.eventListeners.get(name) ?? new Set();
    this.eventListeners.set(name, set.add(l));
    return () => void set.delete(l);
  }
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    for (const l of this.eventListeners.get(name) ?? []) l(payload);
  }
  onConnection(listener: (up: boolean) => void) {
    this.linkListeners.add(listener);
    listener(false);
    return () => void this.linkListeners.delete(listener);
  }
  link(up: boolean) {
    for (const l of this.linkListeners) l(up);
  }
  push(update: LiveUpdate) {
    for (const l of this.updateListeners) l(update);
  }
  answerAll(answers: Partial<Record<CallName, Result<unknown>>>) {
    const pending = this.calls;
    this.calls = [];
    for (const c of pending) c.resolve(answers[c.name] ?? fail('unavailable', 'not answered'));
  }
}

const history = { t: [1, 2], dailyPnlUsd: [-1, -2], lossLimitUsedPct: [0.1, 0.2] };
const incidentsView = { incidents: [], operator: 'alice', auditProblem: null };
const goodAnswers = {
  'app.info': ok(info),
  'settings.get': ok(settings),
  'live.snapshot': ok(sampleSnapshot(5000, 3)),
  'live.history': ok(history),
  'incidents.list': ok(incidentsView),
  'playbook.get': ok(DEFAULT_PLAYBOOK),
};
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const host = new FakeHost();
  const store = createCockpitStore();
  const ring = new RiskHistoryRing(10);
  let now = 0;
  const timers: { fn: () => void; ms: number }[] = [];
  const stop = connectHost(host, store, ring, {
    localNow: () => now,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
  });
  return { host, store, ring, stop, timers, setNow: (t: number) => (now = t) };
}

describe('connecting the store to the host', () => {
  it('loads everything when the link comes up', async () => {
    const { host, store, ring, setNow } = setup();
    expect(host.calls).toEqual([]);
    setNow(100);
    host.link(true);
    expect(host.calls.map((c) => c.name).sort()).toEqual([
      'app.info', 'incidents.list', 'live.history', 'live.snapshot', 'playbook.get', 'settings.get',
    ]);
    host.answerAll(goodAnswers);
    await flush();
    const s = store.getState();
    expect(s.linkUp).toBe(true);
    expect(s.info?.demo).toBe(true);
    expect(s.settings?.historyHours).toBe(1);
    expect(s.endpoints.positions?.data?.positions).toHaveLength(3);
    expect(ring.capacity).toBe(3600);
    expect([...ring.columns().t]).toEqual([1, 2]);
    expect(s.operator).toBe('alice');
    expect(s.incidents).toEqual([]);
    expect(s.playbook?.name).toBe(DEFAULT_PLAYBOOK.name);
  });

  it('follows incident changes and alerts, and binds the incident calls to the host', async () => {
    const { host, store } = setup();
    host.link(true);
    host.answerAll(goodAnswers);
    await flush();
    const incident = sampleIncident();
    host.emit('incidents.changed', { incidents: [incident], operator: 'alice', auditProblem: null });
    expect(store.getState().incidents?.map((i) => i.id)).toEqual(['INC-1']);
    host.emit('incidents.alert', { kind: 'new', incidentId: 'INC-1', severity: 'SEV2', title: 'new', body: '', item: null, at: 1 });
    expect(store.getState().alerts.map((a) => [a.kind, a.seq])).toEqual([['new', 1]]);
    const answer = store.getState().callIncidents('incidents.act', { incidentId: 'INC-1', action: { type: 'acknowledge' } });
    expect(host.calls.map((c) => c.name)).toEqual(['incidents.act']);
    host.answerAll({ 'incidents.act': ok(incident) });
    expect((await answer).ok).toBe(true);
  });

  it('follows live updates into the store and the risk history', async () => {
    const { host, store, ring, setNow } = setup();
    host.link(true);
    host.answerAll(goodAnswers);
    await flush();
    const snap = sampleSnapshot(9000, 3);
    setNow(700);
    host.push({ endpoints: { risk: snap.endpoints.risk }, pollMs: 1000, at: 9000 });
    expect(store.getState().arrivedAt.risk).toBe(700);
    expect(ring.lastTime).toBe(9000);
  });

  it('retries a failed load while the link stays up, and reloads after the link returns', async () => {
    const { host, store, timers } = setup();
    host.link(true);
    host.answerAll({ 'app.info': ok(info) });
    await flush();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(RELOAD_RETRY_MS);
    timers[0]!.fn();
    expect(host.calls).toHaveLength(6);
    host.answerAll(goodAnswers);
    await flush();
    expect(store.getState().endpoints.status).toBeDefined();

    host.link(false);
    expect(store.getState().linkUp).toBe(false);
    host.link(true);
    expect(host.calls).toHaveLength(6);
  });

  it('drops answers of a load overtaken by a newer link-up', async () => {
    const { host, store } = setup();
    host.link(true);
    const stale = host.calls;
    host.calls = [];
    host.link(false);
    host.link(true);
    for (const c of stale) c.resolve(c.name === 'app.info' ? ok({ ...info, version: 'old' }) : fail('unavailable', 'x'));
    await flush();
    expect(store.getState().info).toBeNull();
    host.answerAll(goodAnswers);
    await flush();
    expect(store.getState().info?.version).toBe('0.1.0');
  });

  it('stops listening when disconnected', () => {
    const { host, stop } = setup();
    stop();
    expect(host.updateListeners.size).toBe(0);
    expect([...host.eventListeners.values()].every((set) => set.size === 0)).toBe(true);
    expect(host.linkListeners.size).toBe(0);
  });
});
