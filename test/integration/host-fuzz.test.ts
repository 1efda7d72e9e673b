/**
 * The host's contract under fuzzing: thousands of random and malformed
 * messages over the browser host's WebSocket and through the Electron IPC
 * handlers, against a real backend watching a real simulator. Whatever
 * arrives, the killswitch fires zero times (the simulator still reports it
 * inactive, the audit log holds no killswitch intent, no strategy changed),
 * every answer is a Result, and the host stays up and answers afterwards.
 *
 * The fuzzer is seeded, so a failure replays: the seed is in the test name.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CALL_NAMES, type Result } from '../../src/contract/index.js';
import { Status, Strategies } from '../../src/contract/hft.js';
import { AUDIT_LOG_FILE, createBackend, type Backend } from '../../src/host/backend.js';
import { MAX_MESSAGE_BYTES, startBrowserServer, type BrowserServer } from '../../src/host/browser/server.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';
import { registerCallHandlers, type IpcMainLike } from '../../main/ipc.js';
import type { FrameLike, IpcEventLike } from '../../main/sender.js';

const SEED = 0x5eed_c0de;
/** Messages per transport: enough to reach every branch of the generators many times over. */
const WS_MESSAGES = 3_000;
const IPC_MESSAGES = 3_000;
const API_KEY = 'fuzz-write-key';

/** mulberry32: small, seedable, good enough to spread cases. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof random>;

const NASTY_STRINGS = ['', ' ', '\u0000', '__proto__', 'constructor', 'toString', 'killswitch.fire', 'A'.repeat(43), '\ud800', '💥', '"}', '../../etc/passwd', 'null'];
const EXTRA_NAMES = ['killswitch', 'killswitch.Fire', 'killswitch.fire ', 'Killswitch.fire', 'killswitch.fire\u0000', '__proto__', 'hasOwnProperty', 'strategies.start', 'killswitch.arm', 'killswitch.confirm'];
/** Calls that only read, plus the ones under test: the fuzzer must not open shells or run pre-shift checks on this machine. */
const SAFE_CALLS = CALL_NAMES.filter((n) => /^(app|live|incidents\.list|playbook\.get|killswitch|strategies)/.test(n));

function randomString(r: Rng): string {
  if (r.next() < 0.4) return r.pick(NASTY_STRINGS);
  const length = r.int(r.next() < 0.1 ? 600 : 40);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(r.next() < 0.8 ? 32 + r.int(95) : r.int(0xffff));
  return text;
}

function randomValue(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 2 ? 6 : 8);
  switch (kind) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -0]);
    case 3:
    case 4: return randomString(r);
    case 5: return undefined;
    case 6: return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) object[r.pick(['token', 'reason', 'ids', 'incidentId', randomString(r)])] = randomValue(r, depth + 1);
      return object;
    }
  }
}

/** A token the host never minted: random base64url of a real token's length, or something token-ish. */
function forgedToken(r: Rng): unknown {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  if (r.next() < 0.6) return Array.from({ length: 43 }, () => alphabet[r.int(64)]).join('');
  return randomValue(r);
}

/** A request body for one call: often nearly right (the fields the schema wants, with a forged token), often not. */
function randomRequest(r: Rng, name: string): unknown {
  const reason = r.next() < 0.7 ? r.pick(['runaway strategy', 'when in doubt', 'fuzz']) : randomValue(r);
  if (name === 'killswitch.fire' && r.next() < 0.8) return { token: forgedToken(r), reason, ...(r.next() < 0.2 ? { extra: 1 } : {}) };
  if (name === 'strategies.stop' && r.next() < 0.5) return { ids: r.next() < 0.5 ? [] : [randomString(r)], reason: r.next() < 0.5 ? '' : randomValue(r) };
  return r.next() < 0.3 ? {} : randomValue(r);
}

function randomWsMessage(r: Rng, id: number): string | Buffer {
  const shape = r.int(10);
  if (shape === 0) return randomString(r); // not JSON at all
  if (shape === 1) return Buffer.from(Array.from({ length: r.int(64) }, () => r.int(256))); // binary
  if (shape === 2) return JSON.stringify(randomValue(r)); // JSON, not a message
  if (shape === 3) return JSON.stringify({ type: r.pick(['call', 'result', 'event', 'CALL']), id: randomValue(r), name: randomValue(r), request: randomValue(r) });
  const name = r.next() < 0.15 ? r.pick(EXTRA_NAMES) : r.next() < 0.6 ? r.pick(['killswitch.fire', 'killswitch.fire', 'killswitch.prepare', 'strategies.stop']) : r.pick(SAFE_CALLS);
  return JSON.stringify({ type: 'call', id, name, request: randomRequest(r, name) });
}

let sim: SimulatorHandle;
let root: string;
let backend: Backend;
let server: BrowserServer;
let strategiesBefore: string[];

const read = async <T>(path: string, schema: { parse(v: unknown): T }) =>
  schema.parse(await (await fetch(sim.url + path, { signal: AbortSignal.timeout(5_000) })).json());
const statuses = async () => (await read('/api/v1/strategies', Strategies)).strategies.map((s) => `${s.strategy_id}:${s.status}`);
const auditTypes = () =>
  readFileSync(join(root, 'data', AUDIT_LOG_FILE), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => (JSON.parse(line) as { type: string }).type);

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: 3, apiKey: API_KEY });
  root = mkdtempSync(join(tmpdir(), 'cockpit-fuzz-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><meta name="cockpit-host" content="__COCKPIT_HOST__">');
  backend = await createBackend({
    apiUrl: sim.url,
    apiKey: API_KEY,
    dataDir: join(root, 'data'),
    hostKind: 'browser',
    settings: createMemorySettingsStore(),
    log: () => {},
  });
  server = await startBrowserServer({ backend, rendererDir, port: 0 });
  strategiesBefore = await statuses();
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  await sim?.close();
  rmSync(root, { recursive: true, force: true });
});

async function expectNothingFired() {
  expect((await read('/api/v1/status', Status)).killswitch.active).toBe(false);
  expect((await read('/api/v1/risk/summary', { parse: (v) => v as { killswitch_active: boolean } })).killswitch_active).toBe(false);
  expect(await statuses()).toEqual(strategiesBefore);
  expect(auditTypes()).not.toContain('killswitch.intent');
}

function connect(): Promise<{ ws: WebSocket; answers: Map<number, Result<unknown>>; closed: Promise<void> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${encodeURIComponent(server.token)}`, { origin: server.origin });
  const answers = new Map<number, Result<unknown>>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: number; result?: Result<unknown> };
    if (message.type === 'result') answers.set(message.id!, message.result!);
  });
  const closed = new Promise<void>((done) => ws.once('close', () => done()));
  return new Promise((done, fail) => {
    ws.once('open', () => done({ ws, answers, closed }));
    ws.once('error', fail);
  });
}

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe(`host contract under fuzzing (seed ${SEED.toString(16)})`, () => {
  it(`fires nothing for ${WS_MESSAGES} random WebSocket messages and keeps answering`, async () => {
    const r = random(SEED);
    let link = await connect();
    let reconnects = 0;
    let sent = 0;
    for (let id = 1; id <= WS_MESSAGES; id++) {
      if (link.ws.readyState !== WebSocket.OPEN) {
        reconnects++;
        link = await connect();
      }
      link.ws.send(randomWsMessage(r, id));
      sent++;
      // Now and then a frame over the cap: the host must drop that socket, not fall over.
      if (id % 997 === 0) {
        link.ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
        await link.closed;
      }
      // Every 50 messages, wait for a quick call to come back: the host answers a flood beyond
      // MAX_CALLS_IN_FLIGHT with "unavailable", and the fuzz is about what reaches the handlers.
      if (id % 50 === 0 && link.ws.readyState === WebSocket.OPEN) {
        const sentinel = 1_000_000 + id;
        link.ws.send(JSON.stringify({ type: 'call', id: sentinel, name: 'app.info', request: {} }));
        await until(() => link.answers.has(sentinel), 10_000);
      }
    }
    expect(sent).toBe(WS_MESSAGES);
    // The last socket answers everything it was sent, in the end: wait for its final call.
    if (link.ws.readyState !== WebSocket.OPEN) link = await connect();
    link.ws.send(JSON.stringify({ type: 'call', id: WS_MESSAGES + 1, name: 'app.info', request: {} }));
    expect(await until(() => link.answers.has(WS_MESSAGES + 1), 30_000)).toBe(true);

    const probe = await connect();
    probe.ws.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', request: {} }));
    expect(await until(() => probe.answers.has(1), 10_000)).toBe(true);
    expect(probe.answers.get(1)).toMatchObject({ ok: true, value: { hostKind: 'browser' } });
    // Every fire the fuzzer sent was refused: forged tokens are unauthorized, malformed ones invalid.
    for (const [, result] of link.answers) if (!result.ok) expect(['unauthorized', 'invalid_request', 'unknown_call', 'unavailable', 'not_found', 'conflict', 'internal']).toContain(result.error.code);
    expect(reconnects).toBeGreaterThan(0); // the oversized frames did close sockets
    probe.ws.close();
    link.ws.close();
    await expectNothingFired();
    // Forged tokens that passed the schema reached the arming and were refused there, each on the record.
    expect(auditTypes().filter((t) => t === 'killswitch.refused').length).toBeGreaterThan(50);
  }, 120_000);

  it(`fires nothing for ${IPC_MESSAGES} random IPC invocations, trusted or not`, async () => {
    const r = random(SEED ^ 0xabcdef);
    const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const webContents = { id: 1 };
    const mainFrame: FrameLike = { url: 'app://cockpit/index.html', parent: null };
    const window = { isDestroyed: () => false, webContents };
    const remove = registerCallHandlers(ipcMain, backend.handle, () => window);
    const frames: (FrameLike | null)[] = [
      mainFrame,
      mainFrame,
      { url: 'https://evil.example/', parent: null },
      { url: 'app://cockpit/x.html', parent: mainFrame },
      { url: 'app://cockpit.evil/', parent: null },
      null,
    ];
    let refusedByArming = 0;
    const channels = [...handlers.keys()].filter((c) => SAFE_CALLS.some((n) => c === `cockpit:call:${n}`));
    try {
      for (let i = 0; i < IPC_MESSAGES; i++) {
        const name = r.next() < 0.7 ? r.pick(['killswitch.fire', 'killswitch.prepare', 'strategies.stop']) : r.pick(channels).slice('cockpit:call:'.length);
        const event: IpcEventLike = { sender: r.next() < 0.9 ? webContents : { id: 2 }, senderFrame: r.pick(frames) };
        const args = r.next() < 0.1 ? [] : r.next() < 0.1 ? [randomRequest(r, name), randomValue(r)] : [randomRequest(r, name)];
        const answer = (await handlers.get(`cockpit:call:${name}`)!(event, ...args)) as Result<unknown>;
        expect(typeof answer.ok).toBe('boolean');
        if (name === 'killswitch.fire') expect(answer.ok).toBe(false);
        const trusted = event.sender === webContents && event.senderFrame === mainFrame;
        if (name === 'killswitch.fire' && trusted && !answer.ok && answer.error.code === 'unauthorized') refusedByArming++;
      }
    } finally {
      remove();
    }
    // Past the sender check and the schema, forged tokens met the arming itself, many times.
    expect(refusedByArming).toBeGreaterThan(30);
    await expectNothingFired();

    // The control: the same host, asked properly, does fire, and these checks see it.
    const prepared = (await backend.handle('killswitch.prepare', {})) as Result<{ token: string }>;
    expect(prepared.ok).toBe(true);
    const fired = await backend.handle('killswitch.fire', { token: prepared.ok ? prepared.value.token : '', reason: 'fuzz control press' });
    expect(fired).toMatchObject({ ok: true, value: { outcome: { verified: true } } });
    expect((await read('/api/v1/status', Status)).killswitch).toMatchObject({ active: true, reason: 'fuzz control press' });
    expect(auditTypes()).toContain('killswitch.intent');
  }, 120_000);
});
