/**
 * The trading API checks: health answers (directly, or through the SSH
 * forward to the host's localhost:8080), and the write key is accepted.
 *
 * The write key is tested without firing anything: the cockpit asks to stop
 * a strategy that cannot exist, `__cockpit_auth_probe__`. A system that
 * checks the key first answers 401 to a wrong key and 404 (unknown id) to a
 * right one. The limits: a system that looks the strategy up before the key
 * would answer 404 to anyone, so the probe is repeated without a key and
 * must then be refused; and if a strategy by that name ever existed it would
 * be stopped, which is why the name is one no operator would choose.
 */
import { explainFailure } from '../../core/checks/explain.js';
import type { CheckKind, CheckOutcome } from '../../core/checks/model.js';
import { Health } from '../../contract/hft.js';
import { describeError } from './describe-error.js';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export const AUTH_PROBE_STRATEGY_ID = '__cockpit_auth_probe__';
const PROBE_PATH = `/api/v1/strategies/${AUTH_PROBE_STRATEGY_ID}/stop`;

/** Health is a few hundred bytes; anything much bigger is not the trading system. */
const MAX_HEALTH_BYTES = 64 * 1024;

export interface ApiForwarder<P> {
  /** A local port forward to `remoteHost:remotePort` as seen from the profile's host. */
  forwardLocal(profile: P, remoteHost: string, remotePort: number): Promise<{ localUrl: string; close(): unknown }>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function failed(kind: CheckKind, raw: string, target: string): CheckOutcome {
  const { message, hint } = explainFailure(kind, raw, { target });
  return { state: 'failed', message, hint, rawError: raw };
}

export async function checkApiHealth(
  fetchFn: FetchFn,
  baseUrl: string,
  signal: AbortSignal,
  kind: CheckKind = 'api_health',
): Promise<CheckOutcome> {
  const url = `${trimSlash(baseUrl)}/api/v1/health`;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, { signal, headers: { accept: 'application/json' } });
    text = await response.text();
  } catch (error) {
    return failed(kind, describeError(error), url);
  }
  if (response.status !== 200) return failed(kind, `HTTP ${response.status} from ${url}\n${text.slice(0, 2000)}`, url);
  if (text.length > MAX_HEALTH_BYTES) return failed(kind, `health answer of ${text.length} bytes from ${url}`, url);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return failed(kind, `health answer is not JSON: ${text.slice(0, 500)}`, url);
  }
  const health = Health.safeParse(body);
  if (!health.success) return failed(kind, `health answer does not match the API: ${health.error.message}\n${text.slice(0, 500)}`, url);
  const { status, version } = health.data;
  return {
    state: 'passed',
    message: status === 'ok' ? `Health ok, version ${version}` : `Health answers but reports "degraded" (version ${version})`,
    hint: status === 'ok' ? null : 'Access works; the system itself reports a problem: look at the live view.',
    rawError: null,
  };
}

export async function checkApiHealthViaSsh<P>(
  forwarder: ApiForwarder<P>,
  profile: P,
  fetchFn: FetchFn,
  signal: AbortSignal,
  remotePort = 8080,
): Promise<CheckOutcome> {
  let forward: { localUrl: string; close(): unknown };
  try {
    forward = await forwarder.forwardLocal(profile, 'localhost', remotePort);
  } catch (error) {
    return failed('api_health_via_ssh', describeError(error), `localhost:${remotePort}`);
  }
  try {
    return await checkApiHealth(fetchFn, forward.localUrl, signal, 'api_health_via_ssh');
  } finally {
    await forward.close();
  }
}

async function probe(fetchFn: FetchFn, url: string, key: string | null, signal: AbortSignal): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const response = await fetchFn(url, {
    method: 'POST',
    signal,
    headers,
    body: JSON.stringify({ reason: 'on-call cockpit: write key check (no such strategy)' }),
  });
  await response.body?.cancel();
  return response.status;
}

export async function checkWriteKey(fetchFn: FetchFn, baseUrl: string, key: string, signal: AbortSignal): Promise<CheckOutcome> {
  const url = `${trimSlash(baseUrl)}${PROBE_PATH}`;
  try {
    const withKey = await probe(fetchFn, url, key, signal);
    if (withKey === 401 || withKey === 403) return failed('api_write_key', `HTTP ${withKey}: the write key was refused`, url);
    if (withKey !== 404) {
      return {
        state: 'failed',
        message: `The write-key probe got HTTP ${withKey}, not 404`,
        hint:
          withKey === 200
            ? `A strategy named ${AUTH_PROBE_STRATEGY_ID} exists and was asked to stop: tell the desk and remove it.`
            : 'The API does not behave as documented for an unknown strategy; the key could not be verified.',
        rawError: `POST ${url} with the key: HTTP ${withKey}`,
      };
    }
    const withoutKey = await probe(fetchFn, url, null, signal);
    if (withoutKey === 401 || withoutKey === 403) {
      return { state: 'passed', message: 'The write key is accepted (a write without it is refused)', hint: null, rawError: null };
    }
    return {
      state: 'failed',
      message: 'Could not verify the write key: the API accepts writes without a key too',
      hint: 'Either the trading system has no write key configured, or it checks the strategy before the key; ask the platform team which.',
      rawError: `POST ${url}: HTTP ${withKey} with the key, HTTP ${withoutKey} without`,
    };
  } catch (error) {
    return failed('api_write_key', describeError(error), url);
  }
}
