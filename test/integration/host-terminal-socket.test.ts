/**
 * Terminals through the browser host's WebSocket, end to end on loopback:
 * a real local shell on a PTY, its output as `terminal.data` events, input,
 * acknowledgements, a flood held to the flow-control window, and close.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AckCounter, INITIAL_WINDOW_CHARS } from '../../src/core/terminal/flow-control.js';
import { decodeTerminalDataFrame } from '../../src/core/terminal/output-frame.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { startBrowserServer, type BrowserServer } from '../../src/host/browser/server.js';
import { createFakeFeed } from '../support/fake-feed.js';
import { OUTPUT_BATCH_MAX_CHARS } from '../../src/services/terminal/flow-session.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

let root: string;
let backend: Backend;
let server: BrowserServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-term-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  backend = await createBackend({
    apiUrl: 'http://hft-prod-01:8080',
    dataDir: root,
    hostKind: 'browser',
    settings: createMemorySettingsStore(),
    feed: createFakeFeed(),
    terminal: {
      home: root,
      localShell: { shell: '/bin/bash', args: ['--norc', '--noprofile'], env: { PATH: process.env.PATH, HOME: root, PS1: '$ ', LANG: 'C.UTF-8' } },
    },
  });
  server = await startBrowserServer({ backend, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  rmSync(root, { recursive: true, force: true });
});

interface Renderer {
  call(name: string, request: unknown): Promise<any>;
  /** The last 200,000 characters received for a session. */
  output(sessionId: string): string;
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Acknowledge as xterm.js would after rendering, in steps of CHAR_COUNT_ACK_SIZE. */
  autoAck(sessionId: string, on: boolean): void;
  /** UTF-8 bytes received for a session. */
  received(sessionId: string): number;
  exits: any[];
  close(): void;
}

/** Opens a WebSocket and resolves once it is open, or rejects with the status of a refused handshake. */
function openSocket(url: string, origin = server.origin, onMessage?: (raw: WebSocket.RawData, isBinary: boolean) => void): Promise<WebSocket> {
  const ws = new WebSocket(url, { origin });
  // Listened to at once: what the host sends first can come in the same read as its answer to the handshake.
  if (onMessage) ws.on('message', onMessage);
  return new Promise((done, fail) => {
    ws.once('open', () => done(ws));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`refused ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

/** The main socket, and the viewer key its first message names. */
async function openMain(): Promise<{ ws: WebSocket; viewer: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: server.origin });
  // Listened for at once: the first message can come in the same read as the handshake's answer.
  const viewer = new Promise<string>((done, fail) =>
    ws.once('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.type === 'viewer') done(m.viewer);
      else fail(new Error(`the first message is ${m.type}, not the viewer`));
    }),
  );
  await new Promise((done, fail) => (ws.once('open', done), ws.once('error', fail)));
  return { ws, viewer: await viewer };
}

const streamUrl = (viewer: string, token = server.token) => `ws://127.0.0.1:${server.port}/ws/terminal?token=${token}&viewer=${encodeURIComponent(viewer)}`;

async function connect(): Promise<Renderer> {
  const { ws, viewer } = await openMain();
  const stream = await openSocket(streamUrl(viewer));
  let id = 0;
  const waiting = new Map<number, (r: unknown) => void>();
  const text = new Map<string, string>();
  const counts = new Map<string, number>();
  const acking = new Map<string, AckCounter>();
  const exits: any[] = [];
  // Terminal output comes on the stream as binary frames (src/contract/bridge.ts), and session ends behind it.
  stream.on('message', (raw, isBinary) => {
    if (isBinary) {
      const frame = decodeTerminalDataFrame(new Uint8Array(raw as Buffer));
      if (!frame) throw new Error('a binary frame that is not terminal output');
      const { sessionId, data } = frame;
      text.set(sessionId, ((text.get(sessionId) ?? '') + Buffer.from(data).toString('utf8')).slice(-200_000));
      counts.set(sessionId, (counts.get(sessionId) ?? 0) + data.byteLength);
      const due = acking.get(sessionId)?.rendered(data.byteLength) ?? 0;
      if (due > 0) ws.send(JSON.stringify({ type: 'call', id: ++id, name: 'terminal.ack', request: { sessionId, chars: due } }));
      return;
    }
    const m = JSON.parse(String(raw));
    if (m.name === 'terminal.exit') exits.push(m.payload);
  });
  ws.on('message', (raw, isBinary) => {
    if (isBinary) throw new Error('terminal output on the main socket');
    const m = JSON.parse(String(raw));
    if (m.type === 'result') waiting.get(m.id)?.(m.result);
    else if (m.name === 'terminal.exit' || m.name === 'terminal.data') throw new Error(`${m.name} on the main socket`);
  });
  return {
    call(name, request) {
      const callId = ++id;
      ws.send(JSON.stringify({ type: 'call', id: callId, name, request }));
      return new Promise((done) => waiting.set(callId, done));
    },
    output: (sessionId) => text.get(sessionId) ?? '',
    received: (sessionId) => counts.get(sessionId) ?? 0,
    async waitFor(check, what, timeoutMs = 10_000) {
      const started = Date.now();
      while (!check()) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    autoAck(sessionId, on) {
      if (on) acking.set(sessionId, new AckCounter());
      else acking.delete(sessionId);
    },
    exits,
    close: () => (ws.close(), stream.close()),
  };
}

/** Waits until `read` has not moved for `quietMs` (the producer is held), bounded; returns it. */
async function settled(read: () => number, quietMs = 300, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  let last = read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = read();
    if (now === last) return now;
    if (Date.now() - started > timeoutMs) throw new Error(`still moving after ${timeoutMs} ms`);
    last = now;
  }
}

describe('terminals over the browser host WebSocket', () => {
  it('opens a local shell, runs a command, acknowledges, and closes', async () => {
    const r = await connect();
    try {
      const opened = await r.call('terminal.open', { kind: 'local', cols: 100, rows: 30 });
      expect(opened.ok).toBe(true);
      const { sessionId, title } = opened.value;
      expect(title).toBe('Local');
      r.autoAck(sessionId, true);
      expect((await r.call('terminal.input', { sessionId, data: 'echo hi-$((6*7))\r' })).ok).toBe(true);
      await r.waitFor(() => r.output(sessionId).includes('hi-42'), 'the echo');
      expect((await r.call('terminal.ack', { sessionId, chars: 10 })).ok).toBe(true);
      expect((await r.call('terminal.resize', { sessionId, cols: 120, rows: 40 })).ok).toBe(true);
      expect((await r.call('terminal.list', {})).value.map((t: any) => t.sessionId)).toContain(sessionId);
      expect((await r.call('terminal.close', { sessionId })).ok).toBe(true);
      await r.waitFor(() => r.exits.some((e) => e.sessionId === sessionId), 'the exit event');
      expect((await r.call('terminal.list', {})).value).toEqual([]);
      expect((await r.call('terminal.input', { sessionId, data: 'x' })).error.code).toBe('not_found');
    } finally {
      r.close();
    }
  });

  it('refuses oversized input and bad sizes before they reach a shell', async () => {
    const r = await connect();
    try {
      const { value } = await r.call('terminal.open', { kind: 'local' });
      expect((await r.call('terminal.input', { sessionId: value.sessionId, data: 'x'.repeat(16_385) })).error.code).toBe('invalid_request');
      expect((await r.call('terminal.resize', { sessionId: value.sessionId, cols: 0, rows: 10 })).error.code).toBe('invalid_request');
      expect((await r.call('terminal.open', { kind: 'ssh', profileId: 'nope' })).error.code).toBe('not_found');
      await r.call('terminal.close', { sessionId: value.sessionId });
    } finally {
      r.close();
    }
  });

  it('holds a flood to the flow-control window until acknowledged, then Ctrl-C stops it', async () => {
    const r = await connect();
    try {
      const { value } = await r.call('terminal.open', { kind: 'local' });
      const { sessionId } = value;
      r.autoAck(sessionId, true);
      await r.waitFor(() => r.output(sessionId).includes('$ '), 'the prompt');
      r.autoAck(sessionId, false);
      await r.call('terminal.input', { sessionId, data: 'yes\r' });
      // No acks: the producer is paused once the (fresh) window is full, plus at most one read beyond it.
      const held = await settled(() => r.received(sessionId));
      expect(held).toBeGreaterThan(INITIAL_WINDOW_CHARS);
      expect(held).toBeLessThan(INITIAL_WINDOW_CHARS + 2 * OUTPUT_BATCH_MAX_CHARS + 10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(r.received(sessionId)).toBe(held);
      r.autoAck(sessionId, true);
      await r.call('terminal.ack', { sessionId, chars: held });
      await r.waitFor(() => r.received(sessionId) > held + INITIAL_WINDOW_CHARS, 'the flood to resume', 30_000);
      await r.call('terminal.input', { sessionId, data: '\x03' });
      await r.call('terminal.input', { sessionId, data: 'echo done-$((1+1))\r' });
      await r.waitFor(() => r.output(sessionId).includes('done-2'), 'the prompt after Ctrl-C', 15_000);
      await r.call('terminal.close', { sessionId });
    } finally {
      r.close();
    }
  });

  it('paces a flood by the slowest of two sockets, and lets it run once the one that never acknowledges leaves', async () => {
    const fast = await connect();
    const stalled = await connect();
    try {
      const { value } = await fast.call('terminal.open', { kind: 'local' });
      const { sessionId } = value;
      fast.autoAck(sessionId, true);
      await fast.waitFor(() => fast.output(sessionId).includes('$ '), 'the prompt');
      // The second page attaches (a second browser tab) and never acknowledges anything.
      expect((await stalled.call('terminal.attach', { sessionId })).ok).toBe(true);
      await fast.call('terminal.input', { sessionId, data: 'yes\r' });
      const held = await settled(() => stalled.received(sessionId));
      expect(held).toBeGreaterThan(INITIAL_WINDOW_CHARS / 2);
      expect(held).toBeLessThan(INITIAL_WINDOW_CHARS + 2 * OUTPUT_BATCH_MAX_CHARS + 10_000);
      // The fast page, acknowledging everything, got no more than the stalled one: the producer is paused for both.
      expect(fast.received(sessionId)).toBeLessThan(held + 2 * OUTPUT_BATCH_MAX_CHARS);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fastHeld = fast.received(sessionId);
      expect(stalled.received(sessionId)).toBe(held);
      expect(fast.received(sessionId)).toBe(fastHeld);

      stalled.close();
      await fast.waitFor(() => fast.received(sessionId) > fastHeld + INITIAL_WINDOW_CHARS, 'the flood to resume for the page left', 30_000);
      await fast.call('terminal.input', { sessionId, data: '\x03' });
      await fast.call('terminal.input', { sessionId, data: 'echo done-$((2+2))\r' });
      await fast.waitFor(() => fast.output(sessionId).includes('done-4'), 'the prompt after Ctrl-C', 15_000);
      await fast.call('terminal.close', { sessionId });
    } finally {
      fast.close();
      stalled.close();
    }
  });
});

/** Sends one call on a bare main socket and resolves with its result. */
function callOn(ws: WebSocket, id: number, name: string, request: unknown): Promise<any> {
  return new Promise((done) => {
    const onMessage = (raw: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const m = JSON.parse(String(raw));
      if (m.type === 'result' && m.id === id) {
        ws.off('message', onMessage);
        done(m.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, name, request }));
  });
}

describe('the terminal stream beside the main socket', () => {
  it('is refused without the token, from a foreign origin or Host, and for a viewer that is unknown, gone or bound already', async () => {
    const { ws, viewer } = await openMain();
    try {
      await expect(openSocket(streamUrl(viewer, ''))).rejects.toThrow('refused 401');
      await expect(openSocket(streamUrl(viewer, 'not-the-token'))).rejects.toThrow('refused 401');
      await expect(openSocket(streamUrl(viewer), 'http://evil.example')).rejects.toThrow('refused 403');
      await expect(openSocket(streamUrl('socket-1'))).rejects.toThrow('refused 404');
      await expect(openSocket(`ws://127.0.0.1:${server.port}/ws/terminal?token=${server.token}`)).rejects.toThrow('refused 404');
      const stream = await openSocket(streamUrl(viewer));
      await expect(openSocket(streamUrl(viewer))).rejects.toThrow('refused 409');
      stream.close();
    } finally {
      ws.close();
    }
    await new Promise((resolve) => ws.once('close', resolve));
    await expect(openSocket(streamUrl(viewer))).rejects.toThrow('refused 404');
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const { ws, viewer } = await openMain();
    try {
      const rebound = new WebSocket(streamUrl(viewer), { origin: server.origin, headers: { host: `rebind.example:${server.port}` } });
      const status = await new Promise<number>((done) => {
        rebound.once('unexpected-response', (_req, res) => done(res.statusCode!));
        rebound.once('open', () => done(101));
        rebound.once('error', () => done(0));
      });
      expect(status).toBe(403);
    } finally {
      ws.close();
    }
  });

  it('holds output meant for a viewer until its stream opens, then sends it first', async () => {
    const { ws, viewer } = await openMain();
    let stream: WebSocket | null = null;
    try {
      const opened = await callOn(ws, 1, 'terminal.open', { kind: 'local' });
      const { sessionId } = opened.value;
      await callOn(ws, 2, 'terminal.input', { sessionId, data: 'echo before-$((20+3))\r' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      let received = '';
      stream = await openSocket(streamUrl(viewer), server.origin, (raw, isBinary) => {
        if (isBinary) received += Buffer.from(decodeTerminalDataFrame(new Uint8Array(raw as Buffer))!.data).toString('utf8');
      });
      const started = Date.now();
      while (!received.includes('before-23') && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
      expect(received).toContain('before-23');
      await callOn(ws, 3, 'terminal.close', { sessionId });
    } finally {
      stream?.close();
      ws.close();
    }
  });

  it('sends a session end on the stream behind the output before it, never ahead on the main socket', async () => {
    const { ws, viewer } = await openMain();
    const stream = await openSocket(streamUrl(viewer));
    const order: string[] = [];
    let output = '';
    stream.on('message', (raw, isBinary) => {
      if (isBinary) {
        output += Buffer.from(decodeTerminalDataFrame(new Uint8Array(raw as Buffer))!.data).toString('utf8');
        order.push('data');
      } else if (JSON.parse(String(raw)).name === 'terminal.exit') order.push(output.includes('line-4000') ? 'exit after the last line' : 'exit before the last line');
    });
    const onMain: string[] = [];
    ws.on('message', (raw, isBinary) => {
      if (isBinary) onMain.push('binary');
      else if (JSON.parse(String(raw)).type === 'event' && String(JSON.parse(String(raw)).name).startsWith('terminal.')) onMain.push(JSON.parse(String(raw)).name);
    });
    try {
      const { value } = await callOn(ws, 1, 'terminal.open', { kind: 'local' });
      const { sessionId } = value;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The page stops reading its stream: what the shell prints, and its end, wait in the socket.
      stream.pause();
      // The pause before exit: node-pty may report the exit before its last read, which is not what this is about.
      await callOn(ws, 2, 'terminal.input', { sessionId, data: 'for i in $(seq 1 4000); do echo line-$i; done; sleep 0.5; exit\r' });
      const started = Date.now();
      for (;;) {
        const listed = await callOn(ws, 100 + (Date.now() % 100000), 'terminal.list', {});
        if (listed.value.find((t: any) => t.sessionId === sessionId)?.exit) break;
        if (Date.now() - started > 15_000) throw new Error('the shell did not end');
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(onMain).toEqual([]);
      stream.resume();
      const resumed = Date.now();
      while (!order.some((o) => o.startsWith('exit')) && Date.now() - resumed < 10_000) await new Promise((r) => setTimeout(r, 10));
      expect(order.filter((o) => o.startsWith('exit'))).toEqual(['exit after the last line']);
      expect(order.at(-1)).toBe('exit after the last line');
      await callOn(ws, 3, 'terminal.close', { sessionId });
    } finally {
      stream.close();
      ws.close();
    }
  });

  it('closes the main socket when the stream closes, and the stream when the main socket closes', async () => {
    const a = await openMain();
    const aStream = await openSocket(streamUrl(a.viewer));
    const mainClosed = new Promise<number>((done) => a.ws.once('close', (code) => done(code)));
    aStream.close();
    expect(await mainClosed).toBe(1001);

    const b = await openMain();
    const bStream = await openSocket(streamUrl(b.viewer));
    const streamClosed = new Promise<number>((done) => bStream.once('close', (code) => done(code)));
    b.ws.close();
    expect(await streamClosed).toBe(1001);
  });
});
