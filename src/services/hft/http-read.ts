/**
 * The client's reads on kept-alive connections, for what polling costs.
 *
 * At the default lanes the cockpit reads twelve small answers and two books
 * a second. Through `fetch` each read builds a Request, Headers, a Response
 * and a web stream of its body, and that machinery cost more than the rest
 * of a small book's poll (bench/poller-cpu.ts). Here a read is one request
 * on a kept-alive connection, its body collected as Buffers and decoded once:
 * over plain HTTP straight on the socket (http1.ts), over HTTPS through
 * Node's own client.
 *
 * The rules are those of the fetch path (body.ts): a declared or received
 * body past the cap is refused as soon as that is known, and the rest is not
 * read; a body that is not UTF-8 is refused; an abort ends the request at
 * once, whatever stage it is at, and rejects. A kept-alive connection the
 * server closed just as it was reused is retried once on a new one (a GET
 * that never reached the server), so an idle timeout is never a failure.
 */
import https from 'node:https';
import { utf8Body, type BodyText } from './body.js';
import { createHttp1Read } from './http1.js';

export interface ReadAnswer {
  status: number;
  /** The body, read up to the cap for its status, or why it was refused. */
  body: BodyText;
}

export interface HttpReadOptions {
  /** Cap on a 2xx body, bytes. */
  maxBytes: number;
  /** Cap on the body of any other status, bytes. */
  maxErrorBytes: number;
}

export type HttpRead = (url: string, signal: AbortSignal, options: HttpReadOptions) => Promise<ReadAnswer>;

const HEADERS = { accept: 'application/json' } as const;
/** Parsed URLs by text: a handful of paths per base URL; cleared if the route moves often. */
const MAX_CACHED_URLS = 64;

export function createHttpRead(): HttpRead {
  const tls = new https.Agent({ keepAlive: true, scheduling: 'lifo' });
  const urls = new Map<string, URL>();
  const plain = createHttp1Read();

  const parse = (text: string): URL => {
    let url = urls.get(text);
    if (url === undefined) {
      if (urls.size >= MAX_CACHED_URLS) urls.clear();
      url = new URL(text);
      urls.set(text, url);
    }
    return url;
  };

  /** A read over HTTPS, through Node's client. */
  function once(url: URL, signal: AbortSignal, options: HttpReadOptions, retried: boolean): Promise<ReadAnswer> {
    return new Promise((resolve, reject) => {
      if (url.protocol !== 'https:') return reject(new Error(`unsupported protocol ${url.protocol}`));
      if (signal.aborted) return reject(signal.reason);
      let answered = false;
      const request = https.request(url, { method: 'GET', headers: HEADERS, agent: tls });
      const onAbort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      const done = () => signal.removeEventListener('abort', onAbort);
      request.on('error', (error: NodeJS.ErrnoException) => {
        done();
        if (answered) return;
        if (!retried && request.reusedSocket && !signal.aborted && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          once(url, signal, options, true).then(resolve, reject);
        } else reject(error);
      });
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const cap = status >= 200 && status < 300 ? options.maxBytes : options.maxErrorBytes;
        const tooLarge = (): void => {
          answered = true;
          done();
          resolve({ status, body: { ok: false, reason: 'too_large', message: `body larger than ${cap} bytes` } });
          // The rest is not read: the connection goes, not back to the pool.
          request.destroy();
        };
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > cap) return tooLarge();
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          if (answered) return;
          received += chunk.length;
          if (received > cap) return tooLarge();
          chunks.push(chunk);
        });
        response.on('error', (error) => {
          done();
          if (!answered) reject(error);
        });
        response.on('aborted', () => {
          done();
          if (!answered) reject(signal.aborted ? signal.reason : new Error('the connection closed mid-answer'));
        });
        response.on('end', () => {
          done();
          if (answered) return;
          answered = true;
          resolve({ status, body: utf8Body(chunks, received) });
        });
      });
      request.end();
    });
  }

  return (url, signal, options) => {
    let parsed: URL;
    try {
      parsed = parse(url);
    } catch (error) {
      return Promise.reject(error);
    }
    return parsed.protocol === 'http:' ? plain(parsed, signal, options) : once(parsed, signal, options, false);
  };
}
