/**
 * The backend over Electron IPC: one `ipcMain.handle` per contract call on
 * its own channel, each checking the sender before the shared dispatcher
 * sees the payload, and backend events sent to the window on their event
 * channels.
 */
import { ipcCallChannel, ipcEventChannel } from '../src/contract/bridge.js';
import { CALL_NAMES, fail, type EventName, type Result } from '../src/contract/index.js';
import type { Backend } from '../src/host/backend.js';
import { isTrustedSender, type CockpitWindowLike, type IpcEventLike } from './sender.js';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface EventTargetWindow extends CockpitWindowLike {
  readonly webContents: { send(channel: string, payload: unknown): void };
}

export const UNTRUSTED_SENDER_MESSAGE = 'calls are accepted only from the cockpit window';

/** Registers a handler per call; returns the function that removes them. */
export function registerCallHandlers(
  ipcMain: IpcMainLike,
  handle: (name: unknown, request: unknown) => Promise<Result<unknown>>,
  currentWindow: () => CockpitWindowLike | null,
): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcCallChannel(name), async (event, request): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, currentWindow())) return fail('unauthorized', UNTRUSTED_SENDER_MESSAGE);
      return handle(name, request);
    });
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(ipcCallChannel(name));
  };
}

/** Sends every backend event to the window while it exists; returns unsubscribe. */
export function forwardEvents(backend: Pick<Backend, 'subscribe'>, currentWindow: () => EventTargetWindow | null): () => void {
  return backend.subscribe((name: EventName, payload: unknown) => {
    const window = currentWindow();
    if (window && !window.isDestroyed()) window.webContents.send(ipcEventChannel(name), payload);
  });
}
