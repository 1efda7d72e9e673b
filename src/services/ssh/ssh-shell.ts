/**
 * An interactive shell on a host: a PTY channel on the profile's shared
 * connection, presented as a TerminalSession like any local shell. When the
 * link drops without the shell having exited (laptop sleep, VPN change,
 * server restart) it reconnects with backoff and says so in the terminal;
 * the scrollback stays, the shell on the far side is a new one. Host key
 * refusals and cancelled prompts end the retries: retrying would only ask again.
 *
 * Production hosts are recorded to a transcript file unless the setting is
 * off; the terminal says so on its first line, and opening and closing the
 * transcript go on the audit log with user@host.
 */
import type { ClientChannel } from 'ssh2';
import {
  connectionLostNotice,
  reconnectedNotice,
  reconnectFailedNotice,
  reconnectGaveUpNotice,
  recordingNotice,
  type SessionExit,
} from '../../core/terminal/notices.js';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from '../../core/terminal/reconnect-backoff.js';
import type { Clock } from '../clock.js';
import type { TimerHandle } from '../hft/timers.js';
import { createFlowSession } from '../terminal/flow-session.js';
import type { TerminalProducer, TerminalSession } from '../terminal/session.js';
import { openTranscript, type TranscriptRecorder } from '../terminal/transcript.js';
import { noAudit, type AuditSink } from './audit.js';
import type { SshConnector, SshLease } from './connector.js';
import { CredentialsNotGivenError, HostKeyRejectedError } from './errors.js';
import { userAtHost, type HostProfile } from './profile.js';

export interface SshShellOptions {
  cols: number;
  rows: number;
  clock: Clock;
  audit?: AuditSink;
  scrollbackChars?: number;
  backoff?: BackoffPolicy;
  /** Transcript recording of production hosts; `enabled: false` is the setting turned off. */
  recording?: { enabled: boolean; dataDir: string };
}

export interface SshTerminalSession extends TerminalSession {
  readonly profileId: string;
  /** Where this session is being recorded; null when it is not (the UI shows an indicator when set). */
  readonly recordingPath: string | null;
}

const TERM = 'xterm-256color';

class ReconnectingShell implements TerminalProducer {
  private channel: ClientChannel | null = null;
  private paused = false;
  private killed = false;
  private finished = false;
  private retryTimer: TimerHandle | null = null;
  private wakeRetry: (() => void) | null = null;
  private dataListener: ((data: Uint8Array | string) => void) | null = null;
  private early: Uint8Array[] = [];
  private exitListener: ((exit: SessionExit) => void) | null = null;
  private readonly linkListeners = new Set<(reconnecting: boolean) => void>();

  constructor(
    private readonly connector: SshConnector,
    private readonly profile: HostProfile,
    private cols: number,
    private rows: number,
    private readonly backoff: BackoffPolicy,
  ) {}

  /** Opens the connection and the shell; the first failure goes to the caller. */
  async start(): Promise<void> {
    const lease = await this.connector.acquire(this.profile);
    let channel: ClientChannel;
    try {
      channel = await new Promise<ClientChannel>((resolve, reject) =>
        lease.client.shell({ term: TERM, cols: this.cols, rows: this.rows }, (error, ch) => (error ? reject(error) : resolve(ch))),
      );
    } catch (error) {
      lease.release();
      throw error;
    }
    this.attach(channel, lease);
  }

  private attach(channel: ClientChannel, lease: SshLease): void {
    this.channel = channel;
    let exit: SessionExit | null = null;
    const onData = (data: Buffer) => this.emit(data);
    channel.on('data', onData);
    channel.stderr.on('data', onData);
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = signal ? { code: null, signal: `SIG${signal}` } : { code: code ?? null, signal: null };
    });
    channel.on('error', () => {});
    channel.once('close', () => {
      this.channel = null;
      lease.release();
      if (this.killed || exit) this.finish(exit ?? { code: null, signal: null });
      else {
        this.tellLink(true);
        void this.reconnect();
      }
    });
    if (this.paused) channel.pause();
  }

  private async reconnect(): Promise<void> {
    let lastError: string | null = null;
    for (let attempt = 1; !this.killed; attempt++) {
      const delay = reconnectDelayMs(attempt, this.backoff);
      if (delay === null) {
        this.emit(reconnectGaveUpNotice(`${attempt - 1} attempts failed${lastError ? `; last: ${lastError}` : ''}`));
        return this.finish({ code: null, signal: null });
      }
      this.emit(lastError ? reconnectFailedNotice(lastError, delay) : connectionLostNotice(delay));
      await new Promise<void>((resolve) => {
        this.wakeRetry = resolve;
        this.retryTimer = this.connector.timers.setTimeout(resolve, delay);
      });
      this.retryTimer = null;
      this.wakeRetry = null;
      if (this.killed) break;
      try {
        await this.start();
        if (this.killed) {
          this.channel?.close();
          return;
        }
        this.emit(reconnectedNotice());
        this.tellLink(false);
        return;
      } catch (error) {
        if (error instanceof HostKeyRejectedError || error instanceof CredentialsNotGivenError) {
          this.emit(reconnectGaveUpNotice(error.message));
          return this.finish({ code: null, signal: null });
        }
        lastError = (error as Error).message;
      }
    }
    this.finish({ code: null, signal: null });
  }

  private emit(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    if (this.dataListener) this.dataListener(bytes);
    else this.early.push(bytes);
  }

  /** Listeners told when the link is lost (true) and back (false). Returns unsubscribe. */
  onReconnecting(listener: (reconnecting: boolean) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  private tellLink(reconnecting: boolean): void {
    for (const listener of this.linkListeners) listener(reconnecting);
  }

  private finish(exit: SessionExit): void {
    if (this.finished) return;
    this.finished = true;
    this.exitListener?.(exit);
  }

  onData(listener: (data: Uint8Array | string) => void): void {
    this.dataListener = listener;
    for (const chunk of this.early.splice(0)) listener(chunk);
  }
  onExit(listener: (exit: SessionExit) => void): void {
    this.exitListener = listener;
  }
  write(data: string): void {
    // While reconnecting there is nowhere to type to; keystrokes are dropped
    // rather than replayed into a new shell later.
    this.channel?.write(data);
  }
  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.channel?.setWindow(rows, cols, 0, 0);
  }
  pause(): void {
    this.paused = true;
    this.channel?.pause();
  }
  resume(): void {
    this.paused = false;
    this.channel?.resume();
  }
  kill(): void {
    this.killed = true;
    if (this.retryTimer !== null) this.connector.timers.clearTimeout(this.retryTimer);
    this.wakeRetry?.();
    if (this.channel) this.channel.close();
    else this.finish({ code: null, signal: null });
  }
}

export async function openSshShell(connector: SshConnector, profile: HostProfile, options: SshShellOptions): Promise<SshTerminalSession> {
  const shell = new ReconnectingShell(connector, profile, options.cols, options.rows, options.backoff ?? DEFAULT_BACKOFF);
  await shell.start();
  const audit = options.audit ?? noAudit;
  const target = userAtHost(profile);
  let transcript: TranscriptRecorder | null = null;
  if (profile.role === 'prod' && options.recording?.enabled) {
    transcript = openTranscript(options.recording.dataDir, profile.name, options.clock.now());
    await audit.append({ action: 'ssh.transcript.opened', target, detail: { path: transcript.path, profile: profile.id } });
  }
  const session = createFlowSession(shell, {
    title: target,
    scrollbackChars: options.scrollbackChars,
    tap: transcript ? (chunk) => transcript.write(chunk) : undefined,
    banner: transcript ? recordingNotice(transcript.path) : undefined,
  });
  if (transcript) {
    const recorder = transcript;
    session.onExit(() => {
      void recorder
        .close()
        .then(() => audit.append({ action: 'ssh.transcript.closed', target, detail: { path: recorder.path, profile: profile.id } }));
    });
  }
  return {
    get id() {
      return session.id;
    },
    get title() {
      return session.title;
    },
    get exit() {
      return session.exit;
    },
    profileId: profile.id,
    recordingPath: transcript?.path ?? null,
    write: (data) => session.write(data),
    resize: (cols, rows) => session.resize(cols, rows),
    attachViewer: (listener) => session.attachViewer(listener),
    onExit: (listener) => session.onExit(listener),
    onReconnecting: (listener) => shell.onReconnecting(listener),
    kill: () => session.kill(),
    scrollback: () => session.scrollback(),
  };
}
