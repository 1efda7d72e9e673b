/**
 * The terminals the host keeps open, by session id. Each session's output
 * goes out as `terminal.data` events (one listener per session, whatever the
 * number of windows: the flow-control window counts what went out once), its
 * end as `terminal.exit`. A session that ended stays listed, with its exit,
 * until the engineer closes its tab, so the "session ended" mark is seen.
 */
import type { TerminalDataEvent, TerminalExitEvent, TerminalInfo } from '../../contract/terminal.js';
import type { TerminalSession } from '../../services/terminal/session.js';
import { CallFailure } from '../dispatch.js';

export type TerminalMeta = Omit<TerminalInfo, 'sessionId' | 'exit'>;

export interface TerminalRegistryOptions {
  emitData(event: TerminalDataEvent): void;
  emitExit(event: TerminalExitEvent): void;
  /** Told when a session leaves the registry (questions about it are withdrawn). */
  onRemoved?(sessionId: string): void;
}

interface Entry {
  session: TerminalSession;
  meta: TerminalMeta;
  unsubscribeData: () => void;
}

export class TerminalRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: TerminalRegistryOptions) {}

  add(session: TerminalSession, meta: TerminalMeta): TerminalInfo {
    if (this.entries.has(session.id)) throw new Error(`terminal ${session.id} is registered already`);
    const entry: Entry = { session, meta, unsubscribeData: this.follow(session) };
    this.entries.set(session.id, entry);
    session.onExit((exit) => this.options.emitExit({ sessionId: session.id, code: exit.code, signal: exit.signal }));
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

  ack(sessionId: string, chars: number): void {
    this.entry(sessionId).session.ack(chars);
  }

  /**
   * A view (re)attaches: its scrollback to replay, and the flow-control
   * window starts from zero (what the previous view never acknowledged is
   * forgotten rather than holding the producer paused forever). Output
   * batched in the last few milliseconds may appear twice.
   */
  attach(sessionId: string): { info: TerminalInfo; scrollback: string } {
    const entry = this.entry(sessionId);
    entry.unsubscribeData();
    entry.unsubscribeData = this.follow(entry.session);
    return { info: this.infoOf(entry), scrollback: entry.session.scrollback() };
  }

  /** Ends the session (if still running) and forgets it. */
  close(sessionId: string): void {
    const entry = this.entry(sessionId);
    this.entries.delete(sessionId);
    entry.session.kill();
    entry.unsubscribeData();
    this.options.onRemoved?.(sessionId);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.close(id);
  }

  get size(): number {
    return this.entries.size;
  }

  private follow(session: TerminalSession): () => void {
    return session.onData((data) => this.options.emitData({ sessionId: session.id, data }));
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
    };
  }
}
