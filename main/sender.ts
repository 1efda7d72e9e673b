/**
 * Who may call the backend over IPC: only the top frame of our own window,
 * showing our own `app://cockpit` page. A frame the page embeds, a page the
 * window was somehow navigated to, or any other webContents is refused.
 * Typed structurally so tests can pass plain objects.
 */
import { isAppOrigin } from './app-protocol.js';

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface IpcEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

export interface CockpitWindowLike {
  isDestroyed(): boolean;
  readonly webContents: unknown;
}

export function isTrustedSender(event: IpcEventLike, window: CockpitWindowLike | null): boolean {
  if (window === null || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated or was destroyed before the message arrived.
  if (frame === null || frame === undefined || frame.parent !== null) return false;
  return isAppOrigin(frame.url);
}
