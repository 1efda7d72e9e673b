/**
 * The sandboxed preload (bundled to one CommonJS file by scripts/build-main.mjs):
 * it only exposes the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('cockpit', createBridge(ipcRenderer));
