import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHftClient } from './client.js';
import { createHttpRead } from './http-read.js';

const CAPS = { maxBytes: 1024, maxErrorBytes: 64 };
const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<{ url: string; connections: () => number }> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const signal = () => new AbortController().signal;

describe('createHttpRead', () => {
  it('answers the status and the body, asking for JSON, on one kept-alive connection', async () => {
    const seen: string[] = [];
    const { url, connections } = await serve((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.accept}`);
      res.end(JSON.stringify({ n: seen.length, text: 'é' }));
    });
    const read = createHttpRead();
    for (let i = 1; i <= 3; i++) {
      expect(await read(`${url}/api/v1/health`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: `{"n":${i},"text":"é"}` } });
    }
    expect(seen).toEqual(Array(3).fill('GET /api/v1/health application/json'));
    expect(connections()).toBe(1);
  });

  it('reads an error status body up to its own, smaller cap', async () => {
    const { url } = await serve((req, res) => {
      res.statusCode = req.url === '/small' ? 503 : 500;
      res.end(req.url === '/small' ? '{"error":"restarting"}' : 'x'.repeat(100));
    });
    const read = createHttpRead();
    expect(await read(`${url}/small`, signal(), CAPS)).toEqual({ status: 503, body: { ok: true, text: '{"error":"restarting"}' } });
    expect(await read(`${url}/big`, signal(), CAPS)).toMatchObject({ status: 500, body: { ok: false, reason: 'too_large' } });
  });

  it('refuses a declared length past the cap, and a body growing past it, without reading the rest', async () => {
    let written = 0;
    let closed = false;
    const { url } = await serve((req, res) => {
      if (req.url === '/declared') {
        res.setHeader('content-length', String(10 * 1024 * 1024));
        res.write('{');
        return;
      }
      res.on('close', () => (closed = true));
      const more = () => {
        // Bounded: 4 MB at most, far past the 1 KB cap.
        while (written < 4 * 1024 * 1024 && !res.destroyed) {
          written += 16 * 1024;
          if (!res.write('x'.repeat(16 * 1024))) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const read = createHttpRead();
    expect(await read(`${url}/declared`, signal(), CAPS)).toEqual({
      status: 200,
      body: { ok: false, reason: 'too_large', message: 'body larger than 1024 bytes' },
    });
    expect(await read(`${url}/growing`, signal(), CAPS)).toMatchObject({ status: 200, body: { ok: false, reason: 'too_large' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    expect(written).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses a body that is not UTF-8', async () => {
    const { url } = await serve((_req, res) => res.end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await createHttpRead()(`${url}/x`, signal(), CAPS)).toMatchObject({ status: 200, body: { ok: false, reason: 'not_utf8' } });
  });

  it('rejects at once on an abort, before the request and mid-body', async () => {
    const { url } = await serve((_req, res) => res.write('{"timestamp":'));
    const read = createHttpRead();
    const early = new AbortController();
    early.abort(new Error('deadline'));
    await expect(read(`${url}/x`, early.signal, CAPS)).rejects.toThrow('deadline');
    const late = new AbortController();
    const pending = read(`${url}/x`, late.signal, CAPS);
    setTimeout(() => late.abort(new Error('deadline')), 30);
    const t0 = Date.now();
    await expect(pending).rejects.toThrow('deadline');
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('asks again once on a new connection when a kept-alive one was closed as it was reused, and only once', async () => {
    let requests = 0;
    let resetEvery = false;
    const { url, connections } = await serve((req, res) => {
      requests++;
      // The second request on a connection finds it closed by the server.
      if (resetEvery ? requests > 1 : requests === 2) return void req.socket.destroy();
      res.end('{"ok":true}');
    });
    const read = createHttpRead();
    expect((await read(`${url}/x`, signal(), CAPS)).body).toEqual({ ok: true, text: '{"ok":true}' });
    expect((await read(`${url}/x`, signal(), CAPS)).body).toEqual({ ok: true, text: '{"ok":true}' });
    expect(connections()).toBe(2);
    resetEvery = true;
    await expect(read(`${url}/x`, signal(), CAPS)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('is what the client reads through by default: a refused connection is a network failure naming its cause', async () => {
    const { url } = await serve(() => undefined);
    const port = Number(new URL(url).port);
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    const result = await createHftClient({ baseUrl: url }).get('health', signal());
    expect(result).toEqual({ ok: false, failure: { kind: 'network', message: `/api/v1/health: connect ECONNREFUSED 127.0.0.1:${port}` } });
  });
});
