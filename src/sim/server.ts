/**
 * The simulator's HTTP face: every endpoint of shared/hft-api.md, GET
 * /metrics, and the drill controls under /sim/v1, on one node:http server.
 * It owns sockets, the clock and the fault pipeline; the state lives in the
 * model, which it advances to the request's instant before answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Clock } from '../services/clock.js';
import { ReasonBody, type KillswitchActivation } from '../contract/hft.js';
import type { SimControls } from './control.js';
import { driftBody, driftMetrics, padJson, padMetrics, truncate } from './faults.js';
import { bearerMatches, JSON_TYPE, parseJson, readBody, send, sendError, sendJson } from './http-io.js';
import { IdempotencyCache } from './idempotency.js';
import { METRICS_CONTENT_TYPE, metricsText } from './metrics.js';
import type { TradingModel } from './model.js';
import { handleSimControl } from './sim-routes.js';
import { healthView, positionsView, riskView, statusView, strategiesView } from './views.js';

export interface SimServerDeps {
  model: TradingModel;
  controls: SimControls;
  clock: Clock;
  /** When set, writes need `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface SimServer {
  server: Server;
  /** Ends stalled answers and drops every connection, hung ones included. */
  shutdown(): void;
}

type ReadTarget = 'health' | 'status' | 'positions' | 'strategies' | 'risk';
type Route =
  | { target: ReadTarget; method: 'GET' }
  | { target: 'metrics'; method: 'GET' }
  | { target: 'killswitch'; method: 'POST' }
  | { target: 'strategy_control'; method: 'POST'; id: string; action: 'stop' | 'start' };

const READS: Record<string, ReadTarget> = {
  '/api/v1/health': 'health',
  '/api/v1/status': 'status',
  '/api/v1/positions': 'positions',
  '/api/v1/strategies': 'strategies',
  '/api/v1/risk/summary': 'risk',
};

function routeOf(path: string): Route | null {
  const read = READS[path];
  if (read) return { target: read, method: 'GET' };
  if (path === '/metrics') return { target: 'metrics', method: 'GET' };
  if (path === '/api/v1/killswitch') return { target: 'killswitch', method: 'POST' };
  const m = /^\/api\/v1\/strategies\/([^/]+)\/(stop|start)$/.exec(path);
  if (m) return { target: 'strategy_control', method: 'POST', id: decodeURIComponent(m[1]!), action: m[2] as 'stop' | 'start' };
  return null;
}

interface Answer {
  status: number;
  body: unknown;
}

const fail = (status: number, error: string): Answer => ({ status, body: { error } });

export function createSimServer({ model, controls, clock, apiKey }: SimServerDeps): SimServer {
  const idempotency = new IdempotencyCache();
  const stalls = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let closing = false;

  /** Waits `ms`, or less if the server is shutting down. */
  const stall = (ms: number) =>
    new Promise<void>((wake) => {
      const entry = { timer: setTimeout(() => { stalls.delete(entry); wake(); }, ms), wake };
      stalls.add(entry);
    });

  function read(target: ReadTarget, now: number, stampMs: number): Answer {
    switch (target) {
      case 'health': return { status: 200, body: healthView(model, now, stampMs) };
      case 'status': return { status: 200, body: statusView(model, stampMs) };
      case 'positions': return { status: 200, body: positionsView(model, stampMs) };
      case 'strategies': return { status: 200, body: strategiesView(model, stampMs) };
      case 'risk': return { status: 200, body: riskView(model, stampMs) };
    }
  }

  async function write(route: Route, req: IncomingMessage, now: number): Promise<Answer> {
    if (apiKey && !bearerMatches(req.headers.authorization, apiKey)) {
      return fail(401, 'missing or wrong API key: writes need "Authorization: Bearer <key>"');
    }
    const body = await readBody(req);
    if (!body.ok) return fail(413, 'request body too large');
    const parsed = body.text.trim() === '' ? { ok: true as const, value: undefined } : parseJson(body.text);
    if (!parsed.ok) return fail(400, 'body is not valid JSON; send {"reason": "..."}');
    if (route.target === 'killswitch') {
      const reason = ReasonBody.safeParse(parsed.value);
      if (!reason.success) return fail(400, 'a non-empty "reason" is required, e.g. {"reason": "loss limit"}');
      const ignored = controls.faultsFor('killswitch').some((f) => f.fault.name === 'killswitch_ignored');
      if (ignored && !model.killswitch.active) {
        const pretend: KillswitchActivation = { active: true, reason: reason.data.reason, activated_at: new Date(now).toISOString(), source: 'manual' };
        return { status: 200, body: pretend };
      }
      const k = model.activateKillswitch(reason.data.reason, 'manual', now);
      return { status: 200, body: { active: true, reason: k.reason, activated_at: new Date(k.activatedAtMs!).toISOString(), source: k.source } };
    }
    if (route.target !== 'strategy_control') return fail(404, 'no such endpoint');
    if (parsed.value !== undefined && (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))) {
      return fail(400, 'body must be a JSON object like {"reason": "..."}');
    }
    const reason = (parsed.value as { reason?: unknown } | undefined)?.reason;
    if (reason !== undefined && typeof reason !== 'string') return fail(400, '"reason" must be a string');
    if (route.action === 'stop') {
      if (!model.stopStrategy(route.id)) return fail(404, `unknown strategy "${route.id}"`);
      return { status: 200, body: { strategy_id: route.id, status: 'stopped' } };
    }
    const started = model.startStrategy(route.id);
    if (started === 'unknown') return fail(404, `unknown strategy "${route.id}"`);
    if (started === 'killswitch_active') return fail(409, 'the killswitch is active: reset it before starting strategies');
    return { status: 200, body: { strategy_id: route.id, status: 'running' } };
  }

  /**
   * Positions move only when the model ticks, and the book can be 10,000
   * rows (about 2 MB): serialise the rows once per tick and reuse them for
   * every poll within it; only the timestamp is written fresh.
   */
  let positionRows: { tick: number; json: string } | null = null;
  function positionsJson(stampMs: number): string {
    if (positionRows?.tick !== model.tick) {
      positionRows = { tick: model.tick, json: JSON.stringify(positionsView(model, stampMs).positions) };
    }
    return `{"timestamp":"${new Date(stampMs).toISOString()}","positions":${positionRows.json}}`;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> {
    const faults = controls
      .faultsFor(route.target)
      .filter((f) => f.fault.name !== 'killswitch_ignored');
    const has = (name: string) => faults.find((f) => f.fault.name === name);
    // Accepted and never answered: the socket stays open until the client or shutdown() gives up.
    if (has('hang')) return;
    const delay = Math.max(0, ...faults.map((f) => (f.fault.name === 'slow' ? f.fault.delay_ms : 0)));
    if (delay > 0) await stall(delay);
    if (closing || res.destroyed) return;
    if (has('http_500')) return sendError(res, 500, 'internal server error');

    const now = clock.now();
    model.advanceTo(now);
    const frozen = has('frozen_timestamp');
    const stampMs = frozen ? Math.min(frozen.sinceMs, now) : now;

    if (route.target === 'metrics') {
      let text = metricsText(model, now);
      if (has('schema_drift')) text = driftMetrics(text);
      const huge = has('huge_payload');
      if (has('malformed_json')) text = truncate(text);
      else if (huge && huge.fault.name === 'huge_payload') text = padMetrics(text, huge.fault.size_mb * 1024 * 1024);
      return send(res, 200, METRICS_CONTENT_TYPE, text);
    }

    if (route.target === 'positions' && !has('schema_drift') && !has('malformed_json') && !has('huge_payload')) {
      return send(res, 200, JSON_TYPE, positionsJson(stampMs));
    }
    let answer: Answer;
    if (route.method === 'GET') answer = read(route.target, now, stampMs);
    else {
      const key = req.headers['idempotency-key'];
      const idemKey = typeof key === 'string' && key !== '' ? key : null;
      const path = req.url ?? '';
      const prior = idemKey ? idempotency.get(req.method!, path, idemKey) : undefined;
      if (prior) answer = prior;
      else {
        answer = await write(route, req, now);
        if (idemKey && answer.status !== 401) idempotency.remember(req.method!, path, idemKey, answer);
      }
    }
    if (answer.status >= 300) return sendJson(res, answer.status, answer.body);

    const body = has('schema_drift') ? driftBody(route.target, answer.body) : answer.body;
    let text = JSON.stringify(body);
    const huge = has('huge_payload');
    if (has('malformed_json')) text = truncate(text);
    else if (huge && huge.fault.name === 'huge_payload') text = padJson(text, huge.fault.size_mb * 1024 * 1024);
    send(res, answer.status, JSON_TYPE, text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (path.startsWith('/sim/v1/')) return handleSimControl(req, res, path, { model, controls, clock });
    // A crashed system answers nothing: the connection drops without a status line.
    if (controls.crashed) {
      req.socket.destroy();
      return;
    }
    const route = routeOf(path);
    if (!route) return sendError(res, 404, `no such endpoint: ${req.method} ${path}`);
    if (req.method !== route.method) {
      return sendError(res, 405, `${path} answers ${route.method} only`, { allow: route.method });
    }
    return handleApi(req, res, route);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendError(res, 500, `simulator error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  return {
    server,
    shutdown() {
      closing = true;
      for (const s of stalls) {
        clearTimeout(s.timer);
        s.wake();
      }
      stalls.clear();
      server.closeAllConnections();
    },
  };
}
