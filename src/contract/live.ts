/**
 * The live view of the trading system as the host hands it to the renderer:
 * per endpoint, the last validated answer together with how far it can be
 * trusted. The renderer never decides freshness on its own data alone; it
 * shows what the host measured (plus its own check that the host is talking).
 */
import { z } from 'zod';
import { Health, Positions, RiskSummary, Status, Strategies } from './hft.js';

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

const endpointView = <T extends z.ZodType>(data: T) =>
  z.object({
    freshness: Freshness,
    /** The last answer that passed validation; null until there is one. */
    data: data.nullable(),
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
