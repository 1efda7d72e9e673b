/**
 * What a drill or a test can switch on under /sim/v1/scenario: scenarios
 * (the trading system misbehaving: an exchange lost, latency, losses, a
 * crash, a full disk) and faults (its API misbehaving: errors, garbage,
 * stalls). Bodies are validated here; scenarios act on the model, faults on
 * the HTTP answers (server.ts).
 */
import { z } from 'zod';
import { EXCHANGES } from '../contract/hft.js';
import type { TradingModel } from './model.js';

/** What a fault can be aimed at; without a target it hits every one of them. */
export const FAULT_TARGETS = [
  'health', 'status', 'positions', 'strategies', 'risk', 'killswitch', 'strategy_control', 'metrics',
] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

const target = z.enum(FAULT_TARGETS).optional();

const scenarios = {
  exchange_disconnect: z.object({ name: z.literal('exchange_disconnect'), exchange: z.enum(EXCHANGES) }).strict(),
  /** The SEV3 threshold most desks use is a p99 a few times normal; 25 ms is plainly degraded. */
  high_latency: z.object({ name: z.literal('high_latency'), order_p99_ms: z.number().positive().max(60_000).default(25) }).strict(),
  loss_limit_approach: z
    .object({
      name: z.literal('loss_limit_approach'),
      target_pct: z.number().min(0).max(1_000).default(90),
      over_s: z.number().min(0).max(86_400).default(60),
    })
    .strict(),
  crash: z.object({ name: z.literal('crash') }).strict(),
  disk_low: z.object({ name: z.literal('disk_low'), disk_pct: z.number().min(0).max(100).default(96) }).strict(),
};

const faults = {
  http_500: z.object({ name: z.literal('http_500'), target }).strict(),
  malformed_json: z.object({ name: z.literal('malformed_json'), target }).strict(),
  schema_drift: z.object({ name: z.literal('schema_drift'), target }).strict(),
  slow: z.object({ name: z.literal('slow'), target, delay_ms: z.number().int().min(0).max(600_000).default(3_000) }).strict(),
  hang: z.object({ name: z.literal('hang'), target }).strict(),
  /** Default 32 MB: well past any sane client cap, still quick to build. */
  huge_payload: z.object({ name: z.literal('huge_payload'), target, size_mb: z.number().min(1).max(256).default(32) }).strict(),
  frozen_timestamp: z.object({ name: z.literal('frozen_timestamp'), target }).strict(),
  killswitch_ignored: z.object({ name: z.literal('killswitch_ignored') }).strict(),
};

const all = { ...scenarios, ...faults };
export type ControlName = keyof typeof all;
export const CONTROL_NAMES = Object.keys(all) as ControlName[];
export const SCENARIO_NAMES = Object.keys(scenarios) as (keyof typeof scenarios)[];
export const FAULT_NAMES = Object.keys(faults) as (keyof typeof faults)[];

export const ControlRequest = z.discriminatedUnion('name', [
  ...Object.values(scenarios),
  ...Object.values(faults),
] as unknown as [z.ZodObject, ...z.ZodObject[]]);
export type ControlRequest = { [K in ControlName]: z.infer<(typeof all)[K]> }[ControlName];
export type Fault = Extract<ControlRequest, { name: keyof typeof faults }>;

export type ParsedControl = { ok: true; value: ControlRequest } | { ok: false; error: string };

/** Validates a POST /sim/v1/scenario body, with an error an engineer can act on. */
export function parseControl(body: unknown): ParsedControl {
  const name = (body as { name?: unknown } | null)?.name;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'body must be a JSON object like {"name": "exchange_disconnect", "exchange": "binance"}' };
  }
  if (typeof name !== 'string' || !Object.hasOwn(all, name)) {
    return { ok: false, error: `unknown scenario ${JSON.stringify(name ?? null)}; known: ${CONTROL_NAMES.join(', ')}` };
  }
  const parsed = all[name as ControlName].safeParse(body);
  if (!parsed.success) return { ok: false, error: `bad parameters for ${name}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, value: parsed.data as ControlRequest };
}

export interface ActiveControl {
  control: ControlRequest;
  sinceMs: number;
}

/** Two controls with one key cannot both be on: a new one replaces the old. */
function keyOf(c: ControlRequest): string {
  if (c.name === 'exchange_disconnect') return `${c.name}:${c.exchange}`;
  if ('target' in c) return `${c.name}:${c.target ?? '*'}`;
  return c.name;
}

const isFault = (c: ControlRequest): c is Fault => Object.hasOwn(faults, c.name);

/** The scenarios and faults in force, and their effect on the model. */
export class SimControls {
  private active: ActiveControl[] = [];

  constructor(private readonly model: TradingModel) {}

  /** Switches a control on at `atMs` (the model must already be advanced to it). */
  add(control: ControlRequest, atMs: number): ActiveControl {
    const entry = { control, sinceMs: atMs };
    this.active = this.active.filter((a) => keyOf(a.control) !== keyOf(control)).concat(entry);
    switch (control.name) {
      case 'exchange_disconnect':
        this.model.disconnectExchange(control.exchange);
        break;
      case 'high_latency':
        this.model.setOrderLatency(control.order_p99_ms);
        break;
      case 'loss_limit_approach':
        this.model.startLossRamp(control.target_pct, control.over_s * 1000, atMs);
        break;
      case 'disk_low':
        this.model.setDiskUsed(control.disk_pct);
        break;
      default:
        break;
    }
    return entry;
  }

  /** Everything off: exchanges reconnect, latency and disk return to normal, the loss ramp ends. */
  clear(): void {
    this.active = [];
    this.model.reconnectAllExchanges();
    this.model.setOrderLatency(null);
    this.model.setDiskUsed(null);
    this.model.stopLossRamp();
  }

  list(): ActiveControl[] {
    return [...this.active];
  }

  get crashed(): boolean {
    return this.active.some((a) => a.control.name === 'crash');
  }

  /** The faults aimed at `target` (or at everything), oldest first. */
  faultsFor(target: FaultTarget): { fault: Fault; sinceMs: number }[] {
    const hits: { fault: Fault; sinceMs: number }[] = [];
    for (const a of this.active) {
      const c = a.control;
      if (!isFault(c)) continue;
      const aimed = 'target' in c ? c.target : undefined;
      if (aimed === undefined || aimed === target) hits.push({ fault: c, sinceMs: a.sinceMs });
    }
    return hits;
  }
}
