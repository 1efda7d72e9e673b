import { describe, expect, it } from 'vitest';
import { ok, type LiveDelta } from '../../contract/index.js';
import { pendingEndpoints } from '../../../test/support/fake-feed.js';
import { createLiveSocket, SOCKET_HIGH_WATER_BYTES, UNREADABLE_MESSAGE_ID, type SocketLike } from './live-socket.js';

/** A socket whose reader is as slow as the test says: bytes stay buffered until `drain`. */
class SlowSocket implements SocketLike {
  readyState = 1;
  bufferedAmount = 0;
  sent: unknown[] = [];
  private callbacks: (() => void)[] = [];
  send(data: string, callback?: () => void) {
    this.sent.push(JSON.parse(data));
    this.bufferedAmount += data.length;
    if (callback) this.callbacks.push(callback);
  }
  drain() {
    this.bufferedAmount = 0;
    const due = this.callbacks;
    this.callbacks = [];
    for (const cb of due) cb();
  }
}

const views = pendingEndpoints();
/** Delta number `at`, carrying `keys`' views (their data unchanged). */
const update = (at: number, keys: (keyof typeof views)[]): LiveDelta => ({
  seq: at + 1,
  endpoints: Object.fromEntries(keys.map((k) => {
    const { data: _same, ...meta } = views[k];
    return [k, { ...meta, receivedAt: at }];
  })),
  pollMs: 1000,
  at,
});
const eventText = (payload: unknown) => JSON.stringify({ type: 'event', name: 'live.update', payload });
const settle = () => new Promise((r) => setImmediate(r));

describe('live socket', () => {
  it('answers a call with its id', async () => {
    const socket = new SlowSocket();
    const live = createLiveSocket(socket, async (name) => ok(name));
    live.receive(JSON.stringify({ type: 'call', id: 7, name: 'app.info', request: {} }));
    await settle();
    expect(socket.sent).toEqual([{ type: 'result', id: 7, result: { ok: true, value: 'app.info' } }]);
  });

  it('answers unreadable messages with an error result', async () => {
    const socket = new SlowSocket();
    const live = createLiveSocket(socket, async () => ok(1));
    live.receive('{not json');
    live.receive('null');
    live.receive(JSON.stringify({ type: 'call', id: 3, name: 5 }));
    await settle();
    expect(socket.sent).toEqual([
      { type: 'result', id: UNREADABLE_MESSAGE_ID, result: { ok: false, error: { code: 'invalid_request', message: 'message is not JSON' } } },
      { type: 'result', id: UNREADABLE_MESSAGE_ID, result: { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) } },
      { type: 'result', id: 3, result: { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) } },
    ]);
  });

  it('holds back live updates on a slow socket and sends only the newest when it drains, its number skipping the dropped', () => {
    const socket = new SlowSocket();
    const live = createLiveSocket(socket, async () => ok(1));
    const first = update(0, ['health']);
    live.deliver('live.update', first, eventText(first));
    socket.bufferedAmount = SOCKET_HIGH_WATER_BYTES + 1;
    for (let i = 1; i <= 1000; i++) {
      const u = update(i, i % 2 ? ['status'] : ['risk']);
      live.deliver('live.update', u, eventText(u));
    }
    expect(socket.sent).toHaveLength(1);
    expect(live.coalesced).toBe(1000);
    socket.drain();
    expect(socket.sent).toHaveLength(2);
    const newest = (socket.sent[1] as { payload: LiveDelta }).payload;
    expect(newest.seq).toBe(1001);
    expect(newest.endpoints.risk?.receivedAt).toBe(1000);
    expect(newest.endpoints.status).toBeUndefined();
  });

  it('sends updates straight through while the socket keeps up', () => {
    const socket = new SlowSocket();
    const live = createLiveSocket(socket, async () => ok(1));
    for (let i = 0; i < 5; i++) {
      const u = update(i, ['health']);
      live.deliver('live.update', u, eventText(u));
      socket.drain();
    }
    expect(socket.sent).toHaveLength(5);
    expect(live.coalesced).toBe(0);
  });

  it('sends nothing to a closed socket', async () => {
    const socket = new SlowSocket();
    socket.readyState = 3;
    const live = createLiveSocket(socket, async () => ok(1));
    live.deliver('live.update', update(1, ['health']), '{}');
    live.receive(JSON.stringify({ type: 'call', id: 1, name: 'app.info', request: {} }));
    await settle();
    expect(socket.sent).toEqual([]);
  });
});
