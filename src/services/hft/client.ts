/**
 * The trading system's management API (shared/hft-api.md), as the cockpit
 * calls it. Every answer is checked against the contract's schemas before
 * anyone sees it: a body that fails is a failure of kind 'invalid', never
 * data. Failures come back as values, never as thrown errors.
 *
 * A read whose body is byte for byte the previous answer of that endpoint
 * is not parsed or validated again: it answers the previous value, the very
 * same object, so everything downstream (the view, the link's delta) sees
 * by identity that nothing changed. Only the last good body per endpoint is
 * kept. A book (positions, strategies) whose body changed has only its
 * changed rows validated; the rows that did not change are the previous
 * answer's validated rows themselves (reuse-rows.ts), and the rows whose
 * text did not change are not even parsed again (text-rows.ts).
 *
 * Reads go over kept-alive connections (http-read.ts),
 * writes through fetch; an injected `fetch` carries both.
 *
 * The API key goes only on writes (reads need none) and never into a
 * message: error texts are built from status codes, error codes and the
 * server's own `error` field, and scrubbed of the key as a last guard.
 */
import type { z } from 'zod';
import {
  ApiError,
  ENDPOINTS,
  KillswitchActivation,
  StrategyCommandResult,
  type EndpointData,
  type EndpointName,
} from '../../contract/hft.js';
import type { FailureKind } from '../../contract/live.js';
import { MAX_BODY_BYTES, MAX_ERROR_BODY_BYTES, readBodyText, type BodyText } from './body.js';
import { createHttpRead, type HttpRead } from './http-read.js';
import { describeFirstIssue } from './issues.js';
import { validateRows, type HeldRows } from './reuse-rows.js';
import { parseRowsText } from './text-rows.js';
import { ROW_SPECS } from '../../core/live-link/link.js';
import type { RowsSpec } from '../../core/live-link/rows.js';

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientFailure {
  kind: FailureKind;
  message: string;
  /** HTTP status for kind 'http'. */
  status?: number;
}

export type ClientResult<T> = { ok: true; value: T } | { ok: false; failure: ClientFailure };

export interface HftClient {
  /** One read endpoint, validated. */
  get<E extends EndpointName>(endpoint: E, signal: AbortSignal): Promise<ClientResult<EndpointData[E]>>;
  /** POST /api/v1/killswitch. The idempotency key lets a retried press be recognised as the same press. */
  killswitch(
    reason: string,
    options: { signal: AbortSignal; idempotencyKey: string },
  ): Promise<ClientResult<KillswitchActivation>>;
  stopStrategy(id: string, reason: string, options: { signal: AbortSignal }): Promise<ClientResult<StrategyCommandResult>>;
  startStrategy(id: string, options: { signal: AbortSignal }): Promise<ClientResult<StrategyCommandResult>>;
}

export interface HftClientOptions {
  /**
   * e.g. http://127.0.0.1:8080; a trailing slash is ignored. A function is
   * asked on every request, so whoever owns the route (direct, or an SSH
   * tunnel: api-route.ts) can move the client without rebuilding it.
   */
  baseUrl: string | (() => string);
  /** Bearer key for writes; reads never carry it. */
  apiKey?: string;
  /** Carries every request when given (tests); otherwise writes go through global fetch and reads through `read`. */
  fetch?: FetchFunction;
  /** How reads are sent when no `fetch` is given; defaults to kept-alive connections (http-read.ts). */
  read?: HttpRead;
  /** Body size cap, bytes; defaults to MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

/** Share of a book's rows that must have kept their text for the next answer to be walked row by row (text-rows.ts). */
export const MIN_WALK_REUSE = 0.25;
/** Answers parsed whole after a walk that found fewer unchanged rows than that, before walking again. */
export const WALK_PAUSE = 8;

/** Longest message a failure carries: enough to name the problem, short enough for a status line. */
const MAX_MESSAGE_CHARS = 200;

export function createHftClient(options: HftClientOptions): HftClient {
  const baseUrlOption = options.baseUrl;
  const baseUrl = typeof baseUrlOption === 'string' ? () => baseUrlOption : baseUrlOption;
  const fetchFn: FetchFunction = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const read: HttpRead | null = options.fetch ? null : (options.read ?? createHttpRead());
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const apiKey = options.apiKey && options.apiKey.length > 0 ? options.apiKey : undefined;

  const scrub = (text: string): string => {
    const clipped = apiKey ? text.split(apiKey).join('***') : text;
    return clipped.length > MAX_MESSAGE_CHARS ? `${clipped.slice(0, MAX_MESSAGE_CHARS - 1)}…` : clipped;
  };
  const failure = (kind: FailureKind, message: string, status?: number): ClientResult<never> => ({
    ok: false,
    failure: status === undefined ? { kind, message: scrub(message) } : { kind, message: scrub(message), status },
  });

  /**
   * The last good answer of each read endpoint: its body, what it was
   * validated into, a book's rows and their texts, and how many answers are
   * still to be parsed whole before the rows' texts are walked again.
   */
  const lastGood = new Map<
    string,
    { text: string; value: unknown; rows: HeldRows | null; slices: readonly string[] | null; walkIn: number }
  >();

  async function request<T>(
    path: string,
    init: RequestInit,
    schema: z.ZodType<T>,
    signal: AbortSignal,
    remember = false,
    rowsSpec?: RowsSpec,
  ): Promise<ClientResult<T>> {
    try {
      const url = baseUrl().replace(/\/+$/, '') + path;
      let body: BodyText;
      if (read !== null && init.method === 'GET') {
        const answer = await read(url, signal, { maxBytes: maxBodyBytes, maxErrorBytes: MAX_ERROR_BODY_BYTES });
        if (answer.status < 200 || answer.status >= 300) return httpFailure(answer.status, answer.body, path);
        body = answer.body;
      } else {
        const response = await fetchFn(url, { ...init, signal });
        if (!response.ok) {
          const errorBody = await readBodyText(response, MAX_ERROR_BODY_BYTES).catch(() => null);
          return httpFailure(response.status, errorBody, path);
        }
        body = await readBodyText(response, maxBodyBytes);
      }
      if (!body.ok) return failure('invalid', `${path}: ${body.message}`);
      const previous = remember ? lastGood.get(path) : undefined;
      if (previous !== undefined && previous.text === body.text) return { ok: true, value: previous.value as T };
      let json: unknown;
      // A book's rows whose text did not change are not parsed again (text-rows.ts); anything
      // that walk does not take, a body that is not JSON above all, is parsed whole here.
      const walk = rowsSpec !== undefined && (previous?.walkIn ?? 0) === 0;
      const held = walk && previous?.rows && previous.slices ? { slices: previous.slices, raw: previous.rows.raw } : null;
      const textRows = walk ? parseRowsText(body.text, rowsSpec, held) : null;
      if (textRows !== null) json = textRows.json;
      else {
        try {
          json = JSON.parse(body.text);
        } catch (error) {
          return failure('invalid', `${path}: not JSON (${(error as Error).message})`);
        }
      }
      const parsed = rowsSpec === undefined ? schema.safeParse(json) : validateRows(json, schema, rowsSpec, previous?.rows ?? null);
      if (!parsed.success) return failure('invalid', `${path}: ${describeFirstIssue(parsed.error)}`);
      if (remember) {
        const rows = 'rows' in parsed ? parsed.rows : null;
        const slices = rows !== null && textRows !== null && textRows.slices.length === rows.raw.length ? textRows.slices : null;
        // A book whose rows nearly all moved (every strategy, a small book marked to market each
        // tick) gains nothing from the walk: it is parsed whole for a while, then walked again.
        const gained = textRows !== null && (held === null || textRows.reused >= textRows.slices.length * MIN_WALK_REUSE);
        const walkIn = rowsSpec === undefined || (walk && gained) ? 0 : walk ? WALK_PAUSE : previous!.walkIn - 1;
        lastGood.set(path, { text: body.text, value: parsed.data, rows, slices: walkIn === 0 ? slices : null, walkIn });
      }
      return { ok: true, value: parsed.data };
    } catch (error) {
      if (signal.aborted) return failure('timeout', `${path}: no answer before the deadline`);
      return failure('network', `${path}: ${networkReason(error)}`);
    }
  }

  function httpFailure(status: number, body: BodyText | null, path: string): ClientResult<never> {
    let serverText = '';
    if (body?.ok) {
      try {
        const parsed = ApiError.safeParse(JSON.parse(body.text));
        if (parsed.success) serverText = `: ${parsed.data.error}`;
      } catch {
        // Not JSON: the status alone says what happened.
      }
    }
    return failure('http', `${path}: HTTP ${status}${serverText}`, status);
  }

  const writeHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
    accept: 'application/json',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    ...extra,
  });

  return {
    get(endpoint, signal) {
      const { path, schema } = ENDPOINTS[endpoint];
      return request(path, { method: 'GET', headers: { accept: 'application/json' } }, schema as z.ZodType, signal, true, ROW_SPECS[endpoint]) as Promise<
        ClientResult<EndpointData[typeof endpoint]>
      >;
    },
    killswitch(reason, { signal, idempotencyKey }) {
      const init = {
        method: 'POST',
        headers: writeHeaders({ 'content-type': 'application/json', 'idempotency-key': idempotencyKey }),
        body: JSON.stringify({ reason }),
      };
      return request('/api/v1/killswitch', init, KillswitchActivation, signal);
    },
    stopStrategy(id, reason, { signal }) {
      const init = {
        method: 'POST',
        headers: writeHeaders({ 'content-type': 'application/json' }),
        body: JSON.stringify({ reason }),
      };
      return request(`/api/v1/strategies/${encodeURIComponent(id)}/stop`, init, StrategyCommandResult, signal);
    },
    startStrategy(id, { signal }) {
      const init = { method: 'POST', headers: writeHeaders() };
      return request(`/api/v1/strategies/${encodeURIComponent(id)}/start`, init, StrategyCommandResult, signal);
    },
  };
}

/** Node's fetch reports "fetch failed" and hides the reason (ECONNREFUSED, ...) in `cause`. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause && typeof cause === 'object') {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return `${error.message} (${code})`;
    const message = (cause as { message?: unknown }).message;
    if (typeof message === 'string') return `${error.message} (${message})`;
  }
  return error.message;
}
