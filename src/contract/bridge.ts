/**
 * How the contract travels. Two transports carry the same calls and events:
 *
 * Electron: the preload exposes `window.cockpit` (ElectronBridgeApi): one
 * function per call, each bound to its own IPC channel `cockpit:call:<name>`
 * (ipcRenderer.invoke), and one subscribe function per event, fed from
 * `cockpit:event:<name>` (webContents.send). There is no generic send.
 *
 * Browser host: the page is served from http://127.0.0.1:PORT/ and opened as
 * http://127.0.0.1:PORT/#token=TOKEN; it connects to ws://127.0.0.1:PORT/ws
 * with the token as the `token` query parameter. The host refuses sockets
 * with a wrong token or a foreign Origin. Messages are the JSON objects below
 * as text frames. The host's first message names the socket's viewer
 * (`{type: 'viewer', viewer: KEY}`); the page then opens its terminal
 * stream, ws://127.0.0.1:PORT/ws/terminal?token=TOKEN&viewer=KEY (same
 * token, Host and Origin checks; an unknown or already bound viewer is
 * refused), and counts the link up once both are open. Either closing
 * closes the other. The stream carries, host to page only, the viewer's
 * terminal output as binary frames (src/core/terminal/output-frame.ts):
 *
 *   byte 0        frame type, 1 = terminal.data
 *   bytes 1-2     N, the session id's length in bytes, big-endian
 *   bytes 3..3+N  the session id, UTF-8
 *   the rest      the output, UTF-8 (a chunk never ends inside a character)
 *
 * and `terminal.exit` as a JSON event, behind the output that came before
 * it. Calls (input, acknowledgements) and every other event stay on the
 * main socket. The host ignores binary frames from the page.
 *
 * Either way the served index.html carries
 * `<meta name="cockpit-host" content="electron|browser">`, written by the
 * host that serves it: that is the explicit flag the renderer picks its
 * bridge from.
 */
import { z } from 'zod';
import type { CallName, CallRequest, CallResponse, EventName, EventPayload } from './index.js';
import type { Result } from './result.js';

export const HOST_META_NAME = 'cockpit-host';
/** Placeholder in the built index.html that the serving host replaces. */
export const HOST_META_PLACEHOLDER = '__COCKPIT_HOST__';

export const ipcCallChannel = (name: CallName) => `cockpit:call:${name}` as const;
export const ipcEventChannel = (name: EventName) => `cockpit:event:${name}` as const;

export type ElectronBridgeApi = {
  calls: { [C in CallName]: (request: CallRequest<C>) => Promise<Result<CallResponse<C>>> };
  events: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

export const WS_PATH = '/ws';
/** The terminal stream of a viewer (see above). */
export const TERMINAL_WS_PATH = '/ws/terminal';

/** Renderer → browser host. */
export const WsCallMessage = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  request: z.unknown(),
});
export type WsCallMessage = z.infer<typeof WsCallMessage>;

/** Browser host → renderer. */
export type WsServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown }
  /** First on the main socket: the key that binds this viewer's terminal stream. */
  | { type: 'viewer'; viewer: string };
