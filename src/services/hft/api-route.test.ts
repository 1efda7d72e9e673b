import { describe, expect, it } from 'vitest';
import { HostProfile, type HostProfileInput } from '../../contract/terminal.js';
import type { AuditEntry } from '../audit-log.js';
import type { LocalForward } from '../ssh/local-forward.js';
import {
  createApiRoute,
  DIRECT_FAILURES_BEFORE_SSH,
  DIRECT_PROBE_INTERVAL_MS,
  DIRECT_PROBE_TIMEOUT_MS,
  reportingHealthTo,
  TUNNEL_FAILURES_BEFORE_REOPEN,
  TUNNEL_OPEN_ATTEMPTS,
  type ApiRouteOptions,
} from './api-route.js';
import type { FetchFunction, HftClient } from './client.js';
import { FakeTime, flushPromises, sampleAnswer } from '../../../test/support/hft-fakes.js';

const DIRECT = 'http://hft-prod-01:8080';
/** Longer than every backoff wait between tunnel attempts (at most 8 s). */
const PAST_ANY_RETRY_MS = 10_000;

const profile = (input: Partial<HostProfileInput> & { id: string }) =>
  HostProfile.parse({ name: input.id, host: `${input.id}.example`, user: 'ops', role: 'prod', apiViaSsh: true, ...input });

/** A connector whose forwards are scripted: each call takes the next outcome ('ok' or an error text), then `then`. */
class FakeTunnels {
  readonly opened: { profile: string; remote: string; forward: LocalForward; closed: boolean }[] = [];
  readonly refused: string[] = [];
  /** Calls made so far, settled or not. */
  calls = 0;
  /** While set, every opening waits for it (a handshake in progress). */
  gate: Promise<void> | null = null;
  private nextPort = 41_000;
  constructor(private script: ('ok' | string)[] = [], private then: 'ok' | string = 'ok') {}
  setScript(script: ('ok' | string)[], then: 'ok' | string = 'ok') {
    this.script = script;
    this.then = then;
  }
  async forwardLocal(p: HostProfile, remoteHost: string, remotePort: number): Promise<LocalForward> {
    this.calls++;
    await (this.gate ?? flushPromises());
    const outcome = this.script.length > 0 ? this.script.shift()! : this.then;
    if (outcome !== 'ok') {
      this.refused.push(p.name);
      throw new Error(outcome);
    }
    const port = this.nextPort++;
    const entry = {
      profile: p.name,
      remote: `${remoteHost}:${remotePort}`,
      closed: false,
      forward: { localUrl: `http://127.0.0.1:${port}`, localPort: port, close: async () => void (entry.closed = true) },
    };
    this.opened.push(entry);
    return entry.forward;
  }
  get open() {
    return this.opened.filter((o) => !o.closed);
  }
}

/** The direct URL as the probes see it: up, down (connection refused) or hanging. */
function directSystem() {
  const state = { direct: 'down' as 'up' | 'down' | 'hang', probes: 0 };
  const fetch: FetchFunction = (url) => {
    expect(url).toBe(`${DIRECT}/api/v1/health`);
    state.probes++;
    if (state.direct === 'up') return Promise.resolve(new Response(JSON.stringify(sampleAnswer('health', '2026-11-24T18:00:00.000Z'))));
    if (state.direct === 'hang') return new Promise<Response>(() => {});
    return Promise.reject(new TypeError('fetch failed'));
  };
  return { state, fetch };
}

function setup(profiles: HostProfile[] = [profile({ id: 'hft-prod-01' })], tunnels = new FakeTunnels(), extra: Partial<ApiRouteOptions> = {}) {
  const time = new FakeTime();
  const audit: AuditEntry[] = [];
  const direct = directSystem();
  const route = createApiRoute({
    directUrl: `${DIRECT}/`,
    profiles: { list: async () => profiles },
    connector: tunnels,
    audit: { append: async (e) => void audit.push(e) },
    timers: time,
    fetch: direct.fetch,
    random: () => 0,
    ...extra,
  });
  const views: unknown[] = [];
  route.subscribe((v) => views.push(v));
  const failDirect = async (times: number, kind: 'network' | 'timeout' = 'network') => {
    for (let i = 0; i < times; i++) route.report(DIRECT, kind);
    // A few turns of the event loop, no time: lets an opening tunnel finish its awaits.
    for (let turn = 0; turn < 5; turn++) await time.advance(0);
  };
  /** Moves time in small steps, so work that sets a timer only after a few awaits still sees it fire. */
  const runFor = async (ms: number) => {
    for (let passed = 0; passed < ms; passed += 100) await time.advance(100);
  };
  return { time, audit, direct, route, tunnels, views, failDirect, runFor, types: () => audit.map((e) => e.type) };
}

describe('the API route', () => {
  it('stays direct until the direct URL has failed N health polls in a row, then tunnels through the prod host', async () => {
    const t = setup();
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH - 1);
    expect(t.route.current()).toBe(DIRECT);
    expect(t.tunnels.opened).toHaveLength(0);

    await t.failDirect(1, 'timeout');
    expect(t.tunnels.opened.map((o) => [o.profile, o.remote])).toEqual([['hft-prod-01', 'localhost:8080']]);
    expect(t.route.current()).toBe(t.tunnels.opened[0]!.forward.localUrl);
    expect(t.route.view()).toEqual({ kind: 'ssh', via: 'hft-prod-01', note: null });
    expect(t.views).toEqual([{ kind: 'ssh', via: 'hft-prod-01', note: null }]);
    expect(t.audit).toEqual([
      expect.objectContaining({ type: 'api.route.switched', data: expect.objectContaining({ from: 'direct', to: 'ssh', via: 'hft-prod-01', remote: 'localhost:8080' }) }),
    ]);
    await t.route.close();
  });

  it('does not count answers that are errors: an HTTP 503 or a bad body resets the count', async () => {
    const t = setup();
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH - 1);
    t.route.report(DIRECT, 'http');
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH - 1);
    t.route.report(DIRECT, 'invalid');
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH - 1);
    expect(t.route.current()).toBe(DIRECT);
    expect(t.tunnels.opened).toHaveLength(0);
    await t.route.close();
  });

  it('stays direct and says so when no prod or standby profile may carry the API, once per outage', async () => {
    const t = setup([profile({ id: 'hft-prod-01', apiViaSsh: false }), profile({ id: 'bastion', role: 'other' })]);
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH * 3);
    expect(t.route.current()).toBe(DIRECT);
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: expect.stringMatching(/no prod or standby host profile/) });
    expect(t.types()).toEqual(['api.route.no_ssh_route']);
    expect(t.tunnels.opened).toHaveLength(0);

    t.route.report(DIRECT, 'ok');
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: null });
    await t.route.close();
  });

  it('prefers a prod host, and takes the standby when the prod host cannot be reached', async () => {
    const standby = profile({ id: 'hft-prod-02', role: 'standby' });
    const t = setup([standby, profile({ id: 'hft-prod-01' })], new FakeTunnels(['connection refused']));
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.tunnels.refused).toEqual(['hft-prod-01']);
    expect(t.route.view()).toMatchObject({ kind: 'ssh', via: 'hft-prod-02' });
    await t.route.close();
  });

  it('keeps probing the direct URL while on the tunnel and switches back when it answers, closing the forward', async () => {
    const t = setup();
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.route.view().kind).toBe('ssh');

    await t.time.advance(DIRECT_PROBE_INTERVAL_MS);
    expect(t.direct.state.probes).toBe(1);
    expect(t.route.view().kind).toBe('ssh');

    t.direct.state.direct = 'hang';
    await t.time.advance(DIRECT_PROBE_INTERVAL_MS + DIRECT_PROBE_TIMEOUT_MS);
    expect(t.direct.state.probes).toBe(2);
    expect(t.route.view().kind).toBe('ssh');

    t.direct.state.direct = 'up';
    await t.time.advance(DIRECT_PROBE_INTERVAL_MS);
    expect(t.route.current()).toBe(DIRECT);
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: null });
    expect(t.tunnels.open).toHaveLength(0);
    expect(t.audit.at(-1)).toMatchObject({ type: 'api.route.switched', data: { from: 'ssh', to: 'direct', via: 'hft-prod-01' } });
    // No probing once direct: the health polls judge the direct URL again.
    expect(t.time.timerCount).toBe(0);
    await t.route.close();
  });

  it('counts a tunnel dead after N failures through it, falls back to direct, and reopens it with backoff', async () => {
    const t = setup();
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    const first = t.tunnels.opened[0]!;
    t.tunnels.setScript(['host unreachable', 'host unreachable']);

    for (let i = 0; i < TUNNEL_FAILURES_BEFORE_REOPEN - 1; i++) t.route.report(first.forward.localUrl, 'network');
    await t.time.advance(0);
    expect(t.route.current()).toBe(first.forward.localUrl);

    t.route.report(first.forward.localUrl, 'timeout');
    await t.time.advance(0);
    expect(first.closed).toBe(true);
    expect(t.route.current()).toBe(DIRECT);
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: expect.stringMatching(/via hft-prod-01 lost; reopening/) });

    // Direct failures while waiting do not start a second opening.
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    await t.runFor(PAST_ANY_RETRY_MS * 2);
    expect(t.tunnels.refused).toHaveLength(2);
    expect(t.tunnels.open).toHaveLength(1);
    expect(t.route.view()).toEqual({ kind: 'ssh', via: 'hft-prod-01', note: null });
    expect(t.route.current()).toBe(t.tunnels.open[0]!.forward.localUrl);
    expect(t.types()).toEqual(['api.route.switched', 'api.route.switched', 'api.route.tunnel_failed', 'api.route.tunnel_failed', 'api.route.switched']);
    await t.route.close();
  });

  it('gives up after a bounded number of attempts and stays direct until the direct URL fails again', async () => {
    const t = setup(undefined, new FakeTunnels([], 'connection refused'));
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    await t.runFor(PAST_ANY_RETRY_MS * TUNNEL_OPEN_ATTEMPTS);
    expect(t.tunnels.refused).toHaveLength(TUNNEL_OPEN_ATTEMPTS);
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: expect.stringMatching(/after 5 attempts/) });
    expect(t.time.timerCount).toBe(0);

    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.tunnels.refused).toHaveLength(TUNNEL_OPEN_ATTEMPTS + 1);
    await t.route.close();
  });

  it('stops reopening when the direct URL answers in the meantime', async () => {
    const t = setup(undefined, new FakeTunnels([], 'connection refused'));
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.route.view().note).toMatch(/attempt 1 of 5/);
    t.route.report(DIRECT, 'ok');
    await t.runFor(PAST_ANY_RETRY_MS * TUNNEL_OPEN_ATTEMPTS);
    expect(t.tunnels.refused).toHaveLength(1);
    expect(t.route.view()).toEqual({ kind: 'direct', via: null, note: null });
    await t.route.close();
  });

  it('closes the tunnel and every timer on close, and ignores reports after', async () => {
    const t = setup();
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    await t.route.close();
    expect(t.tunnels.open).toHaveLength(0);
    expect(t.time.timerCount).toBe(0);
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.tunnels.opened).toHaveLength(1);
    expect(t.route.current()).toBe(DIRECT);
  });

  it('closes a tunnel that finishes opening after the route was closed', async () => {
    const t = setup();
    let handshakeDone!: () => void;
    t.tunnels.gate = new Promise<void>((done) => (handshakeDone = done));
    await t.failDirect(DIRECT_FAILURES_BEFORE_SSH);
    expect(t.tunnels.calls).toBe(1);
    await t.route.close();
    handshakeDone();
    await t.time.advance(0);
    expect(t.tunnels.opened).toHaveLength(1);
    expect(t.tunnels.open).toHaveLength(0);
  });
});

describe('reportingHealthTo', () => {
  it('reports each health poll with the URL it went to, and nothing for other endpoints', async () => {
    const reports: [string, string][] = [];
    let url = 'http://a:8080';
    const answers: Record<string, 'ok' | 'network'> = { 'http://a:8080': 'network', 'http://b:9': 'ok' };
    const client = {
      get: async () => {
        const outcome = answers[url]!;
        return outcome === 'ok' ? { ok: true, value: sampleAnswer('health', '2026-11-24T18:00:00.000Z') } : { ok: false, failure: { kind: 'network', message: 'refused' } };
      },
    } as unknown as HftClient;
    const routed = reportingHealthTo({ current: () => url, report: (u, o) => void reports.push([u, o]) }, client);
    await routed.get('health', new AbortController().signal);
    await routed.get('risk', new AbortController().signal);
    url = 'http://b:9';
    await routed.get('health', new AbortController().signal);
    await flushPromises();
    expect(reports).toEqual([
      ['http://a:8080', 'network'],
      ['http://b:9', 'ok'],
    ]);
  });
});
