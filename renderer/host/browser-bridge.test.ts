import { describe, expect, it } from 'vitest';
import { callDeadlineMs, DEFAULT_CALL_DEADLINE_MS } from '../../src/contract/deadlines.js';
import type { LiveDelta } from '../../src/contract/live.js';
import { encodeTerminalDataFrame } from '../../src/core/terminal/output-frame.js';
import { createBrowserHost, socketUrl, terminalStreamUrl, type SocketLike, type Timers } from './browser-bridge.js';
import { RECONNECT_MAX_MS, reconnectDelayMs } from './backoff.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code;
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  receiveBinary(frame: Uint8Array) {
    this.onmessage?.({ data: frame.slice().buffer });
  }
}

/** Timers that only fire when the test advances time. */
class ManualTimers implements Timers {
  now = 0;
  private nextHandle = 1;
  private due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number) {
    const handle = this.nextHandle++;
    this.due.set(handle, { at: this.now + ms, fn });
    return handle;
  }
  clearTimeout(handle: unknown) {
    this.due.delete(handle as number);
  }
  advance(ms: number) {
    const until = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = until;
  }
  get scheduled() {
    return this.due.size;
  }
}

function setup(callTimeoutMs: number | null = 1000) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const host = createBrowserHost({
    url: 'ws://127.0.0.1:1/ws?token=t',
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    random: () => 0.5,
    ...(callTimeoutMs === null ? {} : { callTimeoutMs }),
  });
  const links: boolean[] = [];
  host.onConnection((up) => links.push(up));
  const mains = () => sockets.filter((s) => new URL(s.url).pathname === '/ws');
  const streams = () => sockets.filter((s) => new URL(s.url).pathname === '/ws/terminal');
  /** The latest main socket. */
  const last = () => mains().at(-1)!;
  /** The latest terminal stream. */
  const stream = () => streams().at(-1)!;
  /** Opens the latest main socket, names its viewer and opens the stream it asks for: the link is up. */
  const up = (viewer = 'v1') => {
    last().open();
    last().receive({ type: 'viewer', viewer });
    stream().open();
  };
  return { host, sockets, timers, links, last, stream, streams, up };
}

describe('browser host bridge', () => {
  it('builds the socket URL from the page origin and the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4310' }, 'a b')).toBe('ws://127.0.0.1:4310/ws?token=a%20b');
    expect(socketUrl({ protocol: 'https:', host: 'x' }, 't')).toBe('wss://x/ws?token=t');
  });

  it('hands terminal output from binary frames to terminal.data listeners as bytes, and drops other binary frames', () => {
    const { host, stream, up } = setup();
    up();
    expect(stream().binaryType).toBe('arraybuffer');
    const got: { sessionId: string; data: unknown }[] = [];
    host.on('terminal.data', (event) => got.push(event));
    stream().receiveBinary(encodeTerminalDataFrame('s1', 'hé'));
    stream().receiveBinary(new Uint8Array([9, 0, 1, 0x61]));
    expect(got).toHaveLength(1);
    expect(got[0]!.sessionId).toBe('s1');
    expect(new TextDecoder().decode(got[0]!.data as Uint8Array)).toBe('hé');
  });

  it('reports the link down until the socket and its terminal stream are both open, then up', () => {
    const { links, last, stream, streams } = setup();
    expect(links).toEqual([false]);
    last().open();
    expect(links).toEqual([false]);
    expect(streams()).toHaveLength(0);
    last().receive({ type: 'viewer', viewer: 'k/y' });
    expect(stream().url).toBe('ws://127.0.0.1:1/ws/terminal?token=t&viewer=k%2Fy');
    expect(links).toEqual([false]);
    stream().open();
    expect(links).toEqual([false, true]);
  });

  it('builds the terminal stream URL from the main socket URL and the viewer key', () => {
    expect(terminalStreamUrl('wss://x:5/ws?token=a%20b', 'v=1')).toBe('wss://x:5/ws/terminal?token=a+b&viewer=v%3D1');
  });

  it('takes terminal output and session ends from the stream only, in the order they came', () => {
    const { host, last, stream, up } = setup();
    up();
    const got: string[] = [];
    host.on('terminal.data', ({ data }) => got.push(`data ${new TextDecoder().decode(data as Uint8Array)}`));
    host.on('terminal.exit', ({ sessionId, code }) => got.push(`exit ${sessionId} ${code}`));
    stream().receiveBinary(encodeTerminalDataFrame('s1', 'bye'));
    stream().receive({ type: 'event', name: 'terminal.exit', payload: { sessionId: 's1', code: 0, signal: null } });
    // The main socket carries neither: an end there could overtake output still on the stream.
    last().receive({ type: 'event', name: 'terminal.exit', payload: { sessionId: 's2', code: 1, signal: null } });
    last().receiveBinary(encodeTerminalDataFrame('s2', 'late'));
    expect(got).toEqual(['data bye', 'exit s1 0']);
  });

  it('closes the main socket when the terminal stream drops, and reconnects both', async () => {
    const { host, last, stream, streams, links, timers, up } = setup();
    up();
    const pending = host.call('app.info', {});
    const [main, first] = [last(), stream()];
    first.drop();
    expect(main.closedWith).toBe(1000);
    expect(links).toEqual([false, true, false]);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'no_answer' } });
    timers.advance(reconnectDelayMs(0, 0.5));
    expect(last()).not.toBe(main);
    up('v2');
    expect(streams()).toHaveLength(2);
    expect(links.at(-1)).toBe(true);
    // And the other way round: the main socket gone, its stream goes too.
    last().drop();
    expect(stream().closedWith).toBe(1000);
    expect(links.at(-1)).toBe(false);
  });

  it('sends calls as numbered messages and resolves them with the matching result', async () => {
    const { host, last, up } = setup();
    up();
    const a = host.call('settings.get', {});
    const b = host.call('app.info', {});
    const [first, second] = last().sent as { id: number; name: string; type: string; request: unknown }[];
    expect(first).toMatchObject({ type: 'call', name: 'settings.get', request: {} });
    expect(second!.id).not.toBe(first!.id);
    last().receive({ type: 'result', id: second!.id, result: { ok: true, value: { version: '1' } } });
    last().receive({ type: 'result', id: first!.id, result: { ok: false, error: { code: 'internal', message: 'x' } } });
    expect(await b).toEqual({ ok: true, value: { version: '1' } });
    expect(await a).toEqual({ ok: false, error: { code: 'internal', message: 'x' } });
  });

  it('fails calls at once with unavailable while the link is down', async () => {
    const { host, last, up } = setup();
    expect(await host.call('app.info', {})).toMatchObject({
      ok: false, error: { code: 'unavailable', message: 'Host link down: nothing was sent; try again once the link is back up' },
    });
    expect(last().sent).toEqual([]);
  });

  it('fails pending calls as not answered when the socket drops: the host may have acted', async () => {
    const { host, last, links, up } = setup();
    up();
    const pending = host.call('live.snapshot', {});
    last().drop();
    expect(await pending).toMatchObject({
      ok: false, error: { code: 'no_answer', message: 'Host link down before the answer came: it may have been done; look again once the link is back' },
    });
    expect(links).toEqual([false, true, false]);
  });

  it('fails a call the host never answers once its deadline passes', async () => {
    const { host, last, timers, up } = setup(1000);
    up();
    const pending = host.call('live.history', {});
    timers.advance(999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    timers.advance(1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'no_answer', message: 'No answer to live.history within 1000 ms: it may have been done; look again' } });
  });

  it('waits for a call that works on the network by design to its own deadline, not the default', async () => {
    const { host, last, timers, up } = setup(null);
    up();
    const pending = host.call('incidents.gather', { incidentId: 'INC-1', profileId: 'p1' });
    let settled = false;
    void pending.then(() => (settled = true));
    timers.advance(DEFAULT_CALL_DEADLINE_MS + 1);
    await Promise.resolve();
    expect(settled).toBe(false);
    timers.advance(callDeadlineMs('incidents.gather') - DEFAULT_CALL_DEADLINE_MS);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'no_answer', message: `No answer to incidents.gather within ${callDeadlineMs('incidents.gather')} ms: it may have been done; look again` } });
  });

  it('turns a malformed result into an internal failure', async () => {
    const { host, last, up } = setup();
    up();
    const pending = host.call('app.info', {});
    const { id } = last().sent[0] as { id: number };
    last().receive({ type: 'result', id, result: { ok: false, error: { code: 'nonsense' } } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers events to their listeners only, and stops after unsubscribe', () => {
    const { host, last, up } = setup();
    up();
    const got: LiveDelta[] = [];
    const off = host.on('live.update', (u) => got.push(u));
    const update = { seq: 1, endpoints: {}, pollMs: 1000, at: 5 };
    last().receive({ type: 'event', name: 'live.update', payload: update });
    last().receive({ type: 'event', name: 'no.such.event', payload: {} });
    last().onmessage?.({ data: 'not json' });
    off();
    last().receive({ type: 'event', name: 'live.update', payload: update });
    expect(got).toEqual([update]);
  });

  it('reconnects with growing, capped delays and resets them after a good connection', () => {
    const { sockets, timers, last, links, up } = setup();
    last().drop();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before && waited < 60_000) {
        timers.advance(10);
        waited += 10;
      }
      waits.push(waited);
      last().drop();
    }
    expect(waits[0]).toBe(reconnectDelayMs(0, 0.5));
    expect(waits[1]).toBe(reconnectDelayMs(1, 0.5));
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
    expect(waits.at(-1)).toBe(RECONNECT_MAX_MS);

    timers.advance(RECONNECT_MAX_MS);
    up();
    expect(links.at(-1)).toBe(true);
    const count = sockets.length;
    last().drop();
    timers.advance(reconnectDelayMs(0, 0.5));
    expect(sockets.length).toBe(count + 1);
  });

  it('closes for good: no reconnect, pending calls fail, no timers left', async () => {
    const { host, sockets, timers, last, up } = setup();
    up();
    const pending = host.call('app.info', {});
    host.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'no_answer' } });
    timers.advance(60_000);
    expect(sockets).toHaveLength(2);
    expect(timers.scheduled).toBe(0);
    expect(sockets.map((s) => s.closedWith)).toEqual([1000, 1000]);
  });
});
