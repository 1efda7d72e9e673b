import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
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

/** A server that answers each request with the next of `answers` (bytes as latin1 text), written in pieces of `piece` bytes. */
async function serveRaw(answers: readonly string[], piece = Infinity): Promise<{ url: string; connections: () => number; requests: string[] }> {
  let connections = 0;
  const requests: string[] = [];
  let next = 0;
  const server = net.createServer((socket) => {
    connections++;
    rawSockets.push(socket);
    let pending = '';
    socket.on('data', async (data) => {
      pending += data.toString('latin1');
      while (pending.includes('\r\n\r\n')) {
        const end = pending.indexOf('\r\n\r\n') + 4;
        requests.push(pending.slice(0, end));
        pending = pending.slice(end);
        const answer = Buffer.from(answers[Math.min(next++, answers.length - 1)]!, 'latin1');
        for (let at = 0; at < answer.length; at += piece) {
          socket.write(answer.subarray(at, Math.min(answer.length, at + piece)));
          if (piece !== Infinity) await new Promise((r) => setImmediate(r));
        }
        if (answer.includes('connection: close')) socket.end();
      }
    });
    socket.on('error', () => undefined);
  });
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, requests };
}
const rawServers: net.Server[] = [];
const rawSockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of rawSockets.splice(0)) socket.destroy();
  for (const server of rawServers.splice(0)) await new Promise((resolve) => server.close(resolve));
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

  it('reads chunked answers, answers framed by the connection closing, interim answers and empty ones, whatever pieces they come in', async () => {
    // The server writes latin1 text as bytes: \u00c3\u00a9 is the UTF-8 of é.
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4;ext=1\r\n{"a"\r\na\r\n:"\u00c3\u00a9"}    \r\n0\r\nx-trailer: 1\r\n\r\n';
    const sized = 'HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{"b":2}';
    const interim = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]';
    const empty = 'HTTP/1.1 204 No Content\r\n\r\n';
    for (const piece of [Infinity, 1, 5]) {
      const { url, connections, requests } = await serveRaw([chunked, sized, interim, empty, chunked], piece);
      const read = createHttpRead();
      expect(await read(`${url}/c`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: '{"a":"é"}    ' } });
      expect(await read(`${url}/s`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: '{"b":2}' } });
      expect(await read(`${url}/i`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: '[]' } });
      expect(await read(`${url}/e`, signal(), CAPS)).toEqual({ status: 204, body: { ok: true, text: '' } });
      expect(await read(`${url}/c`, signal(), CAPS)).toMatchObject({ status: 200, body: { ok: true } });
      expect(connections(), `pieces of ${piece}`).toBe(1);
      expect(requests[0]).toMatch(/^GET \/c HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\nAccept: application\/json\r\n/);
    }
    const { url, connections } = await serveRaw(['HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{"until":"close"}']);
    const read = createHttpRead();
    expect(await read(`${url}/x`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: '{"until":"close"}' } });
    expect(await read(`${url}/x`, signal(), CAPS)).toEqual({ status: 200, body: { ok: true, text: '{"until":"close"}' } });
    expect(connections()).toBe(2);
  });

  it('fails an answer that is not HTTP, a bad chunk, and a chunked body past the cap, on a connection not kept', async () => {
    const read = createHttpRead();
    for (const answer of [
      'SSH-2.0-OpenSSH_9.2\r\n\r\n',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: gzip\r\n\r\n',
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{}{}XX0\r\n\r\n',
    ]) {
      const { url } = await serveRaw([answer]);
      await expect(read(`${url}/x`, signal(), CAPS), answer).rejects.toThrow();
    }
    const { url, connections } = await serveRaw(['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n400\r\n' + 'x'.repeat(1024) + '\r\n1\r\nx\r\n0\r\n\r\n', 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}']);
    expect(await read(`${url}/x`, signal(), CAPS)).toMatchObject({ status: 200, body: { ok: false, reason: 'too_large' } });
    expect(await read(`${url}/x`, signal(), CAPS)).toMatchObject({ status: 200, body: { ok: true, text: '{}' } });
    expect(connections()).toBe(2);
  });

  it('is what the client reads through by default: a refused connection is a network failure naming its cause', async () => {
    const { url } = await serve(() => undefined);
    const port = Number(new URL(url).port);
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    const result = await createHftClient({ baseUrl: url }).get('health', signal());
    expect(result).toEqual({ ok: false, failure: { kind: 'network', message: `/api/v1/health: connect ECONNREFUSED 127.0.0.1:${port}` } });
  });
});
