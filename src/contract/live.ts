/**
 * The live view of the trading system as the host hands it to the renderer:
 * per endpoint, the last validated answer together with how far it can be
 * trusted. The renderer never decides freshness on its own data alone; it
 * shows what the host measured (plus its own check that the host is talking).
 */
import { z } from 'zod';
import { Health, Position, Positions, RiskSummary, Status, Strategies, Strategy } from './hft.js';

/**
 * pending: no answer yet since start.
 * fresh:   a good answer within the last two poll intervals.
 * stale:   no good answer for two intervals, or the server timestamp stopped moving.
 * dead:    several failures in a row, or the health check fails.
 */
export const Freshness = z.enum(['pending', 'fresh', 'stale', 'dead']);
export type Freshness = z.infer<typeof Freshness>;

export const FailureKind = z.enum([
  'timeout', // no answer before the request's deadline
  'network', // connection refused, reset, DNS...
  'http', // a non-2xx status
  'invalid', // the body failed the contract (bad JSON, missing or mistyped fields)
]);
export type FailureKind = z.infer<typeof FailureKind>;

export const EndpointFailure = z.object({
  kind: FailureKind,
  message: z.string(),
  /** Wall-clock ms since epoch, host clock. */
  at: z.number(),
});
export type EndpointFailure = z.infer<typeof EndpointFailure>;

/** Everything of an endpoint's view but its data. */
const viewMeta = {
  freshness: Freshness,
  /** Wall-clock ms (host clock) when `data` arrived. */
  receivedAt: z.number().nullable(),
  /** Milliseconds since `data` arrived, measured on the host's monotonic clock. */
  ageMs: z.number().nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** Responses rejected by validation since start. */
  invalidResponses: z.number().int().nonnegative(),
  lastFailure: EndpointFailure.nullable(),
  /** Server timestamp minus host time at receipt, RTT-corrected; null when unknown. */
  clockSkewMs: z.number().nullable(),
  /** True when the server's timestamp has not advanced over several good answers. */
  timestampFrozen: z.boolean(),
};

const endpointView = <T extends z.ZodType>(data: T) =>
  z.object({
    ...viewMeta,
    /** The last answer that passed validation; null until there is one. */
    data: data.nullable(),
  });

export const EndpointViews = z.object({
  health: endpointView(Health),
  status: endpointView(Status),
  positions: endpointView(Positions),
  strategies: endpointView(Strategies),
  risk: endpointView(RiskSummary),
});
export type EndpointViews = z.infer<typeof EndpointViews>;
export type EndpointView<K extends keyof EndpointViews> = EndpointViews[K];

/**
 * How the host reaches the trading API right now: straight to the
 * configured URL, or through an SSH tunnel to localhost:8080 on a prod or
 * standby host (`via` names that host's profile). `note` says why, in words,
 * when the route is not what the engineer might expect (no SSH-capable
 * profile, a tunnel being reopened); null otherwise.
 */
export const ApiRoute = z.object({
  kind: z.enum(['direct', 'ssh']),
  via: z.string().nullable(),
  note: z.string().nullable(),
});
export type ApiRoute = z.infer<typeof ApiRoute>;

export const LiveSnapshot = z.object({
  endpoints: EndpointViews,
  /** Configured poll interval, ms. */
  pollMs: z.number().positive(),
  /** Host wall-clock ms when the snapshot was taken. */
  at: z.number(),
  /** Absent from a feed that is not routed (tests, a fixed URL). */
  apiRoute: ApiRoute.optional(),
});
export type LiveSnapshot = z.infer<typeof LiveSnapshot>;

/** Pushed after every poll round; only endpoints whose view changed are present. */
export const LiveUpdate = z.object({
  endpoints: EndpointViews.partial(),
  pollMs: z.number().positive(),
  at: z.number(),
  /** The route in force when the update was sent; a route change alone sends an update with no endpoints. */
  apiRoute: ApiRoute.optional(),
});
export type LiveUpdate = z.infer<typeof LiveUpdate>;

/** Daily P&L and loss-limit use over the shift, one point per good risk answer. */
export const RiskHistory = z.object({
  /** Wall-clock ms of each point. */
  t: z.array(z.number()),
  dailyPnlUsd: z.array(z.number()),
  lossLimitUsedPct: z.array(z.number()),
});
export type RiskHistory = z.infer<typeof RiskHistory>;

/**
 * The host link's encoding of live updates (both hosts, WebSocket and
 * Electron IPC, carry it). The renderer starts from a `live.snapshot`
 * (`LiveLinkSnapshot`, stamped with the sequence number of the last delta
 * it includes); every `live.update` after it is a `LiveDelta` numbered one
 * more than the one before. A skipped number, or a new link, means the
 * renderer's copy can no longer be trusted: it asks for a fresh snapshot.
 *
 * Each endpoint present in a delta carries its whole view but its data
 * (freshness, age, failures: a few hundred bytes), and its data only when it
 * changed: whole (`full`), or for the books as the rows that moved
 * (`rows`, src/core/live-link/rows.ts), keyed by their identity in the
 * trading system: a position by exchange, symbol, side and strategy, a
 * strategy by its id.
 */
export const POSITION_KEY = ['exchange', 'symbol', 'side', 'strategy_id'] as const;
export const STRATEGY_KEY = ['strategy_id'] as const;

const PositionKey = Position.pick({ exchange: true, symbol: true, side: true, strategy_id: true });
const StrategyKey = Strategy.pick({ strategy_id: true });

const fullData = <T extends z.ZodType>(data: T) => z.object({ kind: z.literal('full'), value: data.nullable() });

const rowsDelta = <H extends z.ZodRawShape, R extends z.ZodType, K extends z.ZodType, C extends z.ZodType>(head: H, row: R, key: K, changed: C) =>
  z.object({
    kind: z.literal('rows'),
    head: z.object(head),
    added: z.array(row),
    removed: z.array(key),
    changed: z.array(changed),
  });

export const PositionsRowsDelta = rowsDelta(
  Positions.omit({ positions: true }).shape,
  Position,
  PositionKey,
  Position.partial().extend(PositionKey.shape),
);
export const StrategiesRowsDelta = rowsDelta(
  Strategies.omit({ strategies: true }).shape,
  Strategy,
  StrategyKey,
  Strategy.partial().extend(StrategyKey.shape),
);

const endpointPatch = <D extends z.ZodType>(data: D) =>
  z.object({
    ...viewMeta,
    /** Absent: the data is the one held before. */
    data: data.optional(),
  });

export const EndpointPatches = z.object({
  health: endpointPatch(fullData(Health)),
  status: endpointPatch(fullData(Status)),
  positions: endpointPatch(z.discriminatedUnion('kind', [fullData(Positions), PositionsRowsDelta])),
  strategies: endpointPatch(z.discriminatedUnion('kind', [fullData(Strategies), StrategiesRowsDelta])),
  risk: endpointPatch(fullData(RiskSummary)),
});
export type EndpointPatches = z.infer<typeof EndpointPatches>;

/** Pushed as `live.update`: only endpoints whose view changed are present. */
export const LiveDelta = z.object({
  /** One more than the previous delta's; the first after start is 1. */
  seq: z.number().int().positive(),
  endpoints: EndpointPatches.partial(),
  pollMs: z.number().positive(),
  at: z.number(),
  apiRoute: ApiRoute.optional(),
});
export type LiveDelta = z.infer<typeof LiveDelta>;

/** A snapshot as the link answers it: the state after delta `seq` (0 before the first). */
export const LiveLinkSnapshot = LiveSnapshot.extend({ seq: z.number().int().nonnegative() });
export type LiveLinkSnapshot = z.infer<typeof LiveLinkSnapshot>;
