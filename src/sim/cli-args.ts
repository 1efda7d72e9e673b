/**
 * The simulator's command-line flags (`npm run sim -- --port 0 --seed 7`):
 *
 *   --host H          address to bind (default 127.0.0.1)
 *   --port N          0..65535, 0 = any free port (default 8080)
 *   --seed N          integer seed of the random walks (default fixed)
 *   --strategies N    number of strategies (default 24)
 *   --positions N     number of open positions (default 150)
 *   --api-key K       require `Authorization: Bearer K` on writes
 *   --moving-positions N  re-mark only N positions per second (default: all, every tick)
 */
import { parseArgs } from 'node:util';
import { DEFAULT_POSITIONS, DEFAULT_STRATEGIES, MAX_POSITIONS, MAX_STRATEGIES } from './book.js';
import { DEFAULT_PORT, DEFAULT_SEED, type SimulatorOptions } from './index.js';

export const USAGE = `usage: sim [--host H] [--port N] [--seed N] [--strategies N] [--positions N] [--moving-positions N] [--api-key K]
  --host H         address to bind (default 127.0.0.1)
  --port N         port, 0 = any free one (default ${DEFAULT_PORT})
  --seed N         seed of the random walks; one seed, one run (default ${DEFAULT_SEED})
  --strategies N   strategies in the book, 1..${MAX_STRATEGIES} (default ${DEFAULT_STRATEGIES})
  --positions N    open positions, 0..${MAX_POSITIONS} (default ${DEFAULT_POSITIONS})
  --moving-positions N
                   re-mark only N positions per second, a slice rotating through
                   the book (default: every position at every tick)
  --api-key K      writes need "Authorization: Bearer K"`;

export type SimCliParse =
  | {
      ok: true;
      options: Required<Pick<SimulatorOptions, 'host' | 'port' | 'seed' | 'strategies' | 'positions'>> & {
        apiKey?: string;
        movingPositionsPerSecond?: number;
      };
      help: boolean;
    }
  | { ok: false; message: string };

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number | string {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text.trim())) return `--${name} must be an integer, got "${text}"`;
  const n = Number(text);
  if (n < min || n > max) return `--${name} must be between ${min} and ${max}, got ${n}`;
  return n;
}

export function parseSimArgs(argv: readonly string[]): SimCliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        strategies: { type: 'string' },
        positions: { type: 'string' },
        'api-key': { type: 'string' },
        'moving-positions': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const str = (k: string) => values[k] as string | undefined;
  const port = integer('port', str('port'), DEFAULT_PORT, 0, 65_535);
  const seed = integer('seed', str('seed'), DEFAULT_SEED, 0, 2 ** 32 - 1);
  const strategies = integer('strategies', str('strategies'), DEFAULT_STRATEGIES, 1, MAX_STRATEGIES);
  const positions = integer('positions', str('positions'), DEFAULT_POSITIONS, 0, MAX_POSITIONS);
  const moving = str('moving-positions') === undefined ? undefined : integer('moving-positions', str('moving-positions'), 0, 0, MAX_POSITIONS * 4);
  for (const v of [port, seed, strategies, positions, moving]) if (typeof v === 'string') return { ok: false, message: v };
  const host = str('host') ?? '127.0.0.1';
  if (host.trim() === '') return { ok: false, message: '--host must not be empty' };
  const apiKey = str('api-key');
  if (apiKey !== undefined && apiKey === '') return { ok: false, message: '--api-key must not be empty' };
  return {
    ok: true,
    help: values.help === true,
    options: {
      host,
      port: port as number,
      seed: seed as number,
      strategies: strategies as number,
      positions: positions as number,
      ...(apiKey ? { apiKey } : {}),
      ...(moving !== undefined ? { movingPositionsPerSecond: moving as number } : {}),
    },
  };
}
