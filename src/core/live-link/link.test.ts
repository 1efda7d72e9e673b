import { describe, expect, it } from 'vitest';
import type { Position } from '../../contract/hft.js';
import { LiveDelta, type EndpointViews, type LiveUpdate } from '../../contract/live.js';
import { encodeUpdate, initialSender, linkParts, receiveDelta, receiveSnapshot, unsentChanges, type ReceiverState, type SenderState } from './link.js';

const iso = (ms: number) => new Date(ms).toISOString();
const position = (i: number, mark = 100): Position => ({
  exchange: 'binance',
  symbol: `S${i}-USDT`,
  side: i % 2 ? 'long' : 'short',
  quantity: 1,
  avg_entry_price: 100,
  mark_price: mark,
  notional_usd: mark,
  unrealized_pnl_usd: mark - 100,
  strategy_id: 'mm-1',
});
const fresh = <T>(data: T, at: number) => ({
  freshness: 'fresh' as const,
  data,
  receivedAt: at,
  ageMs: 0,
  consecutiveFailures: 0,
  invalidResponses: 0,
  lastFailure: null,
  clockSkewMs: 0,
  timestampFrozen: false,
});
const pending = () => ({ ...fresh(null, 0), freshness: 'pending' as const, receivedAt: null, ageMs: null, clockSkewMs: null });
const pendingEndpoints = (): EndpointViews => ({ health: pending(), status: pending(), positions: pending(), strategies: pending(), risk: pending() });
const positionsView = (at: number, rows: Position[]) => fresh({ timestamp: iso(at), positions: rows }, at);
const healthView = (at: number) => fresh({ status: 'ok' as const, version: '2.14.1', uptime_s: at / 1000, timestamp: iso(at) }, at);
const update = (at: number, endpoints: Partial<EndpointViews>): LiveUpdate => ({ endpoints, pollMs: 1000, at });

/** Sender and receiver joined at a snapshot of `views`, as a renderer joins a running host. */
function joined(views: EndpointViews) {
  let sender: SenderState = initialSender();
  const send = (u: LiveUpdate) => {
    const next = encodeUpdate(sender, u);
    sender = next.state;
    return next.delta;
  };
  send(update(0, views));
  const receiver: ReceiverState = receiveSnapshot({ endpoints: views, pollMs: 1000, at: 0, seq: sender.seq });
  return { send, receiver, sender: () => sender };
}

describe('the live link', () => {
  it('numbers deltas from 1 and sends a book as the rows that moved, which the contract accepts', () => {
    const rows = [position(1), position(2), position(3)];
    let sender = initialSender();
    const first = encodeUpdate(sender, update(1000, { positions: positionsView(1000, rows) }));
    sender = first.state;
    expect(first.delta.seq).toBe(1);
    expect(first.delta.endpoints.positions?.data).toEqual({ kind: 'full', value: { timestamp: iso(1000), positions: rows } });
    const moved = [rows[0]!, position(2, 120), rows[2]!];
    const second = encodeUpdate(sender, update(2000, { positions: positionsView(2000, moved) }));
    expect(second.delta.seq).toBe(2);
    expect(second.delta.endpoints.positions?.data).toEqual({
      kind: 'rows',
      head: { timestamp: iso(2000) },
      added: [],
      removed: [],
      changed: [{ exchange: 'binance', symbol: 'S2-USDT', side: 'short', strategy_id: 'mm-1', mark_price: 120, notional_usd: 120, unrealized_pnl_usd: 20 }],
    });
    expect(second.delta.endpoints.positions?.freshness).toBe('fresh');
    for (const delta of [first.delta, second.delta]) expect(LiveDelta.safeParse(delta).success).toBe(true);
  });

  it('omits data that did not change, and sends the small endpoints whole', () => {
    const views = { ...pendingEndpoints(), health: healthView(0) };
    const { send } = joined(views);
    const stale = { ...views.health, freshness: 'stale' as const, ageMs: 2500 };
    const delta = send(update(2500, { health: stale }));
    expect(delta.endpoints.health).not.toHaveProperty('data');
    expect(delta.endpoints.health?.freshness).toBe('stale');
    const next = send(update(3000, { health: healthView(3000) }));
    expect(next.endpoints.health?.data).toEqual({ kind: 'full', value: healthView(3000).data });
  });

  it('rebuilds the views sent delta after delta, keeping unchanged rows by identity', () => {
    const rows = Array.from({ length: 50 }, (_, i) => position(i));
    const views = { ...pendingEndpoints(), positions: positionsView(0, rows), health: healthView(0) };
    const { send, receiver } = joined(views);
    let state = receiver;
    let current = rows;
    for (let round = 1; round <= 20; round++) {
      current = current.map((p, i) => (i % 10 === round % 10 ? position(i, 100 + round) : p));
      if (round === 5) current = [...current.slice(1), position(100)];
      const u = update(round * 1000, { positions: positionsView(round * 1000, current), health: healthView(round * 1000) });
      const got = receiveDelta(state, send(u));
      expect(got.kind).toBe('apply');
      if (got.kind !== 'apply') return;
      state = got.state;
      expect(got.update.endpoints).toEqual(u.endpoints);
      expect(state.views.positions.data?.positions).toEqual(current);
    }
    const before = state.views.positions.data!.positions;
    const got = receiveDelta(state, send(update(99_000, { positions: positionsView(99_000, current.map((p, i) => (i === 0 ? position(0, 1) : p))) })));
    expect(got.kind === 'apply' && got.state.views.positions.data!.positions[1]).toBe(before[1]);
  });

  it('asks for a snapshot when a number is skipped, and ignores deltas the snapshot already holds', () => {
    const views = { ...pendingEndpoints(), positions: positionsView(0, [position(1)]) };
    const { send, receiver } = joined(views);
    const d1 = send(update(1000, { positions: positionsView(1000, [position(1, 101)]) }));
    const d2 = send(update(2000, { positions: positionsView(2000, [position(1, 102)]) }));
    // d1 lost on the way (a slow socket dropped it): d2 cannot be applied to what is held.
    expect(receiveDelta(receiver, d2)).toEqual({ kind: 'resync', reason: 'update 2 missing (got 3)' });
    const after1 = receiveDelta(receiver, d1);
    expect(after1.kind).toBe('apply');
    // A snapshot taken after d2 holds it; d2 arriving late is old news.
    const resynced = receiveSnapshot({ endpoints: { ...views, positions: positionsView(2000, [position(1, 102)]) }, pollMs: 1000, at: 2000, seq: d2.seq });
    expect(receiveDelta(resynced, d2)).toEqual({ kind: 'old' });
    expect(receiveDelta(resynced, d1)).toEqual({ kind: 'old' });
    const d3 = send(update(3000, { positions: positionsView(3000, [position(1, 103)]) }));
    const got = receiveDelta(resynced, d3);
    expect(got.kind === 'apply' && got.state.views.positions.data?.positions[0]?.mark_price).toBe(103);
  });

  it('asks for a snapshot when a delta does not fit the rows held (a base from another link)', () => {
    const views = { ...pendingEndpoints(), positions: positionsView(0, [position(1)]) };
    const { send } = joined(views);
    const delta = send(update(1000, { positions: positionsView(1000, [position(1, 150)]) }));
    // A receiver whose snapshot came from another host with the same number.
    const foreign = receiveSnapshot({ endpoints: { ...views, positions: positionsView(0, [position(7)]) }, pollMs: 1000, at: 0, seq: delta.seq - 1 });
    expect(receiveDelta(foreign, delta)).toMatchObject({ kind: 'resync', reason: expect.stringContaining('positions: changed row') });
  });

  it('names the endpoints a snapshot holds but no delta has sent yet', () => {
    const views = { ...pendingEndpoints(), health: healthView(0) };
    const { sender } = joined(views);
    expect(unsentChanges(sender(), views)).toBeNull();
    const ahead = { ...views, health: healthView(1000) };
    expect(unsentChanges(sender(), ahead)).toEqual({ health: ahead.health });
  });

  it('sends each book in a message of its own, after the rest of the round, and a round with neither book as it is', () => {
    const rows = [position(1), position(2)];
    const at = 5_000;
    const round: LiveUpdate = {
      endpoints: { health: healthView(at), positions: positionsView(at, rows), strategies: fresh({ timestamp: iso(at), strategies: [] }, at) },
      pollMs: 1000,
      at,
      apiRoute: { kind: 'direct', via: null, note: null },
    };
    const parts = linkParts(round);
    expect(parts.map((p) => Object.keys(p.endpoints))).toEqual([['health'], ['positions'], ['strategies']]);
    for (const part of parts) expect({ pollMs: part.pollMs, at: part.at, apiRoute: part.apiRoute }).toEqual({ pollMs: 1000, at, apiRoute: round.apiRoute });
    expect(parts[1]!.endpoints.positions).toBe(round.endpoints.positions);
    // Books only: no empty part before them, route or not.
    expect(linkParts({ ...round, endpoints: { positions: round.endpoints.positions! } }).map((p) => Object.keys(p.endpoints))).toEqual([['positions']]);
    const fast = update(at, { health: healthView(at) });
    expect(linkParts(fast)).toEqual([fast]);
    const routeOnly: LiveUpdate = { endpoints: {}, pollMs: 1000, at, apiRoute: round.apiRoute };
    expect(linkParts(routeOnly)).toEqual([routeOnly]);
  });

  it('rebuilds a round sent in parts as the whole round would have been', () => {
    const rows = Array.from({ length: 20 }, (_, i) => position(i));
    const views = { ...pendingEndpoints(), positions: positionsView(0, rows), health: healthView(0) };
    const { send, receiver } = joined(views);
    const moved = rows.map((p, i) => (i % 3 === 0 ? position(i, 120) : p));
    const round = update(1000, { positions: positionsView(1000, moved), health: healthView(1000) });
    let state = receiver;
    for (const part of linkParts(round)) {
      const got = receiveDelta(state, send(part));
      expect(got.kind).toBe('apply');
      if (got.kind === 'apply') state = got.state;
    }
    expect(state.views.positions).toEqual(round.endpoints.positions);
    expect(state.views.health).toEqual(round.endpoints.health);
  });
});
