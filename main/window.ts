/**
 * The cockpit window and the rules every web page in the app lives by:
 * isolated, sandboxed, no Node, no navigation away from the bundle, no new
 * windows, no webviews, no permissions (camera, notifications, clipboard
 * reads, ...). Links to https pages (status page, exchange help) open in the
 * system browser instead.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';

/** Matches the renderer's --bg (renderer/view/cockpit.css), so the window does not flash white while it loads. */
export const WINDOW_BACKGROUND = '#0b0f14';

export function createCockpitWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 640,
    title: 'On-call cockpit',
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

/** Applied to every webContents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Only https links leave the app, and only to the system browser. */
export function isExternalLink(url: string): boolean {
  return URL.canParse(url) && new URL(url).protocol === 'https:';
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
