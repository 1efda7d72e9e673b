import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './cli-args.js';
import { DEFAULT_PORT, DEFAULT_SEED } from './index.js';

describe('parseSimArgs', () => {
  it('defaults to the documented port, a fixed seed and the default book', () => {
    expect(parseSimArgs([])).toEqual({
      ok: true,
      help: false,
      options: { host: '127.0.0.1', port: DEFAULT_PORT, seed: DEFAULT_SEED, strategies: 24, positions: 150 },
    });
  });

  it('reads every flag', () => {
    const r = parseSimArgs(['--host', '::1', '--port', '0', '--seed', '7', '--strategies', '1000', '--positions', '10000', '--api-key', 'k']);
    expect(r).toEqual({
      ok: true,
      help: false,
      options: { host: '::1', port: 0, seed: 7, strategies: 1000, positions: 10000, apiKey: 'k' },
    });
  });

  it('reads how many positions move per second', () => {
    const r = parseSimArgs(['--positions', '10000', '--moving-positions', '1000']);
    expect(r.ok && r.options.movingPositionsPerSecond).toBe(1000);
    expect(parseSimArgs([]).ok && 'movingPositionsPerSecond' in (parseSimArgs([]) as { options: object }).options).toBe(false);
  });

  it('refuses bad values and unknown flags with a message naming the flag', () => {
    for (const [argv, flag] of [
      [['--port', 'http'], '--port'],
      [['--port', '70000'], '--port'],
      [['--seed', '1.5'], '--seed'],
      [['--strategies', '0'], '--strategies'],
      [['--positions', '-1'], '--positions'],
      [['--api-key', ''], '--api-key'],
      [['--moving-positions', '-5'], '--moving-positions'],
      [['--moving-positions', 'many'], '--moving-positions'],
      [['--verbose'], '--verbose'],
      [['--port'], '--port'],
    ] as const) {
      const r = parseSimArgs(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) expect(r.message).toContain(flag);
    }
  });
});
