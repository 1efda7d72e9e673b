/**
 * The browser host: a WebSocket to ws://HOST/ws?token=..., carrying the
 * JSON messages of src/contract/bridge.ts, and beside it the viewer's
 * terminal stream (ws://HOST/ws/terminal?token=...&viewer=...), opened with
 * the key the host's first message names: terminal output and session ends
 * come on it, so a flood never queues ahead of the live view. The link is
 * up while both are open. Either can drop (the host restarts, the laptop
 * sleeps): the bridge closes the other, reports the link down, fails every
 * pending call with `unavailable`, and reconnects both with backoff.
 */
import { TERMINAL_WS_PATH, WS_PATH, type WsCallMessage } from '../../src/contract/bridge.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { callDeadlineMs } from '../../src/contract/deadlines.js';
import { isEventName, type CallName, type EventName } from '../../src/contract/index.js';
import { CallError, fail, type Result } from '../../src/contract/result.js';
import { decodeTerminalDataFrame } from '../../src/core/terminal/output-frame.js';
import { reconnectDelayMs } from './backoff.js';

/** The part of the DOM WebSocket this uses, so tests can inject a fake. */
export interface SocketLike {
  readonly readyState: number;
  /** 'arraybuffer' on the terminal stream: output arrives as binary frames, read without a Blob round trip. */
  binaryType?: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BrowserHostOptions {
  /** ws:// or wss:// URL of the host's socket, token included. */
  url: string;
  openSocket: SocketFactory;
  timers: Timers;
  random?: () => number;
  /** Every call with no answer after this long fails as `no_answer`, ms; by default each call's own deadline (src/contract/deadlines.ts). */
  callTimeoutMs?: number;
}

const OPEN = 1;

export interface BrowserHost extends CockpitHost {
  /** Closes the socket for good; pending calls fail. */
  close(): void;
}

/** ws://host/ws?token=... for the page's own origin. */
export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}

/** The terminal stream's URL for the viewer `viewer`: the main socket's, on its own path, with the viewer's key. */
export function terminalStreamUrl(mainUrl: string, viewer: string): string {
  const url = new URL(mainUrl);
  url.pathname = TERMINAL_WS_PATH;
  url.searchParams.set('viewer', viewer);
  return url.toString();
}

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: unknown;
}

export function createBrowserHost(options: BrowserHostOptions): BrowserHost {
  const { url, openSocket, timers } = options;
  const random = options.random ?? Math.random;
  const deadlineOf = (name: CallName) => options.callTimeoutMs ?? callDeadlineMs(name);

  const pending = new Map<number, Pending>();
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  const linkListeners = new Set<(up: boolean) => void>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  /** The current main socket's terminal stream, once the host has named the viewer. */
  let stream: SocketLike | null = null;
  let up = false;
  let attempt = 0;
  let retryTimer: unknown = null;
  let closed = false;

  const setLink = (value: boolean) => {
    if (up === value) return;
    up = value;
    for (const listener of [...linkListeners]) listener(value);
  };

  const settle = (id: number, result: Result<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    timers.clearTimeout(call.timer);
    call.resolve(result);
  };

  const failAllPending = (message: string) => {
    for (const id of [...pending.keys()]) settle(id, fail('no_answer', message));
  };

  const dispatch = (name: EventName, payload: unknown) => {
    for (const listener of [...(eventListeners.get(name) ?? [])]) listener(payload as never);
  };

  const parse = (raw: unknown): Record<string, unknown> | null => {
    if (typeof raw !== 'string') return null;
    try {
      const message: unknown = JSON.parse(raw);
      return typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  const onMessage = (s: SocketLike, raw: unknown) => {
    const m = parse(raw);
    if (m === null) return;
    if (m.type === 'result' && typeof m.id === 'number') {
      settle(m.id, asResult(m.result));
    } else if (m.type === 'event' && isEventName(m.name)) {
      // The host validated this payload against the contract before sending
      // it; re-parsing 10,000 positions here would cost more than the render.
      // Terminal output and ends come on the stream only, in their order.
      if (m.name !== 'terminal.data' && m.name !== 'terminal.exit') dispatch(m.name, m.payload);
    } else if (m.type === 'viewer' && typeof m.viewer === 'string' && stream === null) {
      openStream(s, m.viewer);
    }
  };

  /** What the terminal stream carries: output as binary frames, and session ends behind it. */
  const onStreamMessage = (raw: unknown) => {
    if (raw instanceof ArrayBuffer) {
      const frame = decodeTerminalDataFrame(new Uint8Array(raw));
      if (frame) dispatch('terminal.data', frame);
      return;
    }
    const m = parse(raw);
    if (m?.type === 'event' && m.name === 'terminal.exit') dispatch('terminal.exit', m.payload);
  };

  /** Closes the main socket and the terminal stream together, and says the link is down. */
  const closeBoth = (reason: string) => {
    const [s, t] = [socket, stream];
    socket = null;
    stream = null;
    s?.close(1000, reason);
    t?.close(1000, reason);
    setLink(false);
  };

  /** The pair is one link: one of them gone, both go, and the link comes back whole. */
  const linkLost = () => {
    closeBoth('terminal stream or main socket closed');
    failAllPending('Host link down before the answer came: it may have been done; look again once the link is back');
    scheduleReconnect();
  };

  const openStream = (main: SocketLike, viewer: string) => {
    let t: SocketLike;
    try {
      t = openSocket(terminalStreamUrl(url, viewer));
    } catch {
      linkLost();
      return;
    }
    stream = t;
    t.binaryType = 'arraybuffer';
    t.onopen = () => {
      if (stream !== t || socket !== main) return;
      attempt = 0;
      setLink(true);
    };
    t.onmessage = (ev) => {
      if (stream === t) onStreamMessage(ev.data);
    };
    t.onerror = () => {};
    t.onclose = () => {
      if (stream === t) linkLost();
    };
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer !== null) return;
    const delay = reconnectDelayMs(attempt, random());
    attempt += 1;
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    if (closed) return;
    let s: SocketLike;
    try {
      s = openSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    // The link is up once the terminal stream, opened on the host's first message, is open too.
    s.onopen = () => {};
    s.onmessage = (ev) => {
      if (socket === s) onMessage(s, ev.data);
    };
    s.onerror = () => {
      // A close event always follows; that is where the link goes down.
    };
    s.onclose = () => {
      if (socket === s) linkLost();
    };
  };

  connect();

  return {
    kind: 'browser',
    call<C extends CallName>(name: C, request: unknown) {
      return new Promise<Result<never>>((resolve) => {
        if (!up || socket === null || socket.readyState !== OPEN) {
          // Said so that "not done" is read as certain: the host never saw it.
          resolve(fail('unavailable', 'Host link down: nothing was sent; try again once the link is back up'));
          return;
        }
        const id = nextId++;
        const deadlineMs = deadlineOf(name);
        const timer = timers.setTimeout(
          () => settle(id, fail('no_answer', `No answer to ${name} within ${deadlineMs} ms: it may have been done; look again`)),
          deadlineMs,
        );
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, timer });
        const message: WsCallMessage = { type: 'call', id, name, request };
        try {
          socket.send(JSON.stringify(message));
        } catch (error) {
          settle(id, fail('unavailable', error instanceof Error ? error.message : String(error)));
        }
      });
    },
    on(name, listener) {
      let set = eventListeners.get(name);
      if (!set) eventListeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
    onConnection(listener) {
      linkListeners.add(listener);
      listener(up);
      return () => {
        linkListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      closeBoth('closed by the page');
      failAllPending('Host link closed before the answer came: it may have been done');
    },
  };
}

/** A result as the host sent it; anything malformed becomes an `internal` failure. */
function asResult(value: unknown): Result<unknown> {
  if (typeof value === 'object' && value !== null) {
    const r = value as Record<string, unknown>;
    if (r.ok === true && 'value' in r) return { ok: true, value: r.value };
    if (r.ok === false) {
      const error = CallError.safeParse(r.error);
      if (error.success) return { ok: false, error: error.data };
    }
  }
  return fail('internal', 'the host answered with a malformed result');
}
