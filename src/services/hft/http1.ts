/**
 * A GET over plain HTTP/1.1 on kept-alive TCP connections, written against
 * the socket, for the polled reads.
 *
 * At the default lanes the cockpit reads fourteen answers a second, most of
 * them a few hundred bytes. Through Node's HTTP client each read built a
 * ClientRequest, an IncomingMessage, their streams and events, and on this
 * cockpit's side that machinery cost more than everything done with the
 * answer (bench/poller-cpu.ts). Here a read writes one prebuilt request and
 * reads the answer as the socket's bytes come (below).
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
 *
 * A connection is one object for its whole life (Connection): its socket's
 * listeners are set once when it opens, not per read, and the bytes come
 * through the socket's `onread` into one buffer every connection shares
 * (no Buffer and no stream push per read). What is kept past the callback
 * is copied out of it: a sized body straight into one buffer of its length,
 * so it is decoded without joining pieces. Per read there is the promise,
 * the abort listener and the body, little else.
 */
import net from 'node:net';
import { utf8Body } from './body.js';
import type { HttpReadOptions, ReadAnswer } from './http-read.js';

/** Largest status line and header block read, bytes; an answer with more is refused. */
export const MAX_HEADER_BYTES = 64 * 1024;

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

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

/** Bytes one socket read brings at most; shared by every connection, since each read is handled before the next. */
const READ_BUFFER_BYTES = 64 * 1024;

type Settle = { resolve: (answer: ReadAnswer) => void; reject: (error: unknown) => void };

export function createHttp1Read(): (url: URL, signal: AbortSignal, options: HttpReadOptions) => Promise<ReadAnswer> {
  const idle = new Map<string, Connection[]>();
  const targets = new Map<string, Target>();
  const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);

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

  const pool: Pool = {
    readBuffer,
    park(connection) {
      connection.socket.unref();
      let list = idle.get(connection.origin);
      if (list === undefined) idle.set(connection.origin, (list = []));
      list.push(connection);
    },
    /** An idle connection closed or broken by the server leaves the pool; it is never used again. */
    gone(connection) {
      connection.socket.destroy();
      const list = idle.get(connection.origin);
      const at = list?.indexOf(connection) ?? -1;
      if (at >= 0) {
        list!.splice(at, 1);
        if (list!.length === 0) idle.delete(connection.origin);
      }
    },
    retry(target, signal, options, settle) {
      once(target, signal, options, true, settle);
    },
  };

  const take = (origin: string): Connection | null => {
    const list = idle.get(origin);
    const connection = list?.pop() ?? null;
    if (list !== undefined && list.length === 0) idle.delete(origin);
    if (connection === null) return null;
    connection.socket.ref();
    return connection.socket.destroyed ? null : connection;
  };

  function once(target: Target, signal: AbortSignal, options: HttpReadOptions, retried: boolean, settle: Settle): void {
    if (signal.aborted) return settle.reject(signal.reason);
    const pooled = take(target.origin);
    const connection = pooled ?? new Connection(target, pool);
    connection.begin(target, signal, options, pooled !== null, retried, settle);
  }

  return (url, signal, options) =>
    new Promise<ReadAnswer>((resolve, reject) => once(targetOf(url), signal, options, false, { resolve, reject }));
}

/** What a connection needs of the reader that owns it. */
interface Pool {
  readonly readBuffer: Buffer;
  park(connection: Connection): void;
  gone(connection: Connection): void;
  retry(target: Target, signal: AbortSignal, options: HttpReadOptions, settle: Settle): void;
}

/** One kept-alive connection, and the one read it answers at a time (none while it is idle in the pool). */
class Connection {
  readonly socket: net.Socket;
  readonly origin: string;
  private readonly pool: Pool;
  /** The read being answered; null while idle, and once settled. */
  private settle: Settle | null = null;
  private target: Target;
  private signal: AbortSignal | null = null;
  private options: HttpReadOptions = { maxBytes: 0, maxErrorBytes: 0 };
  private reused = false;
  private retried = false;
  /** Bytes of the answer seen at all: a closed connection before any is one that was closed as it was reused. */
  private seen = 0;
  private head: Buffer | null = null;
  private stage = Stage.Head;
  private status = 0;
  private cap = 0;
  private keepAlive = true;
  private remaining = 0;
  /** A sized body, filled as it comes; null for the other framings, whose pieces go to `chunks`. */
  private sized: Buffer | null = null;
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes of a line (chunk size, trailer) still being read. */
  private line: Buffer | null = null;
  private readonly onAbort = (): void => {
    const reason = this.signal?.reason;
    this.fail(reason instanceof Error ? reason : new Error('aborted'));
  };

  constructor(target: Target, pool: Pool) {
    this.target = target;
    this.origin = target.origin;
    this.pool = pool;
    this.socket = net.connect({
      host: target.host,
      port: target.port,
      noDelay: true,
      onread: {
        buffer: pool.readBuffer,
        callback: (n) => {
          this.onRead(pool.readBuffer.subarray(0, n));
          return true;
        },
      },
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => this.onError(error));
    this.socket.on('close', () => this.onClose());
    this.socket.on('end', () => this.onEnd());
  }

  begin(target: Target, signal: AbortSignal, options: HttpReadOptions, reused: boolean, retried: boolean, settle: Settle): void {
    this.target = target;
    this.signal = signal;
    this.options = options;
    this.reused = reused;
    this.retried = retried;
    this.settle = settle;
    this.seen = 0;
    this.head = null;
    this.stage = Stage.Head;
    this.status = 0;
    this.cap = options.maxBytes;
    this.keepAlive = true;
    this.remaining = 0;
    this.sized = null;
    this.chunks = [];
    this.received = 0;
    this.line = null;
    signal.addEventListener('abort', this.onAbort, { once: true });
    this.socket.write(target.request);
  }

  /** Ends the read; the caller says what becomes of the socket. */
  private end(): Settle | null {
    const settle = this.settle;
    if (settle === null) return null;
    this.settle = null;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.signal = null;
    this.chunks = [];
    this.sized = null;
    this.head = null;
    this.line = null;
    return settle;
  }

  private fail(error: Error): void {
    const settle = this.end();
    if (settle === null) return;
    this.socket.destroy();
    settle.reject(error);
  }

  private finish(answer: ReadAnswer, reusable: boolean): void {
    const keepAlive = this.keepAlive;
    const settle = this.end();
    if (settle === null) return;
    if (reusable && keepAlive && !this.socket.destroyed) this.pool.park(this);
    else this.socket.destroy();
    settle.resolve(answer);
  }

  /** Asks again on a new connection: this one was closed as it was reused, before any byte of the answer. */
  private retry(): void {
    const { target, signal, options } = this;
    const settle = this.end();
    if (settle === null || signal === null) return;
    this.socket.destroy();
    this.pool.retry(target, signal, options, settle);
  }

  private tooLarge(): void {
    // The rest is not read: the connection goes, not back to the pool.
    this.finish({ status: this.status, body: { ok: false, reason: 'too_large', message: `body larger than ${this.cap} bytes` } }, false);
  }

  private complete(reusable: boolean): void {
    const body = this.sized !== null ? utf8Body([this.sized], this.sized.length) : utf8Body(this.chunks, this.received);
    this.finish({ status: this.status, body }, reusable);
  }

  /** Keeps body bytes (a view of the shared read buffer: they are copied). */
  private addBody(bytes: Buffer): boolean {
    if (this.sized !== null) {
      this.sized.set(bytes, this.received);
      this.received += bytes.length;
      return true;
    }
    this.received += bytes.length;
    if (this.received > this.cap) {
      this.tooLarge();
      return false;
    }
    this.chunks.push(Buffer.from(bytes));
    return true;
  }

  /** Reads the status line and header fields; the offset just past them in `buffer`, or -1 when more is needed or it failed. */
  private readHead(buffer: Buffer): number {
    const end = buffer.indexOf(CRLF_CRLF);
    if (end < 0) {
      if (buffer.length > MAX_HEADER_BYTES) this.fail(codedError('answer header too large', 'HPE_HEADER_OVERFLOW'));
      return -1;
    }
    const lines = buffer.toString('latin1', 0, end).split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/.exec(lines[0]!);
    if (m === null) {
      this.fail(codedError('malformed status line', 'HPE_INVALID_CONSTANT'));
      return -1;
    }
    const status = Number(m[2]);
    this.status = status;
    let length: number | null = null;
    let chunked = false;
    let close = m[1] === '0';
    for (let i = 1; i < lines.length; i++) {
      const l = lines[i]!;
      const colon = l.indexOf(':');
      if (colon <= 0) {
        this.fail(codedError('malformed header field', 'HPE_INVALID_HEADER_TOKEN'));
        return -1;
      }
      const name = l.slice(0, colon).trim().toLowerCase();
      const value = l.slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (length !== null && length !== Number(value))) {
          this.fail(codedError('malformed content-length', 'HPE_INVALID_CONTENT_LENGTH'));
          return -1;
        }
        length = Number(value);
        close ||= chunked;
      } else if (name === 'transfer-encoding') {
        // With a Content-Length too, the coding frames the body and the connection is not kept (RFC 9112 6.3).
        close ||= length !== null;
        const codings = value.split(',').map((c) => c.trim());
        if (codings[codings.length - 1] !== 'chunked' || codings.length > 1) {
          this.fail(codedError(`unsupported transfer-encoding ${value}`, 'HPE_INVALID_TRANSFER_ENCODING'));
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
    this.keepAlive = !close;
    this.cap = status >= 200 && status < 300 ? this.options.maxBytes : this.options.maxErrorBytes;
    if (chunked) this.stage = Stage.ChunkSize;
    else if (length !== null) {
      if (length > this.cap) {
        this.tooLarge();
        return -1;
      }
      this.remaining = length;
      this.sized = Buffer.allocUnsafe(length);
      this.stage = Stage.Sized;
    } else if (status === 204 || status === 304) {
      this.remaining = 0;
      this.sized = Buffer.alloc(0);
      this.stage = Stage.Sized;
    } else {
      this.keepAlive = false;
      this.stage = Stage.UntilClose;
    }
    return after;
  }

  /** Reads a CRLF-ended line of at most 4 KiB from `data` at `at`; the line and the offset after it, or null when more is needed. */
  private readLine(data: Buffer, at: number): { text: string; next: number } | null {
    const line = this.line;
    const source = line === null ? data.subarray(at) : Buffer.concat([line, data.subarray(at)]);
    const end = source.indexOf(CRLF);
    if (end < 0) {
      if (source.length > 4096) this.fail(codedError('chunk line too long', 'HPE_INVALID_CHUNK_SIZE'));
      else this.line = Buffer.from(source);
      return null;
    }
    const consumedBefore = line === null ? 0 : line.length;
    this.line = null;
    return { text: source.toString('latin1', 0, end), next: at + end + 2 - consumedBefore };
  }

  /** Consumes body bytes from `data` at `at`, per the framing. */
  private readBody(data: Buffer, at: number): void {
    while (this.settle !== null) {
      switch (this.stage) {
        case Stage.Sized: {
          const take = Math.min(this.remaining, data.length - at);
          if (take > 0 && !this.addBody(data.subarray(at, at + take))) return;
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) return this.complete(at === data.length);
          return;
        }
        case Stage.UntilClose:
          if (at < data.length) this.addBody(data.subarray(at));
          return;
        case Stage.ChunkSize: {
          const l = this.readLine(data, at);
          if (l === null) return;
          const size = /^([0-9a-fA-F]{1,8})[ \t]*(?:;.*)?$/.exec(l.text);
          if (size === null) return this.fail(codedError('malformed chunk size', 'HPE_INVALID_CHUNK_SIZE'));
          this.remaining = parseInt(size[1]!, 16);
          at = l.next;
          this.stage = this.remaining === 0 ? Stage.Trailers : Stage.ChunkData;
          if (this.remaining > 0 && this.received + this.remaining > this.cap) return this.tooLarge();
          break;
        }
        case Stage.ChunkData: {
          const take = Math.min(this.remaining, data.length - at);
          if (take > 0 && !this.addBody(data.subarray(at, at + take))) return;
          this.remaining -= take;
          at += take;
          if (this.remaining > 0) return;
          this.stage = Stage.ChunkEnd;
          break;
        }
        case Stage.ChunkEnd: {
          const l = this.readLine(data, at);
          if (l === null) return;
          if (l.text !== '') return this.fail(codedError('malformed chunk end', 'HPE_INVALID_CHUNK_SIZE'));
          at = l.next;
          this.stage = Stage.ChunkSize;
          break;
        }
        case Stage.Trailers: {
          const l = this.readLine(data, at);
          if (l === null) return;
          at = l.next;
          if (l.text === '') return this.complete(at === data.length);
          break;
        }
        default:
          return;
      }
    }
  }

  /** Bytes came: `data` is a view of the shared read buffer, valid until this returns. */
  private onRead(data: Buffer): void {
    if (this.settle === null) return this.pool.gone(this);
    this.seen += data.length;
    if (this.stage !== Stage.Head) return this.readBody(data, 0);
    const buffer = this.head === null ? data : Buffer.concat([this.head, data]);
    let at = 0;
    while (this.stage === Stage.Head && this.settle !== null) {
      const next = this.readHead(at === 0 ? buffer : buffer.subarray(at));
      if (next < 0) {
        // Kept past this read: copied out of the shared buffer.
        if (this.settle !== null) this.head = Buffer.from(at === 0 ? buffer : buffer.subarray(at));
        return;
      }
      at += next;
    }
    this.head = null;
    if (this.settle !== null) this.readBody(buffer, at);
  }

  private onEnd(): void {
    if (this.settle !== null && this.stage === Stage.UntilClose) this.complete(false);
  }

  private onClose(): void {
    if (this.settle === null) return this.pool.gone(this);
    if (this.stage === Stage.UntilClose) return this.complete(false);
    if (this.seen === 0 && this.reused && !this.retried && !this.signal?.aborted) return this.retry();
    this.fail(codedError('socket hang up', 'ECONNRESET'));
  }

  private onError(error: NodeJS.ErrnoException): void {
    if (this.settle === null) return this.pool.gone(this);
    if (this.seen === 0 && this.reused && !this.retried && !this.signal?.aborted && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
      return this.retry();
    }
    this.fail(error);
  }
}
