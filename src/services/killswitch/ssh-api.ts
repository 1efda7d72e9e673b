/**
 * The trading system's API reached through the prod host's SSH session: the
 * same calls as the direct client, sent as a curl on the host to
 * http://localhost:8080, with every answer checked against the same schemas.
 * It is the killswitch's way in when the API cannot be reached directly but
 * the host can.
 *
 * The API key never appears on the command line. A command line is visible
 * to every user of the host in `ps` and /proc, and lands in shell history
 * and process accounting. Environment variables over SSH need the server's
 * AcceptEnv (off for all but locale variables by default), and a header file
 * leaves the key at rest on the host. So the Authorization header goes on
 * curl's standard input (`-H @-`, curl 7.55 and later): read once by curl
 * and seen by nobody else.
 */
import type { z } from 'zod';
import {
  ApiError,
  ENDPOINTS,
  KillswitchActivation,
  StrategyCommandResult,
  type EndpointData,
} from '../../contract/hft.js';
import { HOST_API_BASE, reasonJson, shellQuote, shellWord } from '../../core/killswitch/host-commands.js';
import type { ClientResult, HftClient } from '../hft/client.js';

export interface HostCommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command on the host with `stdin` as its input; rejects on a transport failure. */
export type HostCommandRunner = (
  command: string,
  options: { stdin: string; timeoutMs: number; signal: AbortSignal },
) => Promise<HostCommandResult>;

export interface SshApiOptions {
  run: HostCommandRunner;
  apiKey?: string;
  /** The API as seen from the host. */
  hostApiBase?: string;
  /** Per-call deadline, ms, when the caller's signal has none of its own. */
  timeoutMs?: number;
}

export type SshApi = Pick<HftClient, 'get' | 'killswitch' | 'stopStrategy'>;

/** Time curl leaves for the SSH round trip inside the caller's deadline, ms. */
const CURL_MARGIN_MS = 300;
const DEFAULT_TIMEOUT_MS = 5_000;
/** curl exit codes that mean the API could not be reached (curl(1), EXIT CODES). */
const CURL_UNREACHABLE = new Set([6, 7, 52, 55, 56]);
const CURL_TIMEOUT = 28;
/** Marks the status line curl writes after the body. */
const STATUS_MARK = '\n__http_status__:';

export function createSshApi(options: SshApiOptions): SshApi {
  const base = (options.hostApiBase ?? HOST_API_BASE).replace(/\/+$/, '');
  const apiKey = options.apiKey && options.apiKey.length > 0 ? options.apiKey : undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const scrub = (text: string) => (apiKey ? text.split(apiKey).join('***') : text).trim().slice(0, 200);

  async function call<T>(path: string, write: { body: string; headers: string[] } | null, schema: z.ZodType<T>, signal: AbortSignal): Promise<ClientResult<T>> {
    const maxTime = Math.max(0.2, (timeoutMs - CURL_MARGIN_MS) / 1000);
    const args = ['curl', '-sS', '--max-time', String(maxTime), '-H', shellQuote('Accept: application/json'), '-w', shellQuote(`${STATUS_MARK}%{http_code}`)];
    let stdin = '';
    if (write) {
      args.push('-X', 'POST');
      for (const h of write.headers) args.push('-H', shellQuote(h));
      if (apiKey) {
        args.push('-H', '@-');
        stdin = `Authorization: Bearer ${apiKey}\n`;
      }
      args.push('-d', shellQuote(write.body));
    }
    args.push(shellWord(base + path));
    let out: HostCommandResult;
    try {
      out = await options.run(args.join(' '), { stdin, timeoutMs, signal });
    } catch (error) {
      if (signal.aborted) return { ok: false, failure: { kind: 'timeout', message: `${path} over SSH: no answer before the deadline` } };
      return { ok: false, failure: { kind: 'network', message: `${path} over SSH: ${scrub(error instanceof Error ? error.message : String(error))}` } };
    }
    if (out.code !== 0) {
      const kind = out.code === CURL_TIMEOUT ? 'timeout' : 'network';
      const what = out.code !== null && CURL_UNREACHABLE.has(out.code) ? 'the API did not answer on the host' : `curl exited ${String(out.code)}`;
      return { ok: false, failure: { kind, message: `${path} over SSH: ${what}: ${scrub(out.stderr)}` } };
    }
    const mark = out.stdout.lastIndexOf(STATUS_MARK);
    const status = mark < 0 ? NaN : Number(out.stdout.slice(mark + STATUS_MARK.length).trim());
    const body = mark < 0 ? out.stdout : out.stdout.slice(0, mark);
    if (!Number.isInteger(status)) return { ok: false, failure: { kind: 'invalid', message: `${path} over SSH: no HTTP status from curl` } };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      if (status >= 200 && status < 300) return { ok: false, failure: { kind: 'invalid', message: `${path} over SSH: not JSON` } };
    }
    if (status < 200 || status >= 300) {
      const error = ApiError.safeParse(json);
      const text = error.success ? `: ${scrub(error.data.error)}` : '';
      return { ok: false, failure: { kind: 'http', status, message: `${path} over SSH: HTTP ${status}${text}` } };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { ok: false, failure: { kind: 'invalid', message: `${path} over SSH: the answer does not match the API` } };
    return { ok: true, value: parsed.data };
  }

  return {
    get(endpoint, signal) {
      const { path, schema } = ENDPOINTS[endpoint];
      return call(path, null, schema as z.ZodType, signal) as Promise<ClientResult<EndpointData[typeof endpoint]>>;
    },
    killswitch(reason, { signal, idempotencyKey }) {
      const headers = [`Idempotency-Key: ${idempotencyKey}`, 'Content-Type: application/json'];
      return call('/api/v1/killswitch', { body: reasonJson(reason), headers }, KillswitchActivation, signal);
    },
    stopStrategy(id, reason, { signal }) {
      const path = `/api/v1/strategies/${encodeURIComponent(id)}/stop`;
      return call(path, { body: reasonJson(reason), headers: ['Content-Type: application/json'] }, StrategyCommandResult, signal);
    },
  };
}
