/**
 * Debian's Chromium driven over the DevTools protocol with nothing but the
 * Runtime, Page and Input domains, for the terminal benchmarks.
 *
 * Playwright turns on the Network domain in every page it drives, and
 * Chromium then hands the driver every WebSocket frame the page receives,
 * payload included (`Network.webSocketFrameReceived`, base64 for binary
 * frames). A 100 MB `cat` through a WebSocket so became 133 MB of JSON to
 * the driver: measured during the cockpit's `cat`, the bench's own Node
 * process took 1.7 to 1.9 s of CPU and Chromium's browser process 1.5 to
 * 2.0 s, on the same two cores as the page being measured. The desktop app
 * and a browser pointed at the browser host have no such listener; this
 * driver has none either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const START_TIMEOUT_MS = 20_000;

export interface BarePage {
  /** The value of an expression in the page (awaited when it is a promise). */
  evaluate<T>(expression: string): Promise<T>;
  /** Runs `source` before every document's own scripts. */
  beforeScripts(source: string): Promise<void>;
  navigate(url: string): Promise<void>;
  /** Types text as key presses into whatever has the focus. */
  type(text: string): Promise<void>;
  /** One key press: a printable character, or Enter. */
  press(key: string, modifiers?: { ctrl?: boolean }): Promise<void>;
  /** Polls `expression` until it is truthy, at most `timeoutMs`. */
  waitFor<T>(expression: string, timeoutMs: number, what: string): Promise<T>;
  close(): Promise<void>;
}

export interface BareChromium {
  newPage(width: number, height: number): Promise<BarePage>;
  close(): Promise<void>;
}

export async function launchBareChromium(args: string[]): Promise<BareChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const proc: ChildProcess = spawn(
    '/usr/bin/chromium',
    ['--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--no-default-browser-check', ...args, 'about:blank'],
    // Its own process group: closing it stops its helper processes too, before its profile is removed.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start within ${START_TIMEOUT_MS} ms:\n${err}`)), START_TIMEOUT_MS);
    proc.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const found = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${err}`)));
  });
  const http = endpoint.replace(/^ws:\/\/([^/]+)\/.*$/, 'http://$1');
  const pages: WebSocket[] = [];
  let closed: Promise<void> | null = null;
  return {
    async newPage(width, height) {
      const target = (await (await fetch(`${http}/json/new?about:blank`, { method: 'PUT' })).json()) as { id: string; webSocketDebuggerUrl: string };
      const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
      await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
      pages.push(socket);
      const page = barePage(socket, async () => {
        socket.close();
        await fetch(`${http}/json/close/${target.id}`);
      });
      await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
      return page;
    },
    async close() {
      if (closed) return closed;
      closed = (async () => {
        for (const socket of pages) socket.close();
        const gone = new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
        const signal = (name: NodeJS.Signals) => {
          try {
            process.kill(-proc.pid!, name);
          } catch {
            // The group is gone already.
          }
        };
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
        signal('SIGKILL');
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      })();
      return closed;
    },
  };
}

function barePage(socket: WebSocket, close: () => Promise<void>): BarePage & { send(method: string, params?: object): Promise<Record<string, unknown>> } {
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: Record<string, unknown>): void; reject(error: Error): void }>();
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
    if (message.id === undefined) return;
    const call = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) call?.reject(new Error(message.error.message));
    else call?.resolve(message.result ?? {});
  });
  socket.on('close', () => {
    for (const call of waiting.values()) call.reject(new Error('the page closed'));
    waiting.clear();
  });
  const send = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  const evaluate = async <T>(expression: string): Promise<T> => {
    const answer = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (answer.exceptionDetails) throw new Error(`in the page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return answer.result.value as T;
  };
  /**
   * A key press as Chromium's own input would make it. Only letters, digits
   * and Enter carry a key code: other characters get none, so that xterm.js
   * does not read, say, '-' (45) as Insert or '$' (36) as Home, and takes
   * them from the keypress.
   */
  const key = async (text: string, ctrl = false) => {
    const enter = text === 'Enter';
    const char = enter ? '\r' : text;
    const upper = char.toUpperCase();
    const code = enter ? 13 : /^[A-Z0-9]$/.test(upper) ? upper.charCodeAt(0) : 0;
    const base = { key: enter ? 'Enter' : char, windowsVirtualKeyCode: code, modifiers: ctrl ? 2 : 0 };
    await send('Input.dispatchKeyEvent', { type: ctrl ? 'rawKeyDown' : 'keyDown', ...base, ...(ctrl ? {} : { text: char, unmodifiedText: char }) });
    await send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  };
  return {
    send,
    evaluate,
    close,
    async beforeScripts(source) {
      // Page events are few (loads, frames); the Network domain stays off.
      await send('Page.enable');
      await send('Page.addScriptToEvaluateOnNewDocument', { source });
    },
    async navigate(url) {
      // A mark on the document being left: the new one is loaded once it has none.
      await evaluate('window.__benchLeaving = true');
      await send('Page.navigate', { url });
      await this.waitFor(`!window.__benchLeaving && document.readyState === 'complete'`, 30_000, `${url} to load`);
    },
    async type(text) {
      for (const char of text) await key(char);
    },
    press: (text, modifiers) => key(text, modifiers?.ctrl),
    async waitFor<T>(expression: string, timeoutMs: number, what: string): Promise<T> {
      const started = Date.now();
      for (;;) {
        const value = await evaluate<T>(expression);
        if (value) return value;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
