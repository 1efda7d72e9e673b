import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import type { CallName, EventName, EventPayload, LiveDelta, LiveUpdate } from '../../src/contract/index.js';
import { fail, ok, type Result } from '../../src/contract/result.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { createCockpitStore } from './cockpit-store.js';
import { encodeUpdate, initialSender, type SenderState } from '../../src/core/live-link/link.js';
import { connectHost, MAX_WAITING_DELTAS, RELOAD_RETRY_MS } from './connect-host.js';
import { sampleIncident } from './incident-fixtures.js';
import { repoll, sampleSnapshot } from './live-fixtures.js';
import { RiskHistoryRing } from './risk-history.js';

const info = { version: '0.1.0', hostKind: 'browser' as const, demo: true, apiUrl: 'http://127.0.0.1:8080', pollMs: 1000, fastPollMs: 250, dataDir: '/tmp/x', startedAt: 0 };
const settings = { apiUrl: null, pollMs: 1000, requestTimeoutMs: 2000, historyHours: 1, operatorName: null, timeZone: null };

/** A host whose answers the test controls; each call waits until `answer()`. */
class FakeHost implements CockpitHost {
  readonly kind = 'browser' as const;
  calls: { name: CallName; resolve: (r: Result<unknown>) => void }[] = [];
  updateListeners = new Set<(u: LiveDelta) => void>();
  /** The host's end of the link: every `push` is encoded as the real host does. */
  sender: SenderState = initialSender();
  eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  linkListeners = new Set<(up: boolean) => void>();
  call<C extends CallName>(name: C) {
    return new Promise<Result<never>>((resolve) => this.calls.push({ name, resolve: resolve as (r: Result<unknown>) => void }));
  }
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) {
    if (name === 'live.update') {
      const l = listener as (u: LiveDelta) => void;
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
  /** Encodes `update` as the next delta and delivers it, unless `lose` (a gap); returns the delta. */
  push(update: LiveUpdate, lose = false): LiveDelta {
    const next = encodeUpdate(this.sender, update);
    this.sender = next.state;
    if (!lose) this.deliver(next.delta);
    return next.delta;
  }
  deliver(delta: LiveDelta) {
    for (const l of this.updateListeners) l(delta);
  }
  /** The host's snapshot of `snap`, sent as an update first so the numbers agree. */
  snapshotAnswer(snap = sampleSnapshot(5000, 3), deliver = false) {
    this.push({ endpoints: snap.endpoints, pollMs: snap.pollMs, at: snap.at }, !deliver);
    return ok({ ...snap, seq: this.sender.seq });
  }
  answerAll(answers: Partial<Record<CallName, Result<unknown>>>) {
    const pending = this.calls;
    this.calls = [];
    for (const c of pending) c.resolve(answers[c.name] ?? fail('unavailable', 'not answered'));
  }
}

const history = { t: [1, 2], dailyPnlUsd: [-1, -2], lossLimitUsedPct: [0.1, 0.2] };
const incidentsView = { incidents: [], operator: 'alice', auditProblem: null, seq: 0 };
const goodAnswers = {
  'app.info': ok(info),
  'settings.get': ok(settings),
  'live.snapshot': ok({ ...sampleSnapshot(5000, 3), seq: 0 }),
  'live.history': ok(history),
  'incidents.list': ok(incidentsView),
  'playbook.get': ok(DEFAULT_PLAYBOOK),
};
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(terminalFlooding?: () => boolean) {
  const host = new FakeHost();
  const store = createCockpitStore();
  const ring = new RiskHistoryRing(10);
  let now = 0;
  const timers: { fn: () => void; ms: number }[] = [];
  const stop = connectHost(host, store, ring, {
    localNow: () => now,
    ...(terminalFlooding ? { terminalFlooding } : {}),
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
    host.emit('incidents.changed', { seq: 1, changed: [incident], removed: [], order: [incident.id], operator: 'alice', auditProblem: null });
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

  it('while a terminal floods, commits new numbers at most once per poll interval, each with its own arrival, and bad news at once', async () => {
    let flooding = false;
    const { host, store, timers, setNow } = setup(() => flooding);
    host.link(true);
    host.answerAll(goodAnswers);
    await flush();
    const risk = (at: number) => ({ endpoints: { risk: sampleSnapshot(at, 3).endpoints.risk }, pollMs: 1000, at });
    flooding = true;
    setNow(100);
    host.push(risk(6000));
    expect(store.getState().arrivedAt.risk).toBe(100);
    // Within the poll interval of that commit: held, not shown, and due when the interval is over.
    setNow(350);
    host.push(risk(6250));
    expect(store.getState().endpoints.risk?.data?.timestamp).toBe(new Date(6000).toISOString());
    expect(store.getState().arrivedAt.risk).toBe(100);
    expect(timers.at(-1)!.ms).toBe(750);
    setNow(600);
    host.push(risk(6500));
    // Bad news does not wait, and what waited goes first, each with when it came.
    setNow(700);
    const health = sampleSnapshot(6750, 3).endpoints.health;
    host.push({ endpoints: { health: { ...health, data: { ...health.data!, status: 'degraded' } } }, pollMs: 1000, at: 6750 });
    expect(store.getState().endpoints.health?.data?.status).toBe('degraded');
    expect(store.getState().endpoints.risk?.data?.timestamp).toBe(new Date(6500).toISOString());
    expect(store.getState().arrivedAt.risk).toBe(600);
    // Held again, then committed by the timer at the latest.
    setNow(800);
    host.push(risk(7000));
    expect(store.getState().arrivedAt.risk).toBe(600);
    setNow(1_700);
    timers.at(-1)!.fn();
    expect(store.getState().endpoints.risk?.data?.timestamp).toBe(new Date(7000).toISOString());
    expect(store.getState().arrivedAt.risk).toBe(800);
    // No flood: every update at once.
    flooding = false;
    setNow(1_800);
    host.push(risk(7250));
    expect(store.getState().arrivedAt.risk).toBe(1_800);
  });

  it('rebuilds the books from row deltas, after the snapshot and the deltas that came while it was on its way', async () => {
    const { host, store } = setup();
    host.link(true);
    const snap = sampleSnapshot(5000, 30);
    const answers = { ...goodAnswers, 'live.snapshot': host.snapshotAnswer(snap) };
    // Sent after the snapshot was taken, arriving before its answer.
    const moved = repoll(snap.endpoints.positions.data!.positions, [3, 7]);
    const positions = { ...snap.endpoints.positions, data: { timestamp: new Date(6000).toISOString(), positions: moved } };
    const early = host.push({ endpoints: { positions }, pollMs: 1000, at: 6000 });
    expect(early.endpoints.positions?.data?.kind).toBe('rows');
    expect(store.getState().endpoints.positions).toBeUndefined();
    host.answerAll(answers);
    await flush();
    expect(store.getState().endpoints.positions?.data).toEqual(positions.data);
    const again = repoll(moved, [10]);
    host.push({ endpoints: { positions: { ...positions, data: { ...positions.data, positions: again } } }, pollMs: 1000, at: 7000 });
    expect(store.getState().endpoints.positions?.data?.positions).toEqual(again);
    expect(host.calls).toEqual([]);
  });

  it('asks for a fresh snapshot when an update number is skipped, and applies nothing until it comes', async () => {
    const { host, store } = setup();
    host.link(true);
    const snap = sampleSnapshot(5000, 30);
    host.answerAll({ ...goodAnswers, 'live.snapshot': host.snapshotAnswer(snap) });
    await flush();
    const rows = snap.endpoints.positions.data!.positions;
    const view = (at: number, positions: typeof rows) => ({ ...snap.endpoints.positions, receivedAt: at, data: { timestamp: new Date(at).toISOString(), positions } });
    const lost = repoll(rows, [1]);
    host.push({ endpoints: { positions: view(6000, lost) }, pollMs: 1000, at: 6000 }, true);
    const after = repoll(lost, [2]);
    host.push({ endpoints: { positions: view(7000, after) }, pollMs: 1000, at: 7000 });
    // Not applied on top of rows that miss the lost update.
    expect(store.getState().endpoints.positions?.receivedAt).toBe(5000);
    expect(host.calls.map((c) => c.name)).toEqual(['live.snapshot']);
    // Deltas keep coming while the snapshot is on its way; a second gap asks nothing more.
    const later = repoll(after, [4]);
    host.push({ endpoints: { positions: view(8000, later) }, pollMs: 1000, at: 8000 });
    expect(host.calls).toHaveLength(1);
    host.answerAll({ 'live.snapshot': ok({ endpoints: { ...snap.endpoints, positions: view(7000, after) }, pollMs: 1000, at: 7000, seq: host.sender.seq - 1 }) });
    await flush();
    expect(store.getState().endpoints.positions?.data?.positions).toEqual(later);
    expect(store.getState().endpoints.positions?.receivedAt).toBe(8000);
  });

  it('asks for the snapshot again if it fails while the link stays up', async () => {
    const { host, store, timers } = setup();
    host.link(true);
    host.answerAll({ ...goodAnswers, 'live.snapshot': host.snapshotAnswer() });
    await flush();
    host.push({ endpoints: { risk: sampleSnapshot(6000, 3).endpoints.risk }, pollMs: 1000, at: 6000 }, true);
    host.push({ endpoints: { risk: sampleSnapshot(7000, 3).endpoints.risk }, pollMs: 1000, at: 7000 });
    host.answerAll({});
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([RELOAD_RETRY_MS]);
    timers[0]!.fn();
    expect(host.calls.map((c) => c.name)).toEqual(['live.snapshot']);
    const snap = sampleSnapshot(7000, 3);
    host.answerAll({ 'live.snapshot': ok({ ...snap, seq: host.sender.seq }) });
    await flush();
    expect(store.getState().endpoints.risk?.receivedAt).toBe(7000);
  });

  it('starts over from a snapshot after a reconnect, dropping numbers of the old link', async () => {
    const { host, store } = setup();
    host.link(true);
    host.answerAll({ ...goodAnswers, 'live.snapshot': host.snapshotAnswer() });
    await flush();
    host.link(false);
    // A restarted host numbers from 1 again.
    host.sender = initialSender();
    host.link(true);
    const snap = sampleSnapshot(20_000, 5);
    host.answerAll({ ...goodAnswers, 'live.snapshot': host.snapshotAnswer(snap) });
    await flush();
    expect(store.getState().endpoints.positions?.data?.positions).toHaveLength(5);
    const moved = repoll(snap.endpoints.positions.data!.positions, [0]);
    host.push({ endpoints: { positions: { ...snap.endpoints.positions, data: { ...snap.endpoints.positions.data!, positions: moved } } }, pollMs: 1000, at: 21_000 });
    expect(store.getState().endpoints.positions?.data?.positions).toEqual(moved);
    expect(host.calls).toEqual([]);
  });

  it('keeps only the newest deltas while waiting for a snapshot, and asks again after a pause when they do not fit it', async () => {
    const { host, store, timers } = setup();
    host.link(true);
    const risk = (at: number) => ({ ...sampleSnapshot(at, 1).endpoints.risk, receivedAt: at });
    for (let i = 1; i <= MAX_WAITING_DELTAS + 5; i++) host.push({ endpoints: { risk: risk(i) }, pollMs: 1000, at: i });
    // Only the newest are kept: a snapshot holding the first four leaves the fifth missing.
    host.answerAll({ ...goodAnswers, 'live.snapshot': ok({ ...sampleSnapshot(4, 3), seq: 4 }) });
    await flush();
    // Not at once: a host whose snapshots never fit would be asked in a tight loop.
    expect(host.calls).toEqual([]);
    expect(store.getState().endpoints.risk?.receivedAt).not.toBe(MAX_WAITING_DELTAS + 5);
    expect(timers.map((t) => t.ms)).toEqual([RELOAD_RETRY_MS]);
    timers[0]!.fn();
    expect(host.calls.map((c) => c.name)).toEqual(['live.snapshot']);
    host.answerAll({ 'live.snapshot': ok({ ...sampleSnapshot(5, 3), seq: 5 }) });
    await flush();
    expect(store.getState().endpoints.risk?.receivedAt).toBe(MAX_WAITING_DELTAS + 5);
    expect(host.calls).toEqual([]);
  });

  it('follows incident deltas on the list, and lists again when a number is skipped', async () => {
    const { host, store } = setup();
    host.link(true);
    host.answerAll(goodAnswers);
    await flush();
    const a = sampleIncident();
    const b = { ...sampleIncident(), id: 'INC-2' };
    host.emit('incidents.changed', { seq: 1, changed: [a], removed: [], order: ['INC-1'], operator: 'alice', auditProblem: null });
    host.emit('incidents.changed', { seq: 2, changed: [b], removed: [], order: ['INC-2', 'INC-1'], operator: 'alice', auditProblem: null });
    expect(store.getState().incidents?.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    expect(store.getState().incidents?.[1]).toBe(a);
    expect(host.calls).toEqual([]);
    // Delta 3 lost: 4 is not applied, the list is asked for, and 4 follows it.
    host.emit('incidents.changed', { seq: 4, changed: [], removed: ['INC-2'], order: ['INC-1'], operator: 'alice', auditProblem: null });
    expect(store.getState().incidents?.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    expect(host.calls.map((c) => c.name)).toEqual(['incidents.list']);
    host.answerAll({ 'incidents.list': ok({ incidents: [b, a], operator: 'alice', auditProblem: null, seq: 3 }) });
    await flush();
    expect(store.getState().incidents?.map((i) => i.id)).toEqual(['INC-1']);
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
