/**
 * One authenticated renderer socket: answers its calls through the backend
 * and carries events to it without letting a slow reader grow the host's
 * memory. Results are always sent (the renderer waits for them); live
 * updates are held back while the socket's send buffer is above the high
 * water mark, and only the newest is kept: its sequence number then skips
 * the dropped ones, so the renderer knows to ask for a fresh snapshot.
 */
import { WsCallMessage, type WsServerMessage } from '../../contract/bridge.js';
import { fail, type EventName, type LiveDelta, type Result } from '../../contract/index.js';
import { firstIssue } from '../dispatch.js';

/** Bytes queued for one socket above which live updates are held back (1 MiB, ~50 full snapshots). */
export const SOCKET_HIGH_WATER_BYTES = 1024 * 1024;
/** Calls one socket may have unanswered at once; the renderer issues a handful. */
export const MAX_CALLS_IN_FLIGHT = 64;
/** `id` of a result that answers no call: the message could not be read at all. */
export const UNREADABLE_MESSAGE_ID = -1;

/** The part of a `ws` WebSocket this needs, so tests can stand in a slow one. */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, callback?: (error?: Error) => void): void;
}

const OPEN = 1;

export interface LiveSocket {
  /** A raw text frame from the renderer. */
  receive(text: string): void;
  /** An event from the backend; `serialized` is the shared JSON of the message. */
  deliver(name: EventName, payload: unknown, serialized: string): void;
  /** Live updates dropped so far on a slow socket (for measuring). */
  readonly coalesced: number;
}

export function createLiveSocket(
  socket: SocketLike,
  handle: (name: unknown, request: unknown) => Promise<Result<unknown>>,
): LiveSocket {
  let held: LiveDelta | null = null;
  let coalesced = 0;
  let inFlight = 0;

  const isOpen = () => socket.readyState === OPEN;
  const send = (text: string) => {
    if (isOpen()) socket.send(text, flushHeld);
  };
  const answer = (id: number, result: Result<unknown>) => {
    const message: WsServerMessage = { type: 'result', id, result };
    send(JSON.stringify(message));
  };
  function flushHeld() {
    if (held === null || !isOpen() || socket.bufferedAmount > SOCKET_HIGH_WATER_BYTES) return;
    const message: WsServerMessage = { type: 'event', name: 'live.update', payload: held };
    held = null;
    send(JSON.stringify(message));
  }

  return {
    get coalesced() {
      return coalesced;
    },
    receive(text) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        answer(UNREADABLE_MESSAGE_ID, fail('invalid_request', 'message is not JSON'));
        return;
      }
      const parsed = WsCallMessage.safeParse(raw);
      if (!parsed.success) {
        const id = (raw as { id?: unknown } | null)?.id;
        const knownId = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : UNREADABLE_MESSAGE_ID;
        answer(knownId, fail('invalid_request', `not a call message: ${firstIssue(parsed.error)}`));
        return;
      }
      const { id, name, request } = parsed.data;
      if (inFlight >= MAX_CALLS_IN_FLIGHT) {
        answer(id, fail('unavailable', `more than ${MAX_CALLS_IN_FLIGHT} calls waiting; try again`));
        return;
      }
      inFlight++;
      void handle(name, request)
        .catch(() => fail('internal', 'call failed'))
        .then((result) => {
          inFlight--;
          answer(id, result);
        });
    },
    deliver(name, payload, serialized) {
      if (!isOpen()) return;
      if (name !== 'live.update') {
        send(serialized);
        return;
      }
      const update = payload as LiveDelta;
      if (held !== null) {
        held = update;
        coalesced++;
        flushHeld();
        return;
      }
      if (socket.bufferedAmount > SOCKET_HIGH_WATER_BYTES) {
        held = update;
        coalesced++;
        return;
      }
      send(serialized);
    },
  };
}
