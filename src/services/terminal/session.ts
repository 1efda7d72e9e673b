/**
 * The one session interface shared by local PTYs and SSH shells, so the host
 * and the UI treat every terminal tab alike (Tabby's approach). A producer is
 * the thing underneath (a node-pty process, an SSH channel) that the
 * flow-controlled session in `flow-session.ts` wraps.
 */
import type { SessionExit } from '../../core/terminal/notices.js';

export type { SessionExit } from '../../core/terminal/notices.js';

export interface TerminalSession {
  readonly id: string;
  /** What the tab shows: "local shell", "root@hft-prod-01". */
  readonly title: string;
  /** Keyboard input, as xterm.js hands it over. */
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /**
   * A viewer attaches: output, decoded, with multi-byte characters whole,
   * goes to `listener`, and the viewer gets its own acknowledgement ledger.
   * Every byte delivered counts against that viewer's flow-control window
   * until it acknowledges it; the producer pauses while any viewer's window
   * is full, so the slowest viewer sets the pace and none overflows.
   */
  attachViewer(listener: (chunk: string) => void): TerminalViewer;
  /** Called once, after the "session ended" line went out. Returns unsubscribe. */
  onExit(listener: (exit: SessionExit) => void): () => void;
  /**
   * Sessions over a link that can drop and come back (SSH): told `true`
   * when the link is lost and the session is reconnecting, `false` once it
   * is back. Absent on local shells. Returns unsubscribe.
   */
  onReconnecting?(listener: (reconnecting: boolean) => void): () => void;
  /** Ends the session (the shell gets SIGHUP / the channel closes). */
  kill(): void;
  /** Recent output (capped), for replay when a view re-attaches. */
  scrollback(): string;
  /** Null while running. */
  readonly exit: SessionExit | null;
}

/** One attached viewer's side of a session. */
export interface TerminalViewer {
  /** This viewer rendered this many UTF-8 bytes of live output (see CHAR_COUNT_ACK_SIZE). */
  ack(bytes: number): void;
  /** The viewer left: what it never acknowledged no longer holds the producer. */
  detach(): void;
}

/** What a session is built on; adapters implement this, nothing else sees them. */
export interface TerminalProducer {
  /** Bytes (to be split on UTF-8 boundaries) or text already decoded whole. */
  onData(listener: (data: Uint8Array | string) => void): void;
  onExit(listener: (exit: SessionExit) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Stop reading: the kernel / SSH window then stops the program that writes. */
  pause(): void;
  resume(): void;
  kill(): void;
}
