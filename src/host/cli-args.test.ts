import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseCliArgs, type CliOptions } from './cli-args.js';

const options = (argv: string[], env = {}) => {
  const parsed = parseCliArgs(argv, env);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
};
const message = (argv: string[]) => {
  const parsed = parseCliArgs(argv);
  expect(parsed.ok).toBe(false);
  return (parsed as { message: string }).message;
};

describe('parseCliArgs', () => {
  it('has demo defaults with no flags', () => {
    expect(options([])).toEqual<CliOptions>({
      apiUrl: null,
      apiKey: undefined,
      pollMs: undefined,
      fastPollMs: undefined,
      port: DEFAULT_PORT,
      portExplicit: false,
      dataDir: undefined,
      help: false,
    });
  });

  it('reads every flag', () => {
    expect(
      options(['--api', 'http://hft-prod-01:8080/', '--api-key', 'k1', '--poll-ms', '500', '--fast-poll-ms', '100', '--port', '0', '--data-dir', 'rel/dir']),
    ).toEqual<CliOptions>({
      apiUrl: 'http://hft-prod-01:8080',
      apiKey: 'k1',
      pollMs: 500,
      fastPollMs: 100,
      port: 0,
      portExplicit: true,
      dataDir: resolve('rel/dir'),
      help: false,
    });
    expect(options(['--api=http://x:1', '-h'])).toMatchObject({ apiUrl: 'http://x:1', help: true });
  });

  it('takes the key from HFT_API_KEY, with the flag winning', () => {
    expect(options([], { HFT_API_KEY: 'from-env' }).apiKey).toBe('from-env');
    expect(options(['--api-key', 'flag'], { HFT_API_KEY: 'from-env' }).apiKey).toBe('flag');
    expect(options([], { HFT_API_KEY: '' }).apiKey).toBeUndefined();
  });

  it('explains what is wrong', () => {
    expect(message(['--api', 'hft-prod-01:8080'])).toMatch(/--api must be an http\(s\) URL/);
    expect(message(['--api', 'ftp://x'])).toMatch(/--api must be/);
    expect(message(['--poll-ms', '10'])).toMatch(/--poll-ms must be between 200 and 60000/);
    expect(message(['--fast-poll-ms', '50'])).toMatch(/--fast-poll-ms must be between 100 and 60000/);
    expect(message(['--poll-ms', '1e3'])).toMatch(/whole number/);
    expect(message(['--port', '70000'])).toMatch(/--port must be between 0 and 65535/);
    expect(message(['--port', '-1'])).toMatch(/--port/);
    expect(message(['--data-dir', ''])).toMatch(/--data-dir/);
    expect(message(['--api-key', ' '])).toMatch(/--api-key/);
    expect(message(['--bogus'])).toMatch(/bogus/);
    expect(message(['--api'])).toMatch(/api/);
  });

  it('lets Electron pass its own switches through', () => {
    const parsed = parseCliArgs(['--no-sandbox', '--api', 'http://x:1', 'extra'], {}, { allowUnknown: true });
    expect(parsed).toMatchObject({ ok: true, options: { apiUrl: 'http://x:1' } });
  });
});
