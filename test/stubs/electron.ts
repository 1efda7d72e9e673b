/**
 * Stand-in for the `electron` module under vitest. The real package's entry
 * point looks for (and would try to download) the Electron binary, which
 * does not exist on machines without a display stack; tests of `main/` get
 * these inert objects instead, and assert on what main code does with them.
 */
const noop = () => undefined;
export const app = { whenReady: () => Promise.resolve(), on: noop, quit: noop, getPath: () => '/tmp', getVersion: () => '0.0.0' };
export const ipcMain = { handle: noop, removeHandler: noop, on: noop };
export const ipcRenderer = { invoke: () => Promise.resolve(), on: noop, removeListener: noop };
/** What main/preload.ts exposed, by key, for tests to inspect. */
export const exposedInMainWorld: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => {
    exposedInMainWorld[key] = api;
  },
};
export const protocol = { handle: noop, registerSchemesAsPrivileged: noop };
export const session = { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop } };
export class BrowserWindow {}
export class Notification { static isSupported = () => false; show = noop; on = noop; }
export class Tray { setTitle = noop; setToolTip = noop; setImage = noop; on = noop; destroy = noop; }
export const nativeImage = { createFromBitmap: () => ({}), createEmpty: () => ({}) };
export const safeStorage = { isEncryptionAvailable: () => false, encryptString: (s: string) => Buffer.from(s), decryptString: (b: Buffer) => b.toString() };
export default { app, ipcMain, ipcRenderer, contextBridge, protocol, session, BrowserWindow, Notification, Tray, nativeImage, safeStorage };
