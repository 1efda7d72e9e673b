import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, integrationTokensFromEnv, parseCliArgs, type CliOptions } from './cli-args.js';

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
  it('reads the key from --api-key-file or HFT_API_KEY without a warning, and warns about --api-key', () => {
    const files: Record<string, string> = { [resolve('key.txt')]: 'file-key\n', [resolve('empty.txt')]: '\n' };
    const readText = (path: string) => {
      if (!(path in files)) throw new Error('ENOENT: no such file');
      return files[path]!;
    };
    const parse = (argv: string[], env = {}) => parseCliArgs(argv, env, { readText });
    expect(parse(['--api-key-file', 'key.txt'])).toMatchObject({ ok: true, options: { apiKey: 'file-key', warnings: [] } });
    expect(parse([], { HFT_API_KEY: 'env-key' })).toMatchObject({ ok: true, options: { apiKey: 'env-key', warnings: [] } });
    expect(parse(['--api-key', 'argv-key'])).toMatchObject({
      ok: true,
      options: { apiKey: 'argv-key', warnings: ['--api-key puts the key where every local user can read it (/proc/PID/cmdline, ps); use --api-key-file PATH or HFT_API_KEY instead'] },
    });
    expect(parse(['--api-key-file', 'empty.txt'])).toEqual({ ok: false, message: '--api-key-file empty.txt is empty' });
    expect(parse(['--api-key-file', 'nope.txt'])).toEqual({ ok: false, message: '--api-key-file nope.txt cannot be read: ENOENT: no such file' });
    expect(parse(['--api-key-file', 'key.txt', '--api-key', 'k'])).toMatchObject({ ok: false, message: expect.stringMatching(/^give the key one way/) });
  });

  it('has demo defaults with no flags', () => {
    expect(options([])).toEqual<CliOptions>({
      apiUrl: null,
      apiKey: undefined,
      pollMs: undefined,
      fastPollMs: undefined,
      port: DEFAULT_PORT,
      portExplicit: false,
      dataDir: undefined,
      integrationUrls: {},
      help: false,
      warnings: [],
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
      integrationUrls: {},
      help: false,
      warnings: [expect.stringMatching(/^--api-key puts the key where every local user can read it/)],
    });
    expect(options(['--api=http://x:1', '-h'])).toMatchObject({ apiUrl: 'http://x:1', help: true });
  });

  it('reads the integrations\' base URLs and refuses what is not http(s)', () => {
    expect(options(['--pagerduty-url', 'http://127.0.0.1:9/', '--alertmanager-url', 'http://127.0.0.1:9093']).integrationUrls).toEqual({
      pagerduty: 'http://127.0.0.1:9', alertmanager: 'http://127.0.0.1:9093',
    });
    expect(message(['--slack-url', 'ftp://x'])).toMatch(/--slack-url must be an http\(s\) URL/);
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

describe('integrationTokensFromEnv', () => {
  it('takes each token and PagerDuty\'s integration key from the environment, trimmed, and nothing empty', () => {
    expect(integrationTokensFromEnv({
      COCKPIT_PAGERDUTY_TOKEN: ' pd ', COCKPIT_SLACK_TOKEN: '', COCKPIT_STATUSPAGE_TOKEN: 'sp', COCKPIT_PAGERDUTY_ROUTING_KEY: 'R0UT1NG\n',
    })).toEqual({ pagerduty: 'pd', statuspage: 'sp', pagerdutyRoutingKey: 'R0UT1NG' });
  });
});
