/**
 * The client's HTTPS reads against an HTTPS server on loopback, in a process
 * of its own: Node trusts a throwaway certificate only through
 * NODE_EXTRA_CA_CERTS, read when the process starts. Argument: a folder
 * holding `key.pem` and `cert.pem` (NODE_EXTRA_CA_CERTS naming the
 * latter). Prints one JSON line: what each read answered and what the
 * server saw; test/integration/https-read.test.ts asserts on it.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHttpRead, type ReadAnswer } from '../../src/services/hft/http-read.js';

const CAPS = { maxBytes: 1024, maxErrorBytes: 64 };
const folder = process.argv[2]!;
let connections = 0;
const requests: { path: string; accept: string | undefined }[] = [];

/** Connections whose next request is cut off unanswered, as a server's idle timeout does just as the client reuses it. */
const cutNext = new WeakSet<object>();

const server = https.createServer({ key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) }, (req, res) => {
  requests.push({ path: req.url ?? '', accept: req.headers.accept });
  if (cutNext.has(req.socket)) return req.socket.destroy();
  switch (req.url) {
    case '/ok':
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy"}');
    case '/chunked':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return setTimeout(() => res.end('1}'), 5);
    case '/declared-large':
      return res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    case '/growing':
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write('y'.repeat(200));
      return res.end();
    case '/error':
      return res.writeHead(503).end('e'.repeat(100));
    case '/latin1':
      return res.writeHead(200).end(Buffer.from([0x7b, 0xff, 0x7d]));
    case '/never':
      return; // no answer: the read must end on its abort
    case '/then-cut':
      cutNext.add(req.socket);
      return res.writeHead(200, { 'content-length': '2' }).end('{}');
    default:
      return res.writeHead(404).end('no');
  }
});
server.on('secureConnection', () => connections++);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
const read = createHttpRead();

type Outcome = ReadAnswer | { rejected: string };
const attempt = async (path: string, signal = new AbortController().signal): Promise<Outcome> => {
  try {
    return await read(`${base}${path}`, signal, CAPS);
  } catch (error) {
    return { rejected: error instanceof Error ? error.message : String(error) };
  }
};

const out: Record<string, unknown> = {};
out.ok = await attempt('/ok');
out.okAgain = await attempt('/ok');
out.connectionsAfterTwo = connections;
out.chunked = await attempt('/chunked');
out.declaredLarge = await attempt('/declared-large');
out.growing = await attempt('/growing');
out.error = await attempt('/error');
out.latin1 = await attempt('/latin1');
const abort = new AbortController();
const never = attempt('/never', abort.signal);
setTimeout(() => abort.abort(new Error('deadline passed')), 50);
out.aborted = await never;
out.thenCut = await attempt('/then-cut');
// The kept-alive connection is cut as it is reused: asked again on a new one, not a failure.
const before = connections;
out.afterCut = await attempt('/ok');
out.newConnectionsForCut = connections - before;
out.requests = requests;
out.connections = connections;
console.log(JSON.stringify(out));
server.closeAllConnections();
server.close();
