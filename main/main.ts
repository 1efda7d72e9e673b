/**
 * The desktop host: Electron wrapped around the same backend the browser
 * host serves. Thin on purpose: flags, settings, backend and dispatch all
 * come from src/; this file only wires them to a window, a tray and the
 * app's life (lifecycle.ts).
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import ElectronStore from 'electron-store';
import { createBackend, type Backend } from '../src/host/backend.js';
import { demoSimulatorLine } from '../src/core/demo.js';
import { disabledFeaturesValue } from '../src/host/chromium-features.js';
import { integrationTokensFromEnv, parseCliArgs, USAGE, type CliOptions } from '../src/host/cli-args.js';
import { CHAIN_KEY_FILE, secretStoreChainKeys } from '../src/services/audit/chain-key.js';
import { APP_NAME } from '../src/services/data-dir.js';
import { systemTimers } from '../src/services/hft/timers.js';
import type { Severity } from '../src/core/playbook/index.js';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { forwardEvents, registerCallHandlers } from './ipc.js';
import { startLifecycle, type Lifecycle } from './lifecycle.js';
import { showIncidentNotifications } from './notifications.js';
import { installPermissionHandlers } from './permissions.js';
import { createElectronSettingsStore } from './settings-store.js';
import { canEncrypt, createSafeStorageSecretStore } from './secret-store.js';
import { startIncidentTray, trayMenuTemplate } from './tray.js';
import { TRAY_ICON_SIZE, trayIconBitmap } from './tray-icon.js';
import { createCockpitWindow, hardenWebContents } from './window.js';

// Bundled to dist/main/main.cjs; the renderer bundle sits beside it in dist/renderer.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

const log = (line: string) => process.stderr.write(`cockpit: ${line}\n`);

let lifecycle: Lifecycle<BrowserWindow> | null = null;
const currentWindow = () => lifecycle?.window() ?? null;
const showWindow = () => lifecycle?.showWindow();

const trayIcon = (level: Severity | null) =>
  nativeImage.createFromBitmap(trayIconBitmap(level), { width: TRAY_ICON_SIZE, height: TRAY_ICON_SIZE });

interface IncidentSignals {
  stop(): void;
  /** Whether a tray icon is up to bring a hidden window back from. */
  readonly trayShown: boolean;
  hasOpenIncidents(): boolean;
}

/** Desktop notifications for incident alerts, and the tray with the most urgent countdown and its menu. */
function startIncidentSignals(b: Backend): IncidentSignals {
  const stopNotifications = Notification.isSupported()
    ? showIncidentNotifications(b, (r) => new Notification({ title: r.title, body: r.body, urgency: r.urgency, silent: r.silent }), showWindow)
    : () => {};
  // Held here for the app's life: a Tray nobody references is collected and vanishes
  // (https://www.electronjs.org/docs/latest/faq#my-apps-tray-disappeared-after-a-few-minutes).
  let shown: Tray | null = null;
  try {
    shown = new Tray(trayIcon(null));
  } catch (error) {
    log(`no tray on this desktop (${error instanceof Error ? error.message : String(error)}); closing the window will quit unless an incident is open`);
  }
  const tray = shown;
  if (tray) {
    tray.on('click', showWindow);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ show: showWindow, quit: () => app.quit() })));
  }
  const incidentTray = startIncidentTray({
    backend: b,
    tray: {
      setTitle: (title) => tray?.setTitle(title),
      setToolTip: (text) => tray?.setToolTip(text),
      setLevel: (level) => tray?.setImage(trayIcon(level)),
    },
    now: () => Date.now(),
    timers: systemTimers,
  });
  return {
    stop: () => {
      stopNotifications();
      incidentTray.stop();
      tray?.destroy();
    },
    trayShown: tray !== null,
    hasOpenIncidents: incidentTray.hasOpenIncidents,
  };
}

function fatal(message: string): void {
  log(message);
  if (app.isReady()) dialog.showErrorBox('On-call cockpit could not start', message);
  app.exit(2);
}

async function start({ apiUrl, apiKey, pollMs, fastPollMs, integrationUrls }: CliOptions): Promise<void> {
  const dataDir = app.getPath('userData');
  await app.whenReady();
  installPermissionHandlers(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  // After whenReady: safeStorage can only tell whether it encrypts once the app is ready.
  const secretStore = createSafeStorageSecretStore(dataDir, safeStorage);
  const backend = await createBackend({
    apiUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(pollMs ? { pollMs } : {}),
    ...(fastPollMs ? { fastPollMs } : {}),
    dataDir,
    hostKind: 'electron',
    integrationUrls,
    integrationTokens: integrationTokensFromEnv(process.env),
    settings: createElectronSettingsStore(dataDir, ElectronStore),
    secretStore,
    // The chain key goes to the OS secret store where it really encrypts; else the key file, as in the browser host.
    ...(canEncrypt(safeStorage) ? { chainKeys: secretStoreChainKeys(secretStore, join(dataDir, CHAIN_KEY_FILE)) } : {}),
  });
  if (backend.info.demo) process.stdout.write(`${demoSimulatorLine(backend.info.apiUrl)}\n`);
  registerCallHandlers(ipcMain, backend.handle, currentWindow);
  forwardEvents(backend, currentWindow);
  const signals = startIncidentSignals(backend);

  lifecycle = startLifecycle({
    app,
    openWindow: () => {
      const window = createCockpitWindow(preloadPath);
      window.loadURL(APP_INDEX_URL).catch((error: unknown) => log(`the window could not load the cockpit: ${String(error)}`));
      return window;
    },
    keepRunning: () => signals.trayShown || signals.hasOpenIncidents(),
    shutDown: async () => {
      signals.stop();
      // The poller, the embedded simulator, terminals and the audit log.
      await backend.close();
    },
    timers: systemTimers,
    log,
  });
  lifecycle.showWindow();
}

// Before anything reads userData: the folder must be the one src/services/data-dir.ts names.
app.setName(APP_NAME);
// Chromium reads its switches at startup: a keystroke's echo must not wait for the next frame.
app.commandLine.appendSwitch('disable-features', disabledFeaturesValue());
// Privileged schemes must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Flags before the single-instance lock: the lock lives in userData, so --data-dir must have
// moved it first. A second start on the same folder hands over to the running cockpit; two
// cockpits on two folders (a drill beside the real shift) run side by side.
// Packaged apps get their flags from argv[1] on; `electron main.cjs ...` from argv[2].
const parsed = parseCliArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env, { allowUnknown: true });
if (!parsed.ok) {
  fatal(`${parsed.message}\n${USAGE}`);
} else if (parsed.options.help) {
  process.stdout.write(`${USAGE}\n`);
  app.exit(0);
} else {
  for (const warning of parsed.options.warnings) process.stderr.write(`cockpit: ${warning}\n`);
  if (parsed.options.dataDir) app.setPath('userData', parsed.options.dataDir);
  if (!app.requestSingleInstanceLock()) {
    // Another cockpit runs on this data folder: it shows its window (lifecycle.ts), this one leaves.
    app.quit();
  } else {
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
    start(parsed.options).catch((error: unknown) => fatal(error instanceof Error ? error.message : String(error)));
  }
}
