/**
 * The terminal stream: each viewer's terminal output on a WebSocket of its
 * own, beside the page's main socket. A flood then queues on this socket
 * only, so the live view, incidents and call results on the main socket
 * never wait behind megabytes of output in flight.
 *
 * A viewer is one main socket. It is told its stream key in its first
 * message (`{type: 'viewer'}`, src/contract/bridge.ts); the page opens the
 * stream with that key, and the stream lives and dies with its main
 * socket: closing either closes both, and the viewer is released.
 *
 * Order: a session's `terminal.exit` travels on the same stream as its
 * output and after it, so the end of a session never overtakes the output
 * before it. Until the page's stream is open, what is meant for it waits
 * here, bounded by the terminal flow-control window (nothing is
 * acknowledged before the page has rendered it).
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { TerminalDataEvent, TerminalExitEvent } from '../../contract/terminal.js';
import { encodeTerminalDataFrame } from '../../core/terminal/output-frame.js';

/** Random bytes in a viewer's stream key: one page cannot guess another's. */
const KEY_BYTES = 18;

interface Viewer {
  viewerId: string;
  main: WebSocket;
  stream: WebSocket | null;
  /** Frames for the stream before it opened, in order. */
  waiting: (Uint8Array | string)[];
}

export type StreamRefusal = 'unknown_viewer' | 'bound_already';

export class TerminalStreams {
  private readonly byKey = new Map<string, Viewer>();
  private readonly byViewerId = new Map<string, Viewer>();

  /** A main socket opened: its viewer gets a stream key, returned to be told to the page. */
  addViewer(viewerId: string, main: WebSocket): string {
    const key = randomBytes(KEY_BYTES).toString('base64url');
    const viewer: Viewer = { viewerId, main, stream: null, waiting: [] };
    this.byKey.set(key, viewer);
    this.byViewerId.set(viewerId, viewer);
    main.once('close', () => {
      this.byKey.delete(key);
      this.byViewerId.delete(viewerId);
      viewer.waiting = [];
      viewer.stream?.close(1001, 'main socket closed');
    });
    return key;
  }

  /** Why a stream with this key may not open, or null when it may. */
  refusal(key: string | null): StreamRefusal | null {
    const viewer = key === null ? undefined : this.byKey.get(key);
    if (!viewer) return 'unknown_viewer';
    return viewer.stream ? 'bound_already' : null;
  }

  /** Binds an accepted stream to its viewer (checked with `refusal` first); what waited goes out first. */
  bind(key: string, stream: WebSocket): void {
    const viewer = this.byKey.get(key);
    if (!viewer || viewer.stream) {
      stream.close(1008, 'unknown viewer');
      return;
    }
    viewer.stream = stream;
    for (const frame of viewer.waiting.splice(0)) stream.send(frame);
    // The page gets its output here only: without it, the viewer is gone.
    stream.once('close', () => viewer.main.close(1001, 'terminal stream closed'));
  }

  /** Output for one viewer. */
  data(event: TerminalDataEvent & { data: string }, viewerId: string): void {
    const viewer = this.byViewerId.get(viewerId);
    // Sized exactly: a frame sized for the worst case is three times the output.
    if (viewer) this.send(viewer, encodeTerminalDataFrame(event.sessionId, event.data, Buffer.byteLength(event.data, 'utf8')));
  }

  /** A session ended: told to every viewer, behind whatever output its stream carries. */
  exit(event: TerminalExitEvent): void {
    if (this.byViewerId.size === 0) return;
    const text = JSON.stringify({ type: 'event', name: 'terminal.exit', payload: event });
    for (const viewer of this.byViewerId.values()) this.send(viewer, text);
  }

  private send(viewer: Viewer, frame: Uint8Array | string): void {
    const { stream } = viewer;
    if (stream === null) viewer.waiting.push(frame);
    else if (stream.readyState === stream.OPEN) stream.send(frame);
  }
}
