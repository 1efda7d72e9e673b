/**
 * A loopback HTTP server for the integration fakes: every request is kept
 * (method, path, query, headers, JSON body) for the test to assert on, and
 * the fake can go offline (connections dropped, as an unplugged network
 * looks to the client) or hold its answers for a while.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** A plain-text body instead of JSON (Slack's incoming webhooks answer "ok"). */
  text?: string;
  headers?: Record<string, string>;
}

export type Route = (req: ReceivedRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface HttpFake {
  url: string;
  received: ReceivedRequest[];
  /** Drop every connection without an answer while true. */
  offline: boolean;
  /** Wait this long after taking a request before answering, ms. */
  holdMs: number;
  close(): Promise<void>;
}

export async function startHttpFake(route: Route): Promise<HttpFake> {
  const fake = { received: [] as ReceivedRequest[], offline: false, holdMs: 0 } as HttpFake;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (fake.offline) {
      req.socket.destroy();
      return;
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      let body: unknown = null;
      try {
        body = raw === '' ? null : JSON.parse(raw);
      } catch {
        body = raw;
      }
      const received: ReceivedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
      fake.received.push(received);
      void Promise.resolve(route(received)).then(async (answer) => {
        if (fake.holdMs > 0) await new Promise((r) => setTimeout(r, fake.holdMs));
        res.writeHead(answer.status, { 'Content-Type': answer.text === undefined ? 'application/json' : 'text/plain', ...answer.headers });
        res.end(answer.text ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
