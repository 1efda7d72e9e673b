/**
 * Command-line flags shared by both hosts (`npm start`, `npm run web`):
 *
 *   --api URL        trading system base URL (else the saved setting, else the embedded simulator)
 *   --api-key-file PATH  bearer key for writes, read from an owner-only file;
 *                    HFT_API_KEY in the environment does the same. Either keeps
 *                    the key out of shell history and out of /proc/PID/cmdline.
 *   --api-key KEY    the same on the command line: still accepted, with a warning,
 *                    because every local user can read a process's arguments
 *   --poll-ms N      poll interval of positions and strategies, ms (200..60000, like the setting)
 *   --fast-poll-ms N poll interval of health, status and risk, ms (100..60000)
 *   --port N         browser host port; default 7420, and if that one is taken
 *                    the OS picks a free one. An explicit port must be free.
 *   --data-dir DIR   settings and state folder (default: the per-user app data folder)
 *   --help
 *
 * The browser host always binds 127.0.0.1: there is no flag to change that.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Default browser host port; a fixed one keeps bookmarks and the page's origin stable across restarts. */
export const DEFAULT_PORT = 7420;
/** Same bounds as Settings.pollMs. */
const POLL_MS_MIN = 200;
const POLL_MS_MAX = 60_000;
/** Same bounds as Settings.fastPollMs. */
const FAST_POLL_MS_MIN = 100;

export interface CliOptions {
  apiUrl: string | null;
  apiKey: string | undefined;
  pollMs: number | undefined;
  fastPollMs: number | undefined;
  port: number;
  /** False when --port was not given, so a taken default may fall back to a free port. */
  portExplicit: boolean;
  dataDir: string | undefined;
  /** --pagerduty-url, --slack-url, --statuspage-url, --alertmanager-url: base URLs of the integrations (tests point them at fakes). */
  integrationUrls: Partial<Record<'pagerduty' | 'slack' | 'statuspage' | 'alertmanager', string>>;
  help: boolean;
  /** Said on stderr at start, e.g. that --api-key is readable by other local users. */
  warnings: string[];
}

export type CliParse = { ok: true; options: CliOptions } | { ok: false; message: string };

export const USAGE = `usage: cockpit [--api URL] [--api-key-file PATH] [--poll-ms N] [--fast-poll-ms N] [--port N] [--data-dir DIR]
  --api URL       trading system API base URL, e.g. http://hft-prod-01:8080
                  (default: the saved setting, else the embedded demo simulator)
  --api-key-file PATH  file holding the bearer key for killswitch and strategy
                  commands (or env HFT_API_KEY); --api-key KEY also works, but
                  other local users can read it in the process list
  --poll-ms N     poll interval of positions and strategies in ms, ${POLL_MS_MIN}..${POLL_MS_MAX}
  --fast-poll-ms N  poll interval of health, status and risk in ms, ${FAST_POLL_MS_MIN}..${POLL_MS_MAX}
  --port N        browser host port on 127.0.0.1 (default ${DEFAULT_PORT}, else a free one; 0 = any free)
  --data-dir DIR  where settings live (default: the per-user application data folder)
  --pagerduty-url URL, --slack-url URL, --statuspage-url URL, --alertmanager-url URL
                  base URLs of the integrations (default: the services' public endpoints;
                  Alertmanager: the one saved in the integration's settings)`;

/**
 * `allowUnknown` is for Electron, whose argv also carries Chromium switches.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
  { allowUnknown = false, readText = (path: string) => readFileSync(path, 'utf8') }: { allowUnknown?: boolean; readText?: (path: string) => string } = {},
): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: !allowUnknown,
      allowPositionals: allowUnknown,
      options: {
        api: { type: 'string' },
        'api-key': { type: 'string' },
        'api-key-file': { type: 'string' },
        'poll-ms': { type: 'string' },
        'fast-poll-ms': { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'pagerduty-url': { type: 'string' },
        'slack-url': { type: 'string' },
        'statuspage-url': { type: 'string' },
        'alertmanager-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);

  const api = text('api');
  let apiUrl: string | null = null;
  if (api !== undefined) {
    const parsed = URL.canParse(api) ? new URL(api) : null;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      return { ok: false, message: `--api must be an http(s) URL such as http://hft-prod-01:8080, got ${JSON.stringify(api)}` };
    }
    apiUrl = api.replace(/\/+$/, '');
  }

  const warnings: string[] = [];
  const keyFile = text('api-key-file');
  if (keyFile !== undefined && text('api-key') !== undefined) return { ok: false, message: 'give the key one way: --api-key-file or --api-key, not both' };
  let apiKey: string | undefined;
  if (keyFile !== undefined) {
    try {
      apiKey = readText(resolve(keyFile)).trim();
    } catch (error) {
      return { ok: false, message: `--api-key-file ${keyFile} cannot be read: ${(error as Error).message}` };
    }
    if (apiKey === '') return { ok: false, message: `--api-key-file ${keyFile} is empty` };
  } else {
    apiKey = text('api-key') ?? (env.HFT_API_KEY ? env.HFT_API_KEY : undefined);
    if (apiKey !== undefined && apiKey.trim() === '') return { ok: false, message: '--api-key must not be empty' };
    if (text('api-key') !== undefined) {
      warnings.push('--api-key puts the key where every local user can read it (/proc/PID/cmdline, ps); use --api-key-file PATH or HFT_API_KEY instead');
    }
  }

  const pollMs = integer(text('poll-ms'), '--poll-ms', POLL_MS_MIN, POLL_MS_MAX);
  if (typeof pollMs === 'string') return { ok: false, message: pollMs };
  const fastPollMs = integer(text('fast-poll-ms'), '--fast-poll-ms', FAST_POLL_MS_MIN, POLL_MS_MAX);
  if (typeof fastPollMs === 'string') return { ok: false, message: fastPollMs };
  const port = integer(text('port'), '--port', 0, 65_535);
  if (typeof port === 'string') return { ok: false, message: port };

  const integrationUrls: CliOptions['integrationUrls'] = {};
  for (const name of ['pagerduty', 'slack', 'statuspage', 'alertmanager'] as const) {
    const value = text(`${name}-url`);
    if (value === undefined) continue;
    if (!/^https?:\/\//.test(value) || !URL.canParse(value)) return { ok: false, message: `--${name}-url must be an http(s) URL, got ${JSON.stringify(value)}` };
    integrationUrls[name] = value.replace(/\/+$/, '');
  }

  const dataDir = text('data-dir');
  if (dataDir !== undefined && dataDir.trim() === '') return { ok: false, message: '--data-dir must not be empty' };

  return {
    ok: true,
    options: {
      apiUrl,
      apiKey,
      pollMs,
      fastPollMs,
      port: port ?? DEFAULT_PORT,
      portExplicit: port !== undefined,
      dataDir: dataDir === undefined ? undefined : resolve(dataDir),
      integrationUrls,
      help: values.help === true,
      warnings,
    },
  };
}

/** The number, undefined when absent, or the error message. */
function integer(raw: string | undefined, flag: string, min: number, max: number): number | undefined | string {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) return `${flag} must be a whole number, got ${JSON.stringify(raw)}`;
  const n = Number(raw);
  if (n < min || n > max) return `${flag} must be between ${min} and ${max}, got ${n}`;
  return n;
}

/** The integrations' secrets by what they open: each service's token, and PagerDuty's Events API integration key. */
export type IntegrationSecrets = Partial<Record<'pagerduty' | 'slack' | 'statuspage' | 'pagerdutyRoutingKey', string>>;

/**
 * Integration tokens from the environment (COCKPIT_PAGERDUTY_TOKEN,
 * COCKPIT_SLACK_TOKEN, COCKPIT_STATUSPAGE_TOKEN, and PagerDuty's integration
 * key in COCKPIT_PAGERDUTY_ROUTING_KEY): kept out of shell history and of
 * every file; the backend puts them in the secret store.
 */
export function integrationTokensFromEnv(env: Record<string, string | undefined>): IntegrationSecrets {
  const tokens: IntegrationSecrets = {};
  for (const name of ['pagerduty', 'slack', 'statuspage'] as const) {
    const value = env[`COCKPIT_${name.toUpperCase()}_TOKEN`]?.trim();
    if (value) tokens[name] = value;
  }
  const routingKey = env.COCKPIT_PAGERDUTY_ROUTING_KEY?.trim();
  if (routingKey) tokens.pagerdutyRoutingKey = routingKey;
  return tokens;
}
