import { describe, expect, it } from 'vitest';
import { clockTime } from './format.js';
import { dataAgeMs, hostProblem, judgePanel, silentSince, type PanelFacts, type ViewTiming } from './panel-freshness.js';

const utc = (ms: number) => clockTime(ms, 0);
const T0 = Date.UTC(2026, 10, 24, 18, 2, 11);

const view = (over: Partial<ViewTiming> = {}): ViewTiming => ({
  freshness: 'fresh',
  receivedAt: T0,
  ageMs: 300,
  consecutiveFailures: 0,
  invalidResponses: 0,
  lastFailure: null,
  clockSkewMs: 0,
  timestampFrozen: false,
  ...over,
});

const facts = (over: Partial<PanelFacts> = {}): PanelFacts => ({
  view: view(),
  arrivedAt: 1000,
  linkUp: true,
  lastHostMessageAt: 1000,
  pollMs: 1000,
  localNow: 1500,
  ...over,
});

describe('panel freshness', () => {
  it('ages the data by the time since the view arrived', () => {
    expect(dataAgeMs(view(), 1000, 1500)).toBe(800);
    expect(dataAgeMs(view({ ageMs: null, receivedAt: null }), 1000, 1500)).toBeNull();
  });

  it('reads fresh data as "updated N s ago"', () => {
    const p = judgePanel(facts(), utc);
    expect(p).toMatchObject({ state: 'fresh', text: 'updated 0.8 s ago', ageMs: 800, hostProblem: null });
  });

  it('reads stale data with the age of the last good answer', () => {
    const p = judgePanel(facts({ view: view({ freshness: 'stale', ageMs: 13_500 }) }), utc);
    expect(p.text).toBe('STALE — last good 14 s ago');
  });

  it('reads a dead endpoint with the time it stopped answering', () => {
    const p = judgePanel(facts({ view: view({ freshness: 'dead', consecutiveFailures: 5 }) }), utc);
    expect(p).toMatchObject({ state: 'dead', text: 'NO DATA — API not responding since 18:02:11' });
  });

  it('reads a dead endpoint that never answered with its last failure time', () => {
    const lastFailure = { kind: 'network' as const, message: 'ECONNREFUSED', at: T0 + 5000 };
    const p = judgePanel(facts({ view: view({ freshness: 'dead', receivedAt: null, ageMs: null, lastFailure }) }), utc);
    expect(p.text).toBe('NO DATA — API not responding since 18:02:16');
  });

  it('makes fresh data stale when the host link is down', () => {
    const p = judgePanel(facts({ linkUp: false, localNow: 3000 }), utc);
    expect(p).toMatchObject({ state: 'stale', hostProblem: 'link-down', text: 'STALE — host link down, last good 2.3 s ago' });
  });

  it('makes fresh data stale when the host has been silent for three poll intervals', () => {
    expect(hostProblem({ linkUp: true, lastHostMessageAt: 1000, pollMs: 1000, localNow: 4000 })).toBeNull();
    const p = judgePanel(facts({ localNow: 4001 }), utc);
    expect(p.state).toBe('stale');
    expect(p.hostProblem).toBe('host-silent');
    expect(p.text).toBe('STALE — no word from the host for 3.0 s, last good 3.3 s ago');
  });

  it('tells the host silent from its last message only once it is: the same verdict and words as the time itself', () => {
    expect(silentSince({ lastHostMessageAt: 1000, pollMs: 1000, localNow: 4000 })).toBeNull();
    expect(silentSince({ lastHostMessageAt: 1000, pollMs: 1000, localNow: 4001 })).toBe(1000);
    expect(silentSince({ lastHostMessageAt: null, pollMs: 1000, localNow: 9000 })).toBeNull();
    for (const localNow of [1500, 4000, 4001, 9000]) {
      for (const linkUp of [true, false]) {
        const f = facts({ localNow, linkUp });
        const judged = judgePanel({ ...f, lastHostMessageAt: silentSince(f) }, utc);
        expect(judged, `${localNow} ${linkUp}`).toEqual(judgePanel(f, utc));
      }
    }
  });

  it('keeps dead and pending as they are when the host is also gone', () => {
    expect(judgePanel(facts({ linkUp: false, view: view({ freshness: 'dead' }) }), utc).state).toBe('dead');
    expect(judgePanel(facts({ linkUp: false, view: undefined }), utc)).toMatchObject({ state: 'pending', text: 'NO DATA — host link down' });
    expect(judgePanel(facts({ view: undefined }), utc)).toMatchObject({ state: 'pending', text: 'waiting for the first answer' });
  });

  it('warns about a frozen server timestamp and a skewed clock', () => {
    const p = judgePanel(facts({ view: view({ freshness: 'stale', timestampFrozen: true, clockSkewMs: -2500 }) }), utc);
    expect(p.text).toBe('STALE — server timestamp frozen, last good 0.8 s ago');
    expect(p.warnings).toEqual(['server timestamp frozen: the numbers stopped moving', 'server clock 2.5 s behind']);
    expect(judgePanel(facts({ view: view({ clockSkewMs: 400 }) }), utc).warnings).toEqual([]);
  });
});
