import { describe, expect, it } from 'vitest';
import { callDeadlineMs, DEFAULT_CALL_DEADLINE_MS } from '../../src/contract/deadlines.js';
import type { LiveDelta } from '../../src/contract/live.js';
import { encodeTerminalDataFrame } from '../../src/core/terminal/output-frame.js';
import { createBrowserHost, socketUrl, type SocketLike, type Timers } from './browser-bridge.js';
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
  return { host, sockets, timers, links, last: () => sockets.at(-1)! };
}

describe('browser host bridge', () => {
  it('builds the socket URL from the page origin and the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4310' }, 'a b')).toBe('ws://127.0.0.1:4310/ws?token=a%20b');
    expect(socketUrl({ protocol: 'https:', host: 'x' }, 't')).toBe('wss://x/ws?token=t');
  });

  it('hands terminal output from binary frames to terminal.data listeners as bytes, and drops other binary frames', () => {
    const { host, last } = setup();
    last().open();
    expect(last().binaryType).toBe('arraybuffer');
    const got: { sessionId: string; data: unknown }[] = [];
    host.on('terminal.data', (event) => got.push(event));
    last().receiveBinary(encodeTerminalDataFrame('s1', 'hé'));
    last().receiveBinary(new Uint8Array([9, 0, 1, 0x61]));
    expect(got).toHaveLength(1);
    expect(got[0]!.sessionId).toBe('s1');
    expect(new TextDecoder().decode(got[0]!.data as Uint8Array)).toBe('hé');
  });

  it('reports the link down until the socket opens, then up', () => {
    const { links, last } = setup();
    expect(links).toEqual([false]);
    last().open();
    expect(links).toEqual([false, true]);
  });

  it('sends calls as numbered messages and resolves them with the matching result', async () => {
    const { host, last } = setup();
    last().open();
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
    const { host, last } = setup();
    expect(await host.call('app.info', {})).toMatchObject({
      ok: false, error: { code: 'unavailable', message: 'Host link down: nothing was sent; try again once the link is back up' },
    });
    expect(last().sent).toEqual([]);
  });

  it('fails pending calls as not answered when the socket drops: the host may have acted', async () => {
    const { host, last, links } = setup();
    last().open();
    const pending = host.call('live.snapshot', {});
    last().drop();
    expect(await pending).toMatchObject({
      ok: false, error: { code: 'no_answer', message: 'Host link down before the answer came: it may have been done; look again once the link is back' },
    });
    expect(links).toEqual([false, true, false]);
  });

  it('fails a call the host never answers once its deadline passes', async () => {
    const { host, last, timers } = setup(1000);
    last().open();
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
    const { host, last, timers } = setup(null);
    last().open();
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
    const { host, last } = setup();
    last().open();
    const pending = host.call('app.info', {});
    const { id } = last().sent[0] as { id: number };
    last().receive({ type: 'result', id, result: { ok: false, error: { code: 'nonsense' } } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers events to their listeners only, and stops after unsubscribe', () => {
    const { host, last } = setup();
    last().open();
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
    const { sockets, timers, last, links } = setup();
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
    last().open();
    expect(links.at(-1)).toBe(true);
    const count = sockets.length;
    last().drop();
    timers.advance(reconnectDelayMs(0, 0.5));
    expect(sockets.length).toBe(count + 1);
  });

  it('closes for good: no reconnect, pending calls fail, no timers left', async () => {
    const { host, sockets, timers, last } = setup();
    last().open();
    const pending = host.call('app.info', {});
    host.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'no_answer' } });
    timers.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(timers.scheduled).toBe(0);
    expect(sockets[0]!.closedWith).toBe(1000);
  });
});
