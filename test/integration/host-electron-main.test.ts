/**
 * The bundled Electron main process (dist/main/main.cjs), loaded by plain
 * Node with a recording stand-in for the `electron` module
 * (fixtures/electron-recorder.cjs): proves the bundle loads as CommonJS,
 * reads its flags and moves userData before the single-instance lock, wires
 * a secure window, grants the clipboard write to its own page only, hands
 * tel:/mailto:/https: to the OS and nothing else, one IPC channel per call,
 * serves app://, forwards live updates from the embedded simulator, hides on
 * close and comes back, and on quit stops the backend, waiting 3 s at most.
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

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const RECORDER = resolve(ROOT, 'test/integration/fixtures/electron-recorder.cjs');

/** `lines`: what the recorder wrote (JSON arrays, one per line); `printed`: what main itself printed to stdout. */
interface Run { lines: unknown[][]; printed: string[]; code: number | null; stderr: string; dataDir: string }

function runMain(env: Record<string, string> = {}, args: string[] = []): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-electron-main-'));
  dataDirs.push(dataDir);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [RECORDER], {
      cwd: ROOT,
      env: { ...process.env, MAIN: resolve(ROOT, 'dist/main/main.cjs'), DATA_DIR: dataDir, ARGS: JSON.stringify(args), RUN_MS: '10000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    let stderr = '';
    child.stdout.on('data', (c) => (text += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal) return fail(new Error(`main did not end by itself (${signal}):\n${text}\n${stderr}`));
      const all = text.split('\n').filter(Boolean);
      const lines = all.filter((l) => l.startsWith('[')).map((l) => JSON.parse(l) as unknown[]);
      done({ lines, printed: all.filter((l) => !l.startsWith('[')), code, stderr, dataDir });
    });
  });
}

let run: Run;
let hung: Run;
beforeAll(async () => {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/build-main.mjs')], { cwd: ROOT, stdio: 'pipe' });
  [run, hung] = await Promise.all([runMain({}, ['--poll-ms', '200']), runMain({ HANG_CLOSE: '1' })]);
}, 40_000);

const named = (r: Run, name: string) => r.lines.filter((l) => l[0] === name);
const calls = (name: string) => named(run, name);
const indexOf = (r: Run, name: string) => r.lines.findIndex((l) => l[0] === name);

describe('Electron main bundle', () => {
  it('in DEMO, prints where the embedded simulator listens and how to stage a scenario on it', () => {
    expect(run.printed.filter((l) => l.startsWith('simulator (DEMO) at '))).toEqual([
      expect.stringMatching(/^simulator \(DEMO\) at http:\/\/127\.0\.0\.1:\d+: stage a scenario with curl -X POST http:\/\/127\.0\.0\.1:\d+\/sim\/v1\/scenario/),
    ]);
  });

  it('names the app and registers app:// before the app is ready', () => {
    expect(calls('setName')).toEqual([['setName', 'oncall-cockpit', false]]);
    expect(calls('registerSchemesAsPrivileged')[0]).toEqual([
      'registerSchemesAsPrivileged',
      [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }],
      false,
    ]);
  });

  it('moves userData to --data-dir before taking the single-instance lock, before the app is ready', () => {
    expect(calls('setPath')).toEqual([['setPath', 'userData', run.dataDir, false]]);
    expect(calls('requestSingleInstanceLock')).toEqual([['requestSingleInstanceLock', false]]);
    expect(indexOf(run, 'setPath')).toBeLessThan(indexOf(run, 'requestSingleInstanceLock'));
  });

  it('turns off Chromium features that delay terminal echo, before the app is ready', () => {
    expect(calls('appendSwitch')).toEqual([['appendSwitch', 'disable-features', disabledFeaturesValue(), false]]);
    expect(disabledFeaturesValue()).toContain('DeferRendererTasksAfterInput');
  });

  it('grants the clipboard write to its own top frame only, in both handlers, and denies the rest', () => {
    expect(calls('permission.request')).toEqual([
      ['permission.request', 'clipboard write, cockpit', true],
      ['permission.request', 'clipboard write, subframe', false],
      ['permission.request', 'clipboard write, other page', false],
      ['permission.request', 'camera, cockpit', false],
    ]);
    expect(calls('permission.check')).toEqual([
      ['permission.check', 'clipboard write, cockpit', true],
      ['permission.check', 'clipboard write, embedded', false],
      ['permission.check', 'clipboard read, cockpit', false],
    ]);
  });

  it('serves only the bundle over app://', () => {
    expect(calls('protocol.handle')).toEqual([['protocol.handle', 'app']]);
    expect(calls('protocol.status')).toEqual([['protocol.status', 404]]);
  });

  it('never navigates, and hands tel:, mailto: and https: links to the OS', () => {
    expect(calls('navigate').every((l) => l[2] === true)).toBe(true);
    expect(calls('navigate')).toHaveLength(6);
    expect(calls('shell.openExternal')).toEqual([
      ['shell.openExternal', 'tel:+15550103'],
      ['shell.openExternal', 'mailto:desk@example.com'],
      ['shell.openExternal', 'https://status.example.com/'],
    ]);
    expect(calls('window.open')).toEqual([['window.open', 'smb://share/x', 'deny']]);
  });

  it('opens a locked-down window on app://cockpit', () => {
    const windows = calls('BrowserWindow') as [string, { webPreferences: Record<string, unknown>; backgroundColor: string }][];
    const options = windows[0]![1];
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: resolve(ROOT, 'dist/main/preload.cjs'),
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(calls('loadURL')[0]).toEqual(['loadURL', 'app://cockpit/index.html']);
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

  it('puts the incident countdown in a tray drawn in code, with a menu to show the window and quit', () => {
    expect(calls('Tray')).toEqual([['Tray', { bytes: 16 * 16 * 4, width: 16, height: 16 }]]);
    expect(calls('tray.setToolTip')[0]).toEqual(['tray.setToolTip', expect.stringMatching(/^On-call cockpit: /)]);
    expect(calls('tray.setContextMenu')).toEqual([['tray.setContextMenu', ['Show cockpit', 'Quit cockpit']]]);
  });

  it('hides the window on close while the tray is up, shows it for a second start, and opens a new one from the tray', () => {
    expect(calls('close.prevented')).toEqual([['close.prevented', true]]);
    const afterClose = run.lines.slice(indexOf(run, 'close.prevented'));
    expect(afterClose[0]).toEqual(['close.prevented', true]);
    expect(run.lines[indexOf(run, 'close.prevented') - 1]).toEqual(['window.hide', 0]);
    expect(afterClose.slice(1, 3)).toEqual([['window.show', 0], ['window.focus', 0]]);
    expect(calls('windows')).toEqual([['windows', 2]]);
    expect(calls('loadURL')).toEqual([['loadURL', 'app://cockpit/index.html'], ['loadURL', 'app://cockpit/index.html']]);
  });

  it('on Quit from the tray, stops the backend and the tray, then exits', () => {
    const quit = indexOf(run, 'quit');
    expect(run.lines.slice(quit, quit + 3)).toEqual([['quit'], ['tray.destroy'], ['quit.deferred', true]]);
    expect(run.lines.at(-1)).toEqual(['exit', 0]);
    expect(run.code).toBe(0);
    expect(calls('showErrorBox')).toEqual([]);
  });

  it('exits 3 s after the quit when the backend never finishes closing', () => {
    expect(named(hung, 'http.close hangs').length).toBeGreaterThan(0);
    expect(hung.lines.at(-1)).toEqual(['exit', 1]);
    expect(hung.code).toBe(1);
    // Not before the limit: the backend got its 3 s.
    expect(named(hung, 'exit.msAfterQuit')[0]![1]).toBeGreaterThanOrEqual(2_990);
    expect(hung.stderr).toContain('the backend did not close within 3 s; exiting anyway');
  });
});

describe('Electron main bundle, refused starts', () => {
  it('leaves at once when another cockpit holds the lock on the same data folder', async () => {
    const taken = await runMain({ LOCK: 'taken' });
    expect(taken.lines.map((l) => l[0])).toEqual(['setName', 'appendSwitch', 'registerSchemesAsPrivileged', 'setPath', 'requestSingleInstanceLock', 'quit', 'quit.deferred']);
    expect(named(taken, 'quit.deferred')).toEqual([['quit.deferred', false]]);
    expect(taken.code).toBe(0);
  });

  it('reads the flags before the lock: bad flags exit 2 without taking it', async () => {
    const bad = await runMain({}, ['--poll-ms', '5']);
    expect(bad.code).toBe(2);
    expect(named(bad, 'requestSingleInstanceLock')).toEqual([]);
    expect(named(bad, 'setPath')).toEqual([]);
    expect(bad.stderr).toContain('--poll-ms must be between 200 and 60000');
  });
});
