/**
 * The bundled Electron main process (dist/main/main.cjs), loaded by plain
 * Node with a recording stand-in for the `electron` module: proves the
 * bundle loads as CommonJS, wires a secure window, one IPC channel per call,
 * serves app://, forwards live updates from the embedded simulator, and
 * stops the backend before quitting.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcCallChannel } from '../../src/contract/bridge.js';
import { CALL_NAMES } from '../../src/contract/index.js';
import { disabledFeaturesValue } from '../../src/host/chromium-features.js';
import { ROOT } from '../harness/process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs main.cjs with a fake electron; prints one JSON line per call, then quits after `runMs`. */
const DRIVER = String.raw`
const Module = require('node:module');
const out = (name, ...args) => process.stdout.write(JSON.stringify([name, ...args]) + '\n');
const handlers = {};
let markReady;
const ready = new Promise((r) => (markReady = r));
let isReady = false;
class BrowserWindow {
  constructor(options) { out('BrowserWindow', options); this.webContents = { send: (ch, p) => out('send', ch, Object.keys(p.endpoints ?? p)) }; }
  once() {} on() {}
  isDestroyed() { return false; }
  loadURL(url) { out('loadURL', url); return Promise.resolve(); }
}
class Tray {
  constructor(image) { out('Tray', image); }
  setTitle(t) { out('tray.setTitle', t); } setToolTip(t) { out('tray.setToolTip', t); } setImage(i) { out('tray.setImage', i); }
  on() {} destroy() { out('tray.destroy'); }
}
class Notification {
  static isSupported() { return true; }
  constructor(options) { out('Notification', options); }
  on() {} show() {}
}
const electron = {
  app: {
    setName: (n) => out('setName', n, isReady),
    commandLine: { appendSwitch: (name, value) => out('appendSwitch', name, value, isReady) },
    requestSingleInstanceLock: () => true,
    on: (event, fn) => { handlers[event] = fn; },
    whenReady: () => ready, isReady: () => isReady, isPackaged: false,
    setPath: (k, v) => out('setPath', k, v), getPath: () => process.env.DATA_DIR, getVersion: () => '0.0.0',
    exit: (code) => { out('exit', code); process.exit(code); }, quit: () => out('quit'),
  },
  protocol: {
    registerSchemesAsPrivileged: (s) => out('registerSchemesAsPrivileged', s, isReady),
    handle: (scheme, fn) => { out('protocol.handle', scheme); handlers.protocol = fn; },
  },
  session: { defaultSession: {
    setPermissionRequestHandler: (fn) => fn(null, 'media', (granted) => out('permissionRequest', granted)),
    setPermissionCheckHandler: (fn) => out('permissionCheck', fn(null, 'clipboard-read')),
  } },
  ipcMain: { handle: (ch) => out('ipcMain.handle', ch), on: () => {}, removeHandler: () => {} },
  dialog: { showErrorBox: (t, m) => out('showErrorBox', t, m) },
  shell: { openExternal: () => {} },
  nativeImage: { createFromBitmap: (buffer, size) => ({ bytes: buffer.length, ...size }) },
  // No OS keyring here: the database password stays in memory, as in the browser host.
  safeStorage: { isEncryptionAvailable: () => false, encryptString: () => { throw new Error('no keyring'); }, decryptString: () => { throw new Error('no keyring'); } },
  BrowserWindow,
  Tray,
  Notification,
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
process.argv = ['electron', process.env.MAIN, '--data-dir', process.env.DATA_DIR, '--poll-ms', '200'];
require(process.env.MAIN);
isReady = true;
markReady();
setTimeout(async () => {
  const res = await handlers.protocol({ url: 'app://cockpit/nope.js', method: 'GET' });
  out('protocol.status', res.status);
  let deferred = false;
  handlers['before-quit']({ preventDefault: () => { deferred = true; } });
  out('quitDeferred', deferred);
}, Number(process.env.RUN_MS));
`;

interface Run { lines: unknown[][]; code: number | null }

function runMain(runMs: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', DRIVER], {
      cwd: ROOT,
      env: { ...process.env, MAIN: resolve(ROOT, 'dist/main/main.cjs'), DATA_DIR: dataDir, RUN_MS: String(runMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let errors = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (errors += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown[]);
      if (!lines.some((l) => l[0] === 'quit')) return fail(new Error(`main did not quit cleanly (exit ${code}):\n${text}\n${errors}`));
      done({ lines, code });
    });
  });
}

let run: Run;
beforeAll(async () => {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/build-main.mjs')], { cwd: ROOT, stdio: 'pipe' });
  run = await runMain(1500);
}, 30_000);

const calls = (name: string) => run.lines.filter((l) => l[0] === name);

describe('Electron main bundle', () => {
  it('names the app and registers app:// before the app is ready', () => {
    expect(calls('setName')).toEqual([['setName', 'oncall-cockpit', false]]);
    expect(calls('registerSchemesAsPrivileged')[0]).toEqual([
      'registerSchemesAsPrivileged',
      [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
      false,
    ]);
    expect(calls('setPath')).toEqual([['setPath', 'userData', dataDir]]);
  });

  it('turns off Chromium features that delay terminal echo, before the app is ready', () => {
    expect(calls('appendSwitch')).toEqual([['appendSwitch', 'disable-features', disabledFeaturesValue(), false]]);
    expect(disabledFeaturesValue()).toContain('DeferRendererTasksAfterInput');
  });

  it('denies permissions and serves only the bundle over app://', () => {
    expect(calls('permissionRequest')).toEqual([['permissionRequest', false]]);
    expect(calls('permissionCheck')).toEqual([['permissionCheck', false]]);
    expect(calls('protocol.handle')).toEqual([['protocol.handle', 'app']]);
    expect(calls('protocol.status')).toEqual([['protocol.status', 404]]);
  });

  it('opens a locked-down window on app://cockpit', () => {
    const windows = calls('BrowserWindow') as [string, { webPreferences: Record<string, unknown>; backgroundColor: string }][];
    expect(windows).toHaveLength(1);
    const options = windows[0]![1];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: resolve(ROOT, 'dist/main/preload.cjs'),
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(calls('loadURL')).toEqual([['loadURL', 'app://cockpit/index.html']]);
  });

  it('registers one IPC channel per call', () => {
    expect(calls('ipcMain.handle').map((l) => l[1]).sort()).toEqual(CALL_NAMES.map(ipcCallChannel).sort());
  });

  it('forwards live updates from the embedded simulator to the window', () => {
    // Incident events travel on their own channels beside these.
    const sent = calls('send').filter((l) => l[1] === 'cockpit:event:live.update');
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.flatMap((l) => l[2] as string[]))).toEqual(new Set(['health', 'status', 'positions', 'strategies', 'risk']));
  });

  it('puts the incident countdown in a tray drawn in code, and removes it on quit', () => {
    expect(calls('Tray')).toEqual([['Tray', { bytes: 16 * 16 * 4, width: 16, height: 16 }]]);
    expect(calls('tray.setToolTip')[0]).toEqual(['tray.setToolTip', expect.stringMatching(/^On-call cockpit: /)]);
    expect(calls('tray.destroy')).toHaveLength(1);
  });

  it('stops the backend before letting the app quit', () => {
    expect(calls('quitDeferred')).toEqual([['quitDeferred', true]]);
    expect(run.lines.at(-1)).toEqual(['quit']);
    expect(calls('showErrorBox')).toEqual([]);
  });
});
