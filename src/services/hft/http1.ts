/**
 * A GET over plain HTTP/1.1 on kept-alive TCP connections, written against
 * the socket, for the polled reads.
 *
 * At the default lanes the cockpit reads fourteen answers a second, most of
 * them a few hundred bytes. Through Node's HTTP client each read built a
 * ClientRequest, an IncomingMessage, their streams and events, and on this
 * cockpit's side that machinery cost more than everything done with the
 * answer (bench/poller-cpu.ts). Here a read writes one prebuilt request and
 * reads the answer off the socket's own data events.
 *
 * The answer is read as RFC 9112 says: a status line, header fields, then
 * a body framed by Transfer-Encoding: chunked, else by Content-Length, else
 * by the connection's close. Interim (1xx) answers are skipped. Anything
 * malformed fails the read and closes the connection. A connection goes back
 * to the pool only after a whole answer that left nothing unread on it and
 * did not ask to close.
 *
 * The rules are those of http-read.ts: the body cap, UTF-8, the abort, and
 * one retry on a new connection when a kept-alive one turns out closed
 * before any byte of the answer came.
 */
import net from 'node:net';
import { utf8Body } from './body.js';
import type { HttpReadOptions, ReadAnswer } from './http-read.js';

/** Largest status line and header block read, bytes; an answer with more is refused. */
export const MAX_HEADER_BYTES = 64 * 1024;

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

type Fail = (error: Error) => void;

/** An error as Node's own HTTP client raises it, with a code the client names the failure by. */
function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

interface Target {
  host: string;
  port: number;
  /** Pool key. */
  origin: string;
  request: Buffer;
}

/** Where the answer stands as bytes come in. */
const enum Stage {
  Head,
  Sized,
  ChunkSize,
  ChunkData,
  ChunkEnd,
  Trailers,
  UntilClose,
}

export function createHttp1Read(): (url: URL, signal: AbortSignal, options: HttpReadOptions) => Promise<ReadAnswer> {
  const idle = new Map<string, net.Socket[]>();
  const targets = new Map<string, Target>();

  const targetOf = (url: URL): Target => {
    let target = targets.get(url.href);
    if (target === undefined) {
      if (targets.size >= 64) targets.clear();
      const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      const port = url.port === '' ? 80 : Number(url.port);
      const request = Buffer.from(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nAccept: application/json\r\nConnection: keep-alive\r\n\r\n`,
        'latin1',
      );
      target = { host, port, origin: `${host}:${port}`, request };
      targets.set(url.href, target);
    }
    return target;
  };

  /** An idle connection closed or broken by the server leaves the pool; it is never used again. */
  const onIdleGone = function (this: net.Socket): void {
    this.destroy();
    for (const [origin, list] of idle) {
      const at = list.indexOf(this);
      if (at >= 0) {
        list.splice(at, 1);
        if (list.length === 0) idle.delete(origin);
      }
    }
  };

  const park = (origin: string, socket: net.Socket): void => {
    socket.on('data', onIdleGone);
    socket.on('end', onIdleGone);
    socket.on('close', onIdleGone);
    socket.on('error', onIdleGone);
    socket.unref();
    let list = idle.get(origin);
    if (list === undefined) idle.set(origin, (list = []));
    list.push(socket);
  };

  const take = (origin: string): net.Socket | null => {
    const list = idle.get(origin);
    const socket = list?.pop() ?? null;
    if (list !== undefined && list.length === 0) idle.delete(origin);
    if (socket === null) return null;
    socket.off('data', onIdleGone);
    socket.off('end', onIdleGone);
    socket.off('close', onIdleGone);
    socket.off('error', onIdleGone);
    socket.ref();
    return socket.destroyed ? null : socket;
  };

  function once(target: Target, signal: AbortSignal, options: HttpReadOptions, retried: boolean): Promise<ReadAnswer> {
    return new Promise<ReadAnswer>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const pooled = take(target.origin);
      const reused = pooled !== null;
      const socket = pooled ?? net.connect({ host: target.host, port: target.port, noDelay: true });
      let settled = false;
      /** Bytes of the answer seen at all: a closed connection before any is one that was closed as it was reused. */
      let seen = 0;
      let head: Buffer | null = null;
      let stage = Stage.Head;
      let status = 0;
      let cap = options.maxBytes;
      let keepAlive = true;
      let remaining = 0;
      const chunks: Buffer[] = [];
      let received = 0;
      /** Bytes of a line (chunk size, trailer) still being read. */
      let line: Buffer | null = null;

      const cleanup = (): void => {
        signal.removeEventListener('abort', onAbort);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        socket.off('end', onEnd);
      };
      const fail: Fail = (error) => {
        if (settled) return;
        settled = true;
        cleanup();
        socket.destroy();
        reject(error);
      };
      const finish = (answer: ReadAnswer, reusable: boolean): void => {
        if (settled) return;
        settled = true;
        cleanup();
        if (reusable && keepAlive && !socket.destroyed) park(target.origin, socket);
        else socket.destroy();
        resolve(answer);
      };
      const tooLarge = (): void =>
        // The rest is not read: the connection goes, not back to the pool.
        finish({ status, body: { ok: false, reason: 'too_large', message: `body larger than ${cap} bytes` } }, false);
      const complete = (reusable: boolean): void => {
        finish({ status, body: utf8Body(chunks, received) }, reusable);
      };
      const addBody = (bytes: Buffer): boolean => {
        received += bytes.length;
        if (received > cap) {
          tooLarge();
          return false;
        }
        chunks.push(bytes);
        return true;
      };

      /** Reads the status line and header fields; the offset just past them in `buffer`, or -1 when more is needed or it failed. */
      const readHead = (buffer: Buffer): number => {
        const end = buffer.indexOf(CRLF_CRLF);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) fail(codedError('answer header too large', 'HPE_HEADER_OVERFLOW'));
          return -1;
        }
        const lines = buffer.toString('latin1', 0, end).split('\r\n');
        const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
        if (m === null) {
          fail(codedError('malformed status line', 'HPE_INVALID_CONSTANT'));
          return -1;
        }
        status = Number(m[2]);
        let length: number | null = null;
        let chunked = false;
        let close = m[1] === '0';
        for (let i = 1; i < lines.length; i++) {
          const l = lines[i]!;
          const colon = l.indexOf(':');
          if (colon <= 0) {
            fail(codedError('malformed header field', 'HPE_INVALID_HEADER_TOKEN'));
            return -1;
          }
          const name = l.slice(0, colon).trim().toLowerCase();
          const value = l.slice(colon + 1).trim().toLowerCase();
          if (name === 'content-length') {
            if (!/^\d+$/.test(value) || (length !== null && length !== Number(value))) {
              fail(codedError('malformed content-length', 'HPE_INVALID_CONTENT_LENGTH'));
              return -1;
            }
            length = Number(value);
            close ||= chunked;
          } else if (name === 'transfer-encoding') {
            // With a Content-Length too, the coding frames the body and the connection is not kept (RFC 9112 6.3).
            close ||= length !== null;
            const codings = value.split(',').map((c) => c.trim());
            if (codings[codings.length - 1] !== 'chunked' || codings.length > 1) {
              fail(codedError(`unsupported transfer-encoding ${value}`, 'HPE_INVALID_TRANSFER_ENCODING'));
              return -1;
            }
            chunked = true;
          } else if (name === 'connection') {
            const tokens = value.split(',').map((c) => c.trim());
            if (tokens.includes('close')) close = true;
            else if (tokens.includes('keep-alive')) close = false;
          }
        }
        const after = end + 4;
        if (status >= 100 && status < 200) return after; // interim: the real answer follows
        keepAlive = !close;
        cap = status >= 200 && status < 300 ? options.maxBytes : options.maxErrorBytes;
        if (chunked) stage = Stage.ChunkSize;
        else if (length !== null) {
          if (length > cap) {
            tooLarge();
            return -1;
          }
          remaining = length;
          stage = Stage.Sized;
        } else if (status === 204 || status === 304) {
          remaining = 0;
          stage = Stage.Sized;
        } else {
          keepAlive = false;
          stage = Stage.UntilClose;
        }
        return after;
      };

      /** Reads a CRLF-ended line of at most 4 KiB from `data` at `at`; the line and the offset after it, or null when more is needed. */
      const readLine = (data: Buffer, at: number): { text: string; next: number } | null => {
        const source = line === null ? data.subarray(at) : Buffer.concat([line, data.subarray(at)]);
        const end = source.indexOf(CRLF);
        if (end < 0) {
          if (source.length > 4096) fail(codedError('chunk line too long', 'HPE_INVALID_CHUNK_SIZE'));
          else line = Buffer.from(source);
          return null;
        }
        const consumedBefore = line === null ? 0 : line.length;
        line = null;
        return { text: source.toString('latin1', 0, end), next: at + end + 2 - consumedBefore };
      };

      /** Consumes body bytes from `data` at `at`, per the framing. */
      const readBody = (data: Buffer, at: number): void => {
        while (!settled) {
          switch (stage) {
            case Stage.Sized: {
              const take = Math.min(remaining, data.length - at);
              if (take > 0 && !addBody(data.subarray(at, at + take))) return;
              remaining -= take;
              at += take;
              if (remaining === 0) return complete(at === data.length);
              return;
            }
            case Stage.UntilClose:
              if (at < data.length) addBody(data.subarray(at));
              return;
            case Stage.ChunkSize: {
              const l = readLine(data, at);
              if (l === null) return;
              const size = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(l.text);
              if (size === null) return fail(codedError('malformed chunk size', 'HPE_INVALID_CHUNK_SIZE'));
              remaining = parseInt(size[1]!, 16);
              at = l.next;
              stage = remaining === 0 ? Stage.Trailers : Stage.ChunkData;
              if (remaining > 0 && received + remaining > cap) return tooLarge();
              break;
            }
            case Stage.ChunkData: {
              const take = Math.min(remaining, data.length - at);
              if (take > 0 && !addBody(data.subarray(at, at + take))) return;
              remaining -= take;
              at += take;
              if (remaining > 0) return;
              stage = Stage.ChunkEnd;
              break;
            }
            case Stage.ChunkEnd: {
              const l = readLine(data, at);
              if (l === null) return;
              if (l.text !== '') return fail(codedError('malformed chunk end', 'HPE_INVALID_CHUNK_SIZE'));
              at = l.next;
              stage = Stage.ChunkSize;
              break;
            }
            case Stage.Trailers: {
              const l = readLine(data, at);
              if (l === null) return;
              at = l.next;
              if (l.text === '') return complete(at === data.length);
              break;
            }
            default:
              return;
          }
        }
      };

      const onData = (data: Buffer): void => {
        seen += data.length;
        if (stage !== Stage.Head) return readBody(data, 0);
        const buffer = head === null ? data : Buffer.concat([head, data]);
        let at = 0;
        while (stage === Stage.Head && !settled) {
          const next = readHead(at === 0 ? buffer : buffer.subarray(at));
          if (next < 0) {
            if (!settled) head = at === 0 ? buffer : buffer.subarray(at);
            return;
          }
          at += next;
        }
        head = null;
        if (!settled) readBody(buffer, at);
      };
      const onEnd = (): void => {
        if (stage === Stage.UntilClose) complete(false);
      };
      const onClose = (): void => {
        if (settled) return;
        if (stage === Stage.UntilClose) return complete(false);
        const error = codedError('socket hang up', 'ECONNRESET');
        if (seen === 0 && reused && !retried && !signal.aborted) {
          settled = true;
          cleanup();
          once(target, signal, options, true).then(resolve, reject);
        } else fail(error);
      };
      const onError = (error: NodeJS.ErrnoException): void => {
        if (settled) return;
        if (seen === 0 && reused && !retried && !signal.aborted && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          settled = true;
          cleanup();
          socket.destroy();
          once(target, signal, options, true).then(resolve, reject);
        } else fail(error);
      };
      const onAbort = (): void => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));

      signal.addEventListener('abort', onAbort, { once: true });
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
      socket.on('end', onEnd);
      socket.write(target.request);
    });
  }

  return (url, signal, options) => once(targetOf(url), signal, options, false);
}
