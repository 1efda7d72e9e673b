import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkApiHealth, checkApiHealthViaSsh, checkWriteKey, AUTH_PROBE_STRATEGY_ID } from './api-check.js';

/** A loopback server whose answer each test sets; the simulator suite covers the real thing. */
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let server: Server;
let base: string;
const never = new AbortController().signal;
const health = { status: 'ok', version: '2.14.1', uptime_s: 5, timestamp: '2026-11-24T08:00:00.000Z' };

beforeAll(async () => {
  server = createServer((req, res) => answer(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('API health check', () => {
  it('passes on a valid health answer, and tells degraded apart', async () => {
    answer = (_req, res) => json(res, 200, health);
    expect(await checkApiHealth(fetch, base + '/', never)).toMatchObject({ state: 'passed', message: 'Health ok, version 2.14.1' });
    answer = (_req, res) => json(res, 200, { ...health, status: 'degraded' });
    expect((await checkApiHealth(fetch, base, never)).message).toMatch(/degraded/);
  });

  it('fails on a bad status, a bad body, and a dropped connection', async () => {
    answer = (_req, res) => json(res, 503, { error: 'starting' });
    expect((await checkApiHealth(fetch, base, never)).message).toBe('The trading API answered HTTP 503');
    answer = (_req, res) => json(res, 200, { status: 'fine' });
    expect((await checkApiHealth(fetch, base, never)).rawError).toMatch(/does not match the API/);
    answer = (req) => req.socket.destroy();
    expect((await checkApiHealth(fetch, base, never)).message).toBe('The trading API closed the connection without answering');
  });

  it('goes through the forward and closes it', async () => {
    answer = (_req, res) => json(res, 200, health);
    const closed: string[] = [];
    const forwarder = {
      forwardLocal: async (profile: string, host: string, port: number) => ({ localUrl: base, close: () => closed.push(`${profile} ${host}:${port}`) }),
    };
    expect((await checkApiHealthViaSsh(forwarder, 'prod-1', fetch, never)).state).toBe('passed');
    expect(closed).toEqual(['prod-1 localhost:8080']);
  });
});

describe('write key check', () => {
  const keyed = (key: string) => (req: IncomingMessage, res: ServerResponse) => {
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/api/v1/strategies/${AUTH_PROBE_STRATEGY_ID}/stop`);
    if (req.headers.authorization !== `Bearer ${key}`) json(res, 401, { error: 'unauthorized' });
    else json(res, 404, { error: 'unknown strategy' });
  };

  it('accepts a right key only when a write without it is refused', async () => {
    answer = keyed('s3cret');
    expect(await checkWriteKey(fetch, base, 's3cret', never)).toMatchObject({ state: 'passed' });
    expect(await checkWriteKey(fetch, base, 'wrong', never)).toMatchObject({ state: 'failed', message: 'The write key was refused' });
  });

  it('says it cannot tell when the API answers 404 to anyone', async () => {
    answer = (_req, res) => json(res, 404, { error: 'unknown strategy' });
    expect((await checkWriteKey(fetch, base, 'k', never)).message).toMatch(/Could not verify the write key/);
  });
});
