/**
 * The cockpit window and the rules every web page in the app lives by:
 * isolated, sandboxed, no Node, no navigation away from the bundle, no new
 * windows, no webviews. Links to https pages (status page, exchange help),
 * tel: and mailto: go to the operating system instead (external-links.ts);
 * what a page may be granted is in permissions.ts.
 */
import { BrowserWindow } from 'electron';
import { openIfExternal } from './external-links.js';

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

/** The events of a webContents the rules below listen to; structural so tests pass plain objects. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void; url?: string }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Applied to every webContents the app creates (app 'web-contents-created'):
 * the window never leaves the bundle; an allowed link (external-links.ts),
 * whether followed in place or opened as a new window, goes to the OS.
 */
export function hardenWebContents(contents: GuardedContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (event.url !== undefined) openIfExternal(event.url, openExternal);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url, openExternal);
    return { action: 'deny' };
  });
}
