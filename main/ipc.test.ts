import { describe, expect, it } from 'vitest';
import { CALL_NAMES, ok, type Result } from '../src/contract/index.js';
import { forwardEvents, registerCallHandlers, UNTRUSTED_SENDER_MESSAGE, type IpcMainLike } from './ipc.js';
import { isTrustedSender, type FrameLike, type IpcEventLike } from './sender.js';

const webContents = { id: 1, sent: [] as [string, unknown][], send(channel: string, payload: unknown) { this.sent.push([channel, payload]); } };
const mainFrame: FrameLike = { url: 'app://cockpit/index.html', parent: null };
const window = { destroyed: false, isDestroyed() { return this.destroyed; }, webContents };
const event = (over: Partial<IpcEventLike> = {}): IpcEventLike => ({ sender: webContents, senderFrame: mainFrame, ...over });

describe('isTrustedSender', () => {
  it('trusts the top frame of our window on app://cockpit', () => {
    expect(isTrustedSender(event(), window)).toBe(true);
    expect(isTrustedSender(event({ senderFrame: { url: 'app://cockpit/', parent: null } }), window)).toBe(true);
  });

  it('refuses other origins, subframes, other webContents, missing frames and closed windows', () => {
    const cases: [string, IpcEventLike, typeof window | null][] = [
      ['https page', event({ senderFrame: { url: 'https://evil.example/', parent: null } }), window],
      ['file page', event({ senderFrame: { url: 'file:///etc/passwd', parent: null } }), window],
      ['other app host', event({ senderFrame: { url: 'app://other/index.html', parent: null } }), window],
      ['look-alike', event({ senderFrame: { url: 'app://cockpit.evil/index.html', parent: null } }), window],
      ['subframe', event({ senderFrame: { url: 'app://cockpit/x.html', parent: mainFrame } }), window],
      ['other webContents', event({ sender: { id: 2 } }), window],
      ['no frame', event({ senderFrame: null }), window],
      ['garbage url', event({ senderFrame: { url: 'not a url', parent: null } }), window],
      ['no window', event(), null],
      ['destroyed window', event(), { ...window, isDestroyed: () => true }],
    ];
    for (const [label, e, w] of cases) expect(isTrustedSender(e, w), label).toBe(false);
  });
});

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

describe('registerCallHandlers', () => {
  it('registers one channel per call and dispatches trusted calls by that channel name', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const seen: unknown[] = [];
    registerCallHandlers(ipcMain, async (name, request) => (seen.push([name, request]), ok(name)), () => window);
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map((n) => `cockpit:call:${n}`).sort());
    expect(await handlers.get('cockpit:call:settings.get')!(event(), {})).toEqual(ok('settings.get'));
    expect(seen).toEqual([['settings.get', {}]]);
  });

  it('answers unauthorized to an untrusted sender without dispatching', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    let dispatched = 0;
    registerCallHandlers(ipcMain, async () => (dispatched++, ok(1)), () => window);
    const answer = (await handlers.get('cockpit:call:app.info')!(event({ senderFrame: { url: 'https://x/', parent: null } }), {})) as Result<unknown>;
    expect(answer).toEqual({ ok: false, error: { code: 'unauthorized', message: UNTRUSTED_SENDER_MESSAGE } });
    expect(dispatched).toBe(0);
  });

  it('removes its handlers', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerCallHandlers(ipcMain, async () => ok(1), () => window)();
    expect(handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  it('sends backend events on their channel while the window lives', () => {
    let emit: (name: 'live.update', payload: unknown) => void = () => {};
    const backend = { subscribe: (l: typeof emit) => ((emit = l), () => {}) };
    let current: typeof window | null = window;
    forwardEvents(backend, () => current);
    emit('live.update', { at: 1 });
    current = null;
    emit('live.update', { at: 2 });
    expect(webContents.sent).toEqual([['cockpit:event:live.update', { at: 1 }]]);
  });
});
