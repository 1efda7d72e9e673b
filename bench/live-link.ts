/**
 * What the host link costs at 1,000 strategies / 10,000 positions with 10%
 * of positions (and of strategies) moving per poll, as the issue sets it:
 * bytes sent to the renderer per poll round, whole views (as the link sent
 * them before deltas) against numbered deltas; the host's cost to make and
 * serialise a delta; and the renderer's cost (Node, no DOM) to parse, decode
 * and merge it. A round is one books update (positions and strategies) and
 * the fast lane's four updates of health, status and risk, as at the default
 * 1 s / 250 ms lanes.
 *
 * Then where a poll of the books goes in the host, on one 10,000-position
 * answer: JSON.parse, zod validation, and the byte comparison that lets an
 * identical answer skip both (src/services/hft/client.ts), and validation
 * of an answer with 10% of its rows moved that takes the unchanged rows
 * over from the previous one (src/services/hft/reuse-rows.ts).
 */
import { Positions, type Strategy } from '../src/contract/hft.js';
import type { EndpointViews, LiveDelta, LiveUpdate } from '../src/contract/live.js';
import { validateRows } from '../src/services/hft/reuse-rows.js';
import { encodeUpdate, ROW_SPECS, initialSender, receiveDelta, receiveSnapshot, type ReceiverState, type SenderState } from '../src/core/live-link/link.js';
import { createCockpitStore } from '../renderer/store/cockpit-store.js';
import { repoll, sampleEndpoints, samplePositions, sampleStrategies } from '../renderer/store/live-fixtures.js';
import { percentiles, type BenchFigure } from './figure.js';

const POSITIONS = 10_000;
const STRATEGIES = 1_000;
const MOVING_PCT = 10;
const ROUNDS = 30;
const FAST_PER_ROUND = 4;

const pick = (count: number, n: number, round: number) => Array.from({ length: count }, (_, k) => (k * 7919 + round * 31) % n);

const moveStrategies = (strategies: readonly Strategy[], moved: readonly number[], round: number): Strategy[] => {
  const set = new Set(moved);
  return strategies.map((s, i) => ({
    ...s,
    exchanges: [...s.exchanges],
    performance: set.has(i) ? { ...s.performance, daily_pnl_usd: s.performance.daily_pnl_usd + ((round * 17 + i) % 201) - 100 } : { ...s.performance },
  }));
};

const wire = (payload: unknown) => JSON.stringify({ type: 'event', name: 'live.update', payload });

function books(views: EndpointViews): Partial<EndpointViews> {
  return { positions: views.positions, strategies: views.strategies };
}
function fast(views: EndpointViews): Partial<EndpointViews> {
  return { health: views.health, status: views.status, risk: views.risk };
}

export interface LinkFigures {
  fullBytesPerRound: number;
  deltaBytesPerRound: number;
  hostEncodeMs: number[];
  pageDeltaMs: number[];
  pageFullMs: number[];
  parseMs: number;
  validateMs: number;
  sameBodyMs: number;
  reuseValidateMs: number;
}

export function measureLink(rounds = ROUNDS): LinkFigures {
  let positions = samplePositions(POSITIONS, STRATEGIES);
  let strategies = sampleStrategies(STRATEGIES);
  let views = sampleEndpoints(0, positions, strategies);
  let sender: SenderState = initialSender();
  const send = (update: LiveUpdate): LiveDelta => {
    const next = encodeUpdate(sender, update);
    sender = next.state;
    return next.delta;
  };
  send({ endpoints: views, pollMs: 1000, at: 0 });
  let receiver: ReceiverState = receiveSnapshot({ endpoints: views, pollMs: 1000, at: 0, seq: sender.seq });
  const deltaStore = createCockpitStore();
  const fullStore = createCockpitStore();
  deltaStore.getState().applySnapshot({ endpoints: views, pollMs: 1000, at: 0 }, 0);
  fullStore.getState().applySnapshot({ endpoints: views, pollMs: 1000, at: 0 }, 0);

  let fullBytes = 0;
  let deltaBytes = 0;
  const hostEncodeMs: number[] = [];
  const pageDeltaMs: number[] = [];
  const pageFullMs: number[] = [];
  const moving = Math.round((POSITIONS * MOVING_PCT) / 100);
  for (let round = 1; round <= rounds; round++) {
    const at = round * 1000;
    positions = repoll(positions, pick(moving, POSITIONS, round));
    strategies = moveStrategies(strategies, pick(STRATEGIES / 10, STRATEGIES, round), round);
    views = sampleEndpoints(at, positions, strategies);
    const updates: LiveUpdate[] = [{ endpoints: books(views), pollMs: 1000, at }];
    for (let k = 0; k < FAST_PER_ROUND; k++) {
      const t = at + k * 250;
      updates.push({ endpoints: fast(sampleEndpoints(t, positions, strategies)), pollMs: 1000, at: t });
    }
    for (const [i, update] of updates.entries()) {
      const fullWire = wire(update);
      fullBytes += fullWire.length;
      let t = performance.now();
      const deltaWire = wire(send(update));
      const encoded = performance.now() - t;
      deltaBytes += deltaWire.length;
      t = performance.now();
      const got = receiveDelta(receiver, (JSON.parse(deltaWire) as { payload: LiveDelta }).payload);
      if (got.kind !== 'apply') throw new Error(`delta ${sender.seq} not applied: ${got.kind}`);
      receiver = got.state;
      deltaStore.getState().applyUpdate(got.update, round);
      const page = performance.now() - t;
      t = performance.now();
      fullStore.getState().applyUpdate((JSON.parse(fullWire) as { payload: LiveUpdate }).payload, round);
      const pageFull = performance.now() - t;
      if (i === 0) {
        hostEncodeMs.push(encoded);
        pageDeltaMs.push(page);
        pageFullMs.push(pageFull);
      }
    }
  }
  const rebuilt = deltaStore.getState().endpoints.positions?.data?.positions;
  if (JSON.stringify(rebuilt) !== JSON.stringify(positions)) throw new Error('the deltas did not rebuild the book');

  const body = JSON.stringify(views.positions.data);
  const copy = (' ' + body).slice(1);
  const parse: number[] = [];
  const validate: number[] = [];
  const same: number[] = [];
  const reuse: number[] = [];
  // The next poll's answer, 10% of its positions moved: validated against the rows of this one.
  const movedBody = JSON.stringify({ ...views.positions.data, positions: repoll(positions, pick(moving, POSITIONS, rounds + 1)) });
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    const json = JSON.parse(body);
    parse.push(performance.now() - t);
    t = performance.now();
    if (!Positions.safeParse(json).success) throw new Error('the sample book fails the contract');
    validate.push(performance.now() - t);
    t = performance.now();
    if (copy !== body) throw new Error('copy differs');
    same.push(performance.now() - t);
    const held = validateRows(json, Positions, ROW_SPECS.positions!, null);
    const next = JSON.parse(movedBody);
    t = performance.now();
    if (!held.success || !validateRows(next, Positions, ROW_SPECS.positions!, held.rows).success) throw new Error('the moved book fails the contract');
    reuse.push(performance.now() - t);
  }
  return {
    fullBytesPerRound: fullBytes / rounds,
    deltaBytesPerRound: deltaBytes / rounds,
    hostEncodeMs,
    pageDeltaMs,
    pageFullMs,
    parseMs: percentiles(parse).p50,
    validateMs: percentiles(validate).p50,
    sameBodyMs: percentiles(same).p50,
    reuseValidateMs: percentiles(reuse).p50,
  };
}

export async function benchLiveLink(): Promise<BenchFigure[]> {
  const r = measureLink();
  const label = '10,000 positions / 1,000 strategies, 10% moving';
  return [
    { name: `bytes to the renderer per poll round, whole views, ${label}`, value: r.fullBytesPerRound / 1024, unit: 'kB' },
    { name: `bytes to the renderer per poll round, deltas, ${label}`, value: r.deltaBytesPerRound / 1024, unit: 'kB' },
    { name: 'deltas against whole views, bytes per poll round', value: (r.deltaBytesPerRound / r.fullBytesPerRound) * 100, unit: '%', goal: { max: 10 } },
    { name: 'host: make and serialise the books delta, p95', value: percentiles(r.hostEncodeMs).p95, unit: 'ms' },
    { name: 'page (Node): parse, decode and merge the books delta, p95', value: percentiles(r.pageDeltaMs).p95, unit: 'ms' },
    { name: 'page (Node): parse and merge the whole books update, p95', value: percentiles(r.pageFullMs).p95, unit: 'ms' },
    { name: 'host poll profile, 10,000 positions: JSON.parse, p50', value: r.parseMs, unit: 'ms' },
    { name: 'host poll profile, 10,000 positions: zod validation, p50', value: r.validateMs, unit: 'ms' },
    { name: 'host poll profile, 10,000 positions: identical-body check, p50', value: r.sameBodyMs, unit: 'ms' },
    { name: 'host poll profile, 10,000 positions, 10% moved: validating the changed rows only, p50', value: r.reuseValidateMs, unit: 'ms' },
  ];
}
