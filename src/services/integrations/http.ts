/**
 * The one HTTP seam of the integrations: a JSON request out, the status,
 * headers and body back, failures as values. Only this file calls `fetch`;
 * tests point the integrations at loopback fakes through their base URLs.
 */
import type { SendOutcome } from '../outbox/outbox.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when present. */
  body?: unknown;
}

export interface HttpAnswer {
  status: number;
  header(name: string): string | null;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
  text: string;
}

export type HttpResult = { ok: true; answer: HttpAnswer } | { ok: false; reason: string };
export type HttpClient = (request: HttpRequest) => Promise<HttpResult>;

/** Longest an integration call may take before it counts as failed, ms. */
export const HTTP_TIMEOUT_MS = 10_000;
/** Bodies past this are not read (an answer from these APIs is a few KiB), bytes. */
const MAX_ANSWER_CHARS = 1_000_000;

export function fetchHttpClient(fetchImpl: typeof fetch = fetch, timeoutMs = HTTP_TIMEOUT_MS): HttpClient {
  return async ({ method, url, headers = {}, body }) => {
    try {
      const response = await fetchImpl(url, {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      const text = (await response.text()).slice(0, MAX_ANSWER_CHARS);
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      return { ok: true, answer: { status: response.status, header: (n) => response.headers.get(n), json, text } };
    } catch (e) {
      const error = e as Error & { cause?: { code?: string; message?: string } };
      if (error.name === 'TimeoutError') return { ok: false, reason: `no answer within ${timeoutMs / 1000} s` };
      const why = error.cause?.code ?? error.cause?.message;
      return { ok: false, reason: why ? `cannot reach ${new URL(url).host} (${why})` : error.message };
    }
  };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * What an HTTP answer means for a message, the same way for every service:
 * 2xx delivered; 429 wait as long as the far side says; 401/403 a token the
 * far side refuses (kept, retried: the engineer fixes the token and it goes);
 * 408 and 5xx passing; any other 4xx a request the far side will never take.
 */
export function outcomeOf(result: HttpResult, service: string, now: number, detail: (answer: HttpAnswer) => string = () => ''): SendOutcome {
  if (!result.ok) return { ok: false, retry: true, reason: result.reason };
  const { answer } = result;
  const why = detail(answer);
  const suffix = why ? `: ${why}` : '';
  if (answer.status >= 200 && answer.status < 300) return { ok: true };
  if (answer.status === 429) {
    const wait = retryAfterMs(answer.header('retry-after'), now);
    return { ok: false, retry: true, reason: `${service} is rate limiting (429)${suffix}`, ...(wait !== null ? { retryAfterMs: wait } : {}) };
  }
  if (answer.status === 401 || answer.status === 403) {
    return { ok: false, retry: true, reason: `${service} refused the token (${answer.status})${suffix}; set a new one in Settings` };
  }
  if (answer.status === 408 || answer.status >= 500) return { ok: false, retry: true, reason: `${service} answered ${answer.status}${suffix}` };
  return { ok: false, retry: false, reason: `${service} refused the request (${answer.status})${suffix}` };
}

/** Joins a base URL and a path without doubling or losing the slash. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
