/**
 * The terminals the host keeps open, by session id, and who views each:
 * a viewer is one renderer (a browser tab's socket, the Electron window),
 * named by the transport. Each viewer attached to a session gets that
 * session's output as `terminal.data` events addressed to it alone, and
 * keeps its own acknowledgement ledger, so the producer waits for the
 * slowest viewer and a fast one cannot release output a slow one has not
 * rendered. A session's end goes to everyone as `terminal.exit`. A session
 * that ended stays listed, with its exit, until the engineer closes its tab,
 * so the "session ended" mark is seen.
 */
import type { TerminalDataEvent, TerminalExitEvent, TerminalInfo, TerminalLinkEvent } from '../../contract/terminal.js';
import type { TerminalSession, TerminalViewer } from '../../services/terminal/session.js';
import { CallFailure } from '../dispatch.js';

export type TerminalMeta = Omit<TerminalInfo, 'sessionId' | 'exit'>;

export interface TerminalRegistryOptions {
  /** Output for one viewer only. */
  emitData(event: TerminalDataEvent, viewerId: string): void;
  emitExit(event: TerminalExitEvent): void;
  /** An SSH session's link dropped (it reconnects) or came back. */
  emitLink?(event: TerminalLinkEvent): void;
  /** Told when a session leaves the registry (questions about it are withdrawn). */
  onRemoved?(sessionId: string): void;
}

interface Entry {
  session: TerminalSession;
  meta: TerminalMeta;
  /** By viewer id. */
  viewers: Map<string, TerminalViewer>;
  reconnecting: boolean;
}

export class TerminalRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TerminalRegistryOptions) {}

  /** Registers a session, viewed at once by `viewerId` (the renderer that opened it). */
  add(session: TerminalSession, meta: TerminalMeta, viewerId: string): TerminalInfo {
    if (this.entries.has(session.id)) throw new Error(`terminal ${session.id} is registered already`);
    const entry: Entry = { session, meta, viewers: new Map(), reconnecting: false };
    this.entries.set(session.id, entry);
    this.view(entry, viewerId);
    session.onExit((exit) => this.options.emitExit({ sessionId: session.id, code: exit.code, signal: exit.signal }));
    session.onReconnecting?.((reconnecting) => {
      entry.reconnecting = reconnecting;
      this.options.emitLink?.({ sessionId: session.id, reconnecting });
    });
    return this.infoOf(entry);
  }

  list(): TerminalInfo[] {
    return [...this.entries.values()].map((entry) => this.infoOf(entry));
  }

  input(sessionId: string, data: string): void {
    const { session } = this.entry(sessionId);
    if (session.exit) throw new CallFailure('conflict', `terminal ${sessionId} has ended`);
    session.write(data);
  }

  resize(sessionId: string, cols: number, rows: number): void {
    this.entry(sessionId).session.resize(cols, rows);
  }

  /** `viewerId` rendered `bytes` of live output; an ack from a viewer not attached counts for nothing. */
  ack(sessionId: string, viewerId: string, bytes: number): void {
    this.entry(sessionId).viewers.get(viewerId)?.ack(bytes);
  }

  /**
   * A viewer (re)attaches: its scrollback to replay, and a fresh ledger for
   * it alone (what its previous page never acknowledged is forgotten rather
   * than holding the producer paused forever; other viewers keep theirs).
   * The replay is not live output: it is never counted, so it must not be
   * acknowledged. Output batched in the last few milliseconds may appear twice.
   */
  attach(sessionId: string, viewerId: string): { info: TerminalInfo; scrollback: string } {
    const entry = this.entry(sessionId);
    this.view(entry, viewerId);
    return { info: this.infoOf(entry), scrollback: entry.session.scrollback() };
  }

  /** A viewer went away (its socket closed): it no longer holds any producer. */
  releaseViewer(viewerId: string): void {
    for (const entry of this.entries.values()) {
      entry.viewers.get(viewerId)?.detach();
      entry.viewers.delete(viewerId);
    }
  }

  /** Viewer ids attached to a session (tests, diagnostics). */
  viewersOf(sessionId: string): string[] {
    return [...this.entry(sessionId).viewers.keys()];
  }

  /** Ends the session (if still running) and forgets it. */
  close(sessionId: string): void {
    const entry = this.entry(sessionId);
    this.entries.delete(sessionId);
    entry.session.kill();
    for (const viewer of entry.viewers.values()) viewer.detach();
    entry.viewers.clear();
    this.options.onRemoved?.(sessionId);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.close(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private view(entry: Entry, viewerId: string): void {
    entry.viewers.get(viewerId)?.detach();
    const { id } = entry.session;
    entry.viewers.set(viewerId, entry.session.attachViewer((data) => this.options.emitData({ sessionId: id, data }, viewerId)));
  }

  private entry(sessionId: string): Entry {
    const entry = this.entries.get(sessionId);
    if (!entry) throw new CallFailure('not_found', `no terminal ${sessionId}`);
    return entry;
  }

  private infoOf(entry: Entry): TerminalInfo {
    const exit = entry.session.exit;
    return {
      sessionId: entry.session.id,
      ...entry.meta,
      recording: entry.meta.recording && !exit,
      exit: exit ? { code: exit.code, signal: exit.signal } : null,
      reconnecting: entry.reconnecting && !exit,
    };
  }
}
