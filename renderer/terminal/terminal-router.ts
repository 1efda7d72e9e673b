/**
 * Routes terminal output from the host straight to the xterm.js view of
 * each session: terminal bytes never pass through the store or React state.
 * Output for a session whose view is not mounted yet (it can arrive before
 * `terminal.open` answers) waits here; the host's flow control bounds it,
 * because nothing is acknowledged until a view has rendered it. While a
 * view re-attaches, its output waits here too (`hold`): on the browser host
 * it comes on the terminal stream, which the answer to `terminal.attach`
 * on the main socket does not keep pace with, and it belongs after the
 * scrollback that answer replays.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { TerminalExit } from '../../src/contract/terminal.js';
import type { TerminalOutput } from './output-queue.js';

export interface TerminalSink {
  /** Text (Electron host, replay) or UTF-8 bytes (browser host's binary frames). */
  data(output: TerminalOutput): void;
  exit(exit: TerminalExit): void;
}

interface Pending {
  chunks: TerminalOutput[];
  exit: TerminalExit | null;
}

export class TerminalRouter {
  private readonly sinks = new Map<string, TerminalSink>();
  /** Sessions whose output waits, whether or not a view is attached: how many holds each has. */
  private readonly held = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private readonly exitListeners = new Set<(sessionId: string, exit: TerminalExit) => void>();
  private readonly linkListeners = new Set<(sessionId: string, reconnecting: boolean) => void>();
  private readonly unsubscribe: (() => void)[];

  constructor(host: Pick<CockpitHost, 'on'>) {
    this.unsubscribe = [
      host.on('terminal.data', ({ sessionId, data }) => {
        const sink = this.held.has(sessionId) ? undefined : this.sinks.get(sessionId);
        if (sink) sink.data(data);
        else this.pendingOf(sessionId).chunks.push(data);
      }),
      host.on('terminal.exit', ({ sessionId, code, signal }) => {
        const exit = { code, signal };
        const sink = this.held.has(sessionId) ? undefined : this.sinks.get(sessionId);
        if (sink) sink.exit(exit);
        else this.pendingOf(sessionId).exit = exit;
        for (const listener of this.exitListeners) listener(sessionId, exit);
      }),
      host.on('terminal.link', ({ sessionId, reconnecting }) => {
        for (const listener of this.linkListeners) listener(sessionId, reconnecting);
      }),
    ];
  }

  /** Connects a view; what arrived before is handed over first. Returns detach. */
  attach(sessionId: string, sink: TerminalSink): () => void {
    this.sinks.set(sessionId, sink);
    if (!this.held.has(sessionId)) this.handOver(sessionId, sink);
    return () => {
      if (this.sinks.get(sessionId) === sink) this.sinks.delete(sessionId);
    };
  }

  /** Drops what waits for a session (its scrollback replaces it, or it was closed). */
  discard(sessionId: string): void {
    this.pending.delete(sessionId);
  }

  /**
   * From now on the session's output waits here, even with a view attached:
   * the view is about to re-attach, and what comes meanwhile follows the
   * scrollback it will replay. `release` hands it over in order; holds
   * nest (an attach started while an earlier one is still answered).
   */
  hold(sessionId: string): void {
    this.held.set(sessionId, (this.held.get(sessionId) ?? 0) + 1);
  }

  /** Ends a `hold`: once none is left, what waited goes to the view, if one is attached, and output flows again. */
  release(sessionId: string): void {
    const holds = this.held.get(sessionId);
    if (holds === undefined) return;
    if (holds > 1) return void this.held.set(sessionId, holds - 1);
    this.held.delete(sessionId);
    const sink = this.sinks.get(sessionId);
    if (sink) this.handOver(sessionId, sink);
  }

  /** Told of every session end, for the tab's "ended" state. Returns unsubscribe. */
  onExit(listener: (sessionId: string, exit: TerminalExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Told when an SSH session's link drops (it reconnects) and comes back, for the tab's state. Returns unsubscribe. */
  onLink(listener: (sessionId: string, reconnecting: boolean) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  dispose(): void {
    for (const off of this.unsubscribe) off();
    this.sinks.clear();
    this.pending.clear();
    this.held.clear();
  }

  private handOver(sessionId: string, sink: TerminalSink): void {
    const waiting = this.pending.get(sessionId);
    this.pending.delete(sessionId);
    if (!waiting) return;
    for (const chunk of waiting.chunks) sink.data(chunk);
    if (waiting.exit) sink.exit(waiting.exit);
  }

  private pendingOf(sessionId: string): Pending {
    let entry = this.pending.get(sessionId);
    if (!entry) this.pending.set(sessionId, (entry = { chunks: [], exit: null }));
    return entry;
  }
}
