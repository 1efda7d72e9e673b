/**
 * The browser host: the renderer bundle over HTTP and the contract over a
 * WebSocket, on 127.0.0.1 only. A page gets in with the per-start session
 * token (handed over in the URL fragment, so it never reaches a server log
 * or a Referer) and only from our own origin.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TERMINAL_WS_PATH, WS_PATH, type WsServerMessage } from '../../contract/bridge.js';
import type { TerminalDataEvent, TerminalExitEvent } from '../../contract/terminal.js';
import type { Backend } from '../backend.js';
import { contentSecurityPolicy, contentTypeOf, INDEX_HTML, renderIndexHtml, resolveStaticPath } from '../static-files.js';
import { createLiveSocket, type LiveSocket } from './live-socket.js';
import { isOwnHost, isOwnOrigin } from './origin.js';
import { newSessionToken, tokensMatch } from './session-token.js';
import { TerminalStreams } from './terminal-stream.js';

/** The only address the host listens on. */
export const LOOPBACK = '127.0.0.1';
/** Largest frame a renderer may send, bytes: calls are small JSON objects, a settings patch is the largest. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Largest frame a page may send on its terminal stream, which carries nothing from the page. */
const MAX_STREAM_MESSAGE_BYTES = 1024;
export const RENDERER_BUILD_HINT = 'the renderer bundle is not built: run `npm run build:renderer` (or `npm run web`, which builds it first)';

export interface BrowserServerOptions {
  backend: Pick<Backend, 'handle' | 'subscribe' | 'releaseViewer'>;
  /** The built renderer, dist/renderer/. */
  rendererDir: string;
  /** 0 lets the OS pick. */
  port: number;
  /** When `port` is taken, listen on a free port instead of failing. */
  fallbackToFreePort?: boolean;
  /** Tests fix the token; otherwise a fresh one per start. */
  token?: string;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The address to open: origin plus the token in the fragment. */
  openUrl: string;
  /** Renderer sockets connected now. */
  socketCount(): number;
  close(): Promise<void>;
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? newSessionToken();
  const sockets = new Map<WebSocket, LiveSocket>();
  /** Each socket is one viewer of the terminals it opens or attaches, by the name the backend knows it by. */
  const socketOf = new Map<string, WebSocket>();
  let viewers = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const streamServer = new WebSocketServer({ noServer: true, maxPayload: MAX_STREAM_MESSAGE_BYTES });
  const streams = new TerminalStreams();
  const streamSockets = new Set<WebSocket>();
  let port = 0;

  const server = createServer((req, res) => {
    serveFile(req, res, opts.rendererDir, port).catch(() => {
      if (!res.headersSent) send(res, 500, port, 'internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== WS_PATH && url.pathname !== TERMINAL_WS_PATH) return refuse(socket, 404, 'Not Found');
    if (!isOwnHost(req.headers.host, port)) return refuse(socket, 403, 'Forbidden');
    if (!isOwnOrigin(req.headers.origin, port)) return refuse(socket, 403, 'Forbidden');
    if (!tokensMatch(token, url.searchParams.get('token'))) return refuse(socket, 401, 'Unauthorized');
    if (url.pathname === TERMINAL_WS_PATH) {
      // A stream belongs to a viewer that exists now and has none yet.
      const key = url.searchParams.get('viewer');
      const refusal = streams.refusal(key);
      if (refusal === 'unknown_viewer') return refuse(socket, 404, 'Not Found');
      if (refusal === 'bound_already') return refuse(socket, 409, 'Conflict');
      streamServer.handleUpgrade(req, socket, head, (ws) => {
        streamSockets.add(ws);
        ws.on('error', () => ws.terminate());
        ws.on('close', () => streamSockets.delete(ws));
        streams.bind(key!, ws);
      });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const viewerId = `socket-${++viewers}`;
      const live = createLiveSocket(ws, (name, request) => opts.backend.handle(name, request, { viewerId }));
      sockets.set(ws, live);
      socketOf.set(viewerId, ws);
      const hello: WsServerMessage = { type: 'viewer', viewer: streams.addViewer(viewerId, ws) };
      ws.send(JSON.stringify(hello));
      // Calls are JSON text; binary frames travel only from the host (terminal output), so one from the page is dropped.
      ws.on('message', (data, isBinary) => {
        if (!isBinary) live.receive(String(data));
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        sockets.delete(ws);
        socketOf.delete(viewerId);
        opts.backend.releaseViewer(viewerId);
      });
    });
  });

  const unsubscribe = opts.backend.subscribe((name, payload, viewerId) => {
    if (sockets.size === 0) return;
    // Terminal output and ends travel on the viewers' terminal streams, never ahead of the live view on the main socket.
    if (name === 'terminal.data' && viewerId !== undefined) {
      const event = payload as TerminalDataEvent;
      if (typeof event.data === 'string') streams.data({ sessionId: event.sessionId, data: event.data }, viewerId);
      return;
    }
    if (name === 'terminal.exit') return streams.exit(payload as TerminalExitEvent);
    // An event for one viewer goes to its socket alone.
    const audience = viewerId === undefined ? [...sockets.keys()] : [socketOf.get(viewerId)].filter((ws) => ws !== undefined);
    const text = JSON.stringify({ type: 'event', name, payload });
    for (const ws of audience) sockets.get(ws)?.deliver(name, payload, text);
  });

  try {
    port = await listen(server, opts.port, opts.fallbackToFreePort ?? false);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const origin = `http://${LOOPBACK}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    port,
    token,
    origin,
    openUrl: `${origin}/#token=${token}`,
    socketCount: () => sockets.size,
    close() {
      closing ??= new Promise<void>((done) => {
        unsubscribe();
        // 1001 "going away": the renderer shows the link down and reconnects to the next start.
        for (const ws of sockets.keys()) ws.close(1001, 'host shutting down');
        for (const ws of streamSockets) ws.close(1001, 'host shutting down');
        wss.close();
        streamServer.close();
        server.close(() => done());
        server.closeAllConnections();
        setImmediate(() => {
          for (const ws of sockets.keys()) ws.terminate();
          for (const ws of streamSockets) ws.terminate();
        });
      });
      return closing;
    },
  };
}

async function serveFile(req: IncomingMessage, res: ServerResponse, rendererDir: string, port: number): Promise<void> {
  if (!isOwnHost(req.headers.host, port)) return send(res, 403, port, 'forbidden host');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, port, 'method not allowed');
  }
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0]!;
  if (pathname === WS_PATH || pathname === TERMINAL_WS_PATH) return send(res, 426, port, 'WebSocket only');
  const path = resolveStaticPath(rendererDir, pathname);
  if (path === null) return send(res, 404, port, 'not found');
  const isIndex = pathname === '/' || pathname === `/${INDEX_HTML}`;

  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) {
    if (isIndex) return send(res, 503, port, RENDERER_BUILD_HINT);
    return send(res, 404, port, 'not found');
  }
  let body: Buffer | string = await readFile(path);
  if (isIndex) body = renderIndexHtml(body.toString('utf8'), 'browser');
  securityHeaders(res, port);
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(path));
  res.setHeader('Content-Length', Buffer.byteLength(body));
  // index.html carries the host flag and names the hashed assets: always fetch it anew.
  res.setHeader('Cache-Control', isIndex ? 'no-store' : 'no-cache');
  res.end(req.method === 'HEAD' ? undefined : body);
}

function securityHeaders(res: ServerResponse, port: number) {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(res: ServerResponse, status: number, port: number, text: string) {
  securityHeaders(res, port);
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${text}\n`);
}

/** Answers a refused handshake and drops the connection (the way `ws` aborts its own). */
function refuse(socket: Duplex, status: number, reason: string) {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function listen(server: Server, port: number, fallback: boolean): Promise<number> {
  return new Promise((done, fail) => {
    const attempt = (p: number) => {
      const onError = (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' && fallback && p !== 0) return attempt(0);
        if (error.code === 'EADDRINUSE') return fail(new Error(`port ${p} on ${LOOPBACK} is in use; pick another with --port, or --port 0 for any free one`));
        fail(error);
      };
      server.once('error', onError);
      server.listen(p, LOOPBACK, () => {
        server.off('error', onError);
        const address = server.address();
        done(typeof address === 'object' && address ? address.port : p);
      });
    };
    attempt(port);
  });
}
