/**
 * The browser host over real loopback HTTP and WebSocket: what it serves,
 * whom it lets in, and that it stays up whatever a socket sends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveUpdate } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { MAX_MESSAGE_BYTES, RENDERER_BUILD_HINT, startBrowserServer, type BrowserServer } from '../../src/host/browser/server.js';
import { createFakeFeed, pendingEndpoints, type FakeFeed } from '../support/fake-feed.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

let root: string;
let rendererDir: string;
let feed: FakeFeed;
let backend: Backend;
let server: BrowserServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-host-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><meta name="cockpit-host" content="__COCKPIT_HOST__"><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("cockpit")');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the bundle');
  feed = createFakeFeed();
  backend = await createBackend({
    apiUrl: 'http://hft-prod-01:8080',
    dataDir: root,
    hostKind: 'browser',
    settings: createMemorySettingsStore(),
    feed,
  });
  server = await startBrowserServer({ backend, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end();
  });
}

interface Client {
  ws: WebSocket;
  messages: unknown[];
  next(match: (m: any) => boolean, timeoutMs?: number): Promise<any>;
}

function connect(opts: { token?: string; origin?: string } = {}): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${encodeURIComponent(opts.token ?? server.token)}`, {
    origin: opts.origin ?? server.origin,
  });
  const messages: unknown[] = [];
  const waiters: { match: (m: any) => boolean; done: (m: unknown) => void }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    messages.push(message);
    for (const w of [...waiters]) if (w.match(message)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.done(message);
    }
  });
  const next = (match: (m: any) => boolean, timeoutMs = 5000) =>
    new Promise<any>((done, fail) => {
      const seen = messages.find(match);
      if (seen) return done(seen);
      const timer = setTimeout(() => fail(new Error('no matching message')), timeoutMs);
      waiters.push({ match, done: (m) => (clearTimeout(timer), done(m)) });
    });
  return new Promise((done, fail) => {
    ws.once('open', () => done({ ws, messages, next }));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`refused ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

const closed = (ws: WebSocket) => new Promise<number>((done) => ws.once('close', (code) => done(code)));

describe('browser host: HTTP', () => {
  it('serves index.html flagged for the browser host, with a strict policy and no caching', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<meta name="cockpit-host" content="browser">');
    expect(res.body).not.toContain('__COCKPIT_HOST__');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("img-src 'self' data:");
  });

  it('serves assets with their content type', async () => {
    const js = await get('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("cockpit")');
    expect((await get('/assets/app.css?v=1')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it('refuses to leave the bundle', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside the bundle');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and other methods', async () => {
    expect((await get('/', { host: `evil.example:${server.port}` })).status).toBe(403);
    const post = await fetch(`${server.origin}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect((await get('/ws')).status).toBe(426);
  });

  it('says how to build the renderer when the bundle is missing', async () => {
    const bare = await startBrowserServer({ backend, rendererDir: join(root, 'nowhere'), port: 0 });
    try {
      const res = await fetch(`${bare.origin}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain(RENDERER_BUILD_HINT);
    } finally {
      await bare.close();
    }
  });
});

describe('browser host: WebSocket', () => {
  it('refuses a wrong or missing token with 401', async () => {
    await expect(connect({ token: 'not-the-token' })).rejects.toThrow('refused 401');
    await expect(connect({ token: '' })).rejects.toThrow('refused 401');
  });

  it('refuses a foreign origin with 403', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(connect({ origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow('refused 403');
  });

  it('accepts the localhost spelling of our origin', async () => {
    const client = await connect({ origin: `http://localhost:${server.port}` });
    client.ws.close();
  });

  it('answers a call round trip', async () => {
    const client = await connect();
    client.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', request: {} }));
    client.ws.send(JSON.stringify({ type: 'call', id: 2, name: 'settings.update', request: { pollMs: 1 } }));
    client.ws.send(JSON.stringify({ type: 'call', id: 3, name: '__proto__', request: {} }));
    const info = await client.next((m) => m.id === 1);
    expect(info).toEqual({ type: 'result', id: 1, result: { ok: true, value: expect.objectContaining({ hostKind: 'browser', apiUrl: 'http://hft-prod-01:8080' }) } });
    expect((await client.next((m) => m.id === 2)).result.error.code).toBe('invalid_request');
    expect((await client.next((m) => m.id === 3)).result.error.code).toBe('unknown_call');
    client.ws.close();
  });

  it('pushes live updates to every connected socket', async () => {
    const a = await connect();
    const b = await connect();
    const update: LiveUpdate = { endpoints: { health: pendingEndpoints().health }, pollMs: 1000, at: 123 };
    feed.push(update);
    for (const client of [a, b]) {
      // The same numbered delta on every socket: the health view without its (unchanged) data.
      const { data: _unchanged, ...meta } = update.endpoints.health!;
      expect(await client.next((m) => m.type === 'event')).toEqual({ type: 'event', name: 'live.update', payload: { ...update, seq: 1, endpoints: { health: meta } } });
    }
    a.ws.close();
    b.ws.close();
  });

  it('survives malformed messages and keeps answering', async () => {
    const client = await connect();
    client.ws.send('{"type": "call", "id": ');
    client.ws.send('[]');
    client.ws.send(Buffer.from([0xff, 0x00, 0x13]));
    expect((await client.next((m) => m.type === 'result' && m.id === -1)).result.error.code).toBe('invalid_request');
    client.ws.send(JSON.stringify({ type: 'call', id: 9, name: 'settings.get', request: {} }));
    expect((await client.next((m) => m.id === 9)).result.ok).toBe(true);
    client.ws.close();
  });

  it('closes a socket that sends an oversized frame, and stays up for others', async () => {
    const big = await connect();
    const code = closed(big.ws);
    big.ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await code).toBe(1009);
    const other = await connect();
    other.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', request: {} }));
    expect((await other.next((m) => m.id === 1)).result.ok).toBe(true);
    other.ws.close();
  });

  it('closes its sockets on shutdown', async () => {
    const own = await startBrowserServer({ backend, rendererDir, port: 0 });
    const ws = new WebSocket(`ws://127.0.0.1:${own.port}/ws?token=${own.token}`, { origin: own.origin });
    await new Promise((r) => ws.once('open', r));
    expect(own.socketCount()).toBe(1);
    const code = closed(ws);
    await own.close();
    expect(await code).toBe(1001);
  });

  it('falls back to a free port when the default is taken, and refuses a taken explicit one', async () => {
    const again = await startBrowserServer({ backend, rendererDir, port: server.port, fallbackToFreePort: true });
    expect(again.port).not.toBe(server.port);
    await again.close();
    await expect(startBrowserServer({ backend, rendererDir, port: server.port })).rejects.toThrow(/in use/);
  });
});
