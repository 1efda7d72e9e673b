/**
 * The desktop host: Electron wrapped around the same backend the browser
 * host serves. Thin on purpose: flags, settings, backend and dispatch all
 * come from src/; this file only wires them to a window.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, nativeImage, Notification, protocol, safeStorage, session, Tray } from 'electron';
import ElectronStore from 'electron-store';
import { createBackend, type Backend } from '../src/host/backend.js';
import { disabledFeaturesValue } from '../src/host/chromium-features.js';
import { parseCliArgs, USAGE } from '../src/host/cli-args.js';
import { APP_NAME } from '../src/services/data-dir.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { forwardEvents, registerCallHandlers } from './ipc.js';
import { showIncidentNotifications } from './notifications.js';
import { createElectronSettingsStore } from './settings-store.js';
import { createSafeStorageSecretStore } from './secret-store.js';
import { startIncidentTray } from './tray.js';
import { TRAY_ICON_SIZE, trayIconBitmap } from './tray-icon.js';
import { createCockpitWindow, denyAllPermissions, hardenWebContents } from './window.js';
import { systemTimers } from '../src/services/hft/timers.js';
import type { Severity } from '../src/core/playbook/index.js';

// Before anything reads userData: the folder must be the one src/services/data-dir.ts names.
app.setName(APP_NAME);
// Chromium reads its switches at startup: a keystroke's echo must not wait for the next frame.
app.commandLine.appendSwitch('disable-features', disabledFeaturesValue());
// Privileged schemes must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Bundled to dist/main/main.cjs; the renderer bundle sits beside it in dist/renderer.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

let window: BrowserWindow | null = null;
let backend: Backend | null = null;
// Holds the tray (through its closure) for the app's life: a Tray nobody references is
// collected and vanishes (https://www.electronjs.org/docs/latest/faq#my-apps-tray-disappeared-after-a-few-minutes).
let stopIncidentSignals: (() => void) | null = null;

function bringForward(): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const trayIcon = (level: Severity | null) =>
  nativeImage.createFromBitmap(trayIconBitmap(level), { width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE });

/** Desktop notifications for incident alerts, and the tray with the most urgent countdown. */
function startIncidentSignals(b: Backend): () => void {
  const stopNotifications = Notification.isSupported()
    ? showIncidentNotifications(b, (r) => new Notification({ title: r.title, body: r.body, urgency: r.urgency, silent: r.silent }), bringForward)
    : () => {};
  const shown = new Tray(trayIcon(null));
  shown.on('click', bringForward);
  const stopTray = startIncidentTray({
    backend: b,
    tray: {
      setTitle: (title) => shown.setTitle(title),
      setToolTip: (text) => shown.setToolTip(text),
      setLevel: (level) => shown.setImage(trayIcon(level)),
    },
    now: () => Date.now(),
    timers: systemTimers,
  });
  return () => {
    stopNotifications();
    stopTray();
    shown.destroy();
  };
}

function fatal(message: string): never {
  process.stderr.write(`cockpit: ${message}\n`);
  if (app.isReady()) dialog.showErrorBox('On-call cockpit could not start', message);
  app.exit(2);
  throw new Error(message);
}

async function start(): Promise<void> {
  // Packaged apps get their flags from argv[1] on; `electron main.cjs ...` from argv[2].
  const parsed = parseCliArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env, { allowUnknown: true });
  if (!parsed.ok) fatal(`${parsed.message}\n${USAGE}`);
  const { apiUrl, apiKey, pollMs, dataDir: dataDirFlag } = parsed.options;
  if (dataDirFlag) app.setPath('userData', dataDirFlag);
  const dataDir = app.getPath('userData');

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  backend = await createBackend({
    apiUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(pollMs ? { pollMs } : {}),
    dataDir,
    hostKind: 'electron',
    settings: createElectronSettingsStore(dataDir, ElectronStore),
    // After whenReady: safeStorage can only tell whether it encrypts once the app is ready.
    secretStore: createSafeStorageSecretStore(dataDir, safeStorage),
  });
  registerCallHandlers(ipcMain, backend.handle, () => window);
  forwardEvents(backend, () => window);
  stopIncidentSignals = startIncidentSignals(backend);

  window = createCockpitWindow(preloadPath);
  window.on('closed', () => {
    window = null;
  });
  await window.loadURL(APP_INDEX_URL);
}

if (!app.requestSingleInstanceLock()) {
  // Another cockpit is running: it gets focus (below), this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !backend) return;
    // Stop the poller and the embedded simulator before the process goes.
    event.preventDefault();
    const closing = backend;
    backend = null;
    stopIncidentSignals?.();
    stopIncidentSignals = null;
    void closing.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  start().catch((error: unknown) => fatal(error instanceof Error ? error.message : String(error)));
}
