/**
 * The simulator's programmatic entry: the cockpit's demo mode and every
 * test start one with `startSimulator({ port: 0 })` and talk to `url`.
 */
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../services/clock.js';
import { DEFAULT_POSITIONS, DEFAULT_STRATEGIES } from './book.js';
import { SimControls } from './control.js';
import { TradingModel } from './model.js';
import { createSimServer } from './server.js';

/** The trading system's port in shared/hft-api.md. */
export const DEFAULT_PORT = 8080;
/** The seed a run gets when none is given, so a bare start is the same every time. */
export const DEFAULT_SEED = 20_261_124;

export interface SimulatorOptions {
  host?: string;
  /** 0 lets the OS choose a free port. */
  port?: number;
  seed?: number;
  strategies?: number;
  positions?: number;
  /** Positions re-marked per second (src/sim/model.ts); absent, all of them at every tick. */
  movingPositionsPerSecond?: number;
  apiKey?: string;
  clock?: Clock;
}

export interface SimulatorHandle {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43121. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = opts.host ?? '127.0.0.1';
  const clock = opts.clock ?? systemClock;
  const model = new TradingModel({
    seed: opts.seed ?? DEFAULT_SEED,
    strategies: opts.strategies ?? DEFAULT_STRATEGIES,
    positions: opts.positions ?? DEFAULT_POSITIONS,
    startMs: clock.now(),
    ...(opts.movingPositionsPerSecond !== undefined ? { movingPositionsPerSecond: opts.movingPositionsPerSecond } : {}),
  });
  const controls = new SimControls(model);
  const { server, shutdown } = createSimServer({ model, controls, clock, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(opts.port ?? DEFAULT_PORT, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        shutdown();
      });
      return closed;
    },
  };
}
