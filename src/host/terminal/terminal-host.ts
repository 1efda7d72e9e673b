/**
 * The terminal part of the backend: local shells (node-pty), SSH shells
 * (ssh2) with host-key trust and credentials asked through the prompt
 * broker, the prod guard in front of production shells, host profiles and
 * the ~/.ssh/config import. It answers the `terminal.*`, `ssh.*` and
 * `prompts.*` calls of the contract and emits their events.
 */
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../contract/index.js';
import { HostProfile, type PromptQuestion, type TerminalInfo, type TerminalOpenRequest } from '../../contract/terminal.js';
import type { Clock } from '../../services/clock.js';
import { systemTimers, type Timers } from '../../services/hft/timers.js';
import type { SettingsStore } from '../../services/settings.js';
import { HostKeyRejectedError, HostProfile as SshHostProfile, importSshConfig, openSshShell, PIN_FILE_NAME, PinStore, SshConnector, userAtHost, type AuditSink } from '../../services/ssh/index.js';
import type { RestartRule } from '../../core/terminal/restart-rule.js';
import { guardProdInput } from '../../services/terminal/prod-guard.js';
import { nodePtyFactory, openLocalShell, type LocalShellOptions, type PtyFactory } from '../../services/terminal/pty.js';
import { CallFailure, WINDOW_CALLER, type CallHandlers } from '../dispatch.js';
import { PromptAnswerError, PromptBroker } from './prompt-broker.js';
import { PROFILES_FILE_NAME, ProfileStore } from './profile-store.js';
import { RememberingVerifier } from './remembering-verifier.js';
import { TerminalRegistry } from './terminal-registry.js';

export type TerminalCallName = Extract<keyof CallHandlers, `terminal.${string}` | `ssh.${string}` | `prompts.${string}`>;
export type TerminalHandlers = Pick<CallHandlers, TerminalCallName>;

export interface TerminalHostOptions {
  dataDir: string;
  settings: SettingsStore;
  audit: AuditSink;
  /** Who replaced a pin, for the audit log. */
  operator(): string;
  clock: Clock;
  timers?: Timers;
  /** An event for every renderer, or for one viewer only when `viewerId` is given. */
  emit(name: EventName, payload: unknown, viewerId?: string): void;
  ptyFactory?: PtyFactory;
  /** Shell, args, env and cwd of local terminals (tests pin bash without rc files); the user's login shell by default. */
  localShell?: Pick<LocalShellOptions, 'shell' | 'args' | 'env' | 'cwd'>;
  /** The user's home: ~/.ssh/config and ~/.ssh/known_hosts are read from here. */
  home?: string;
  promptTimeoutMs?: number;
  /** Whether a restart of the trading service needs approval now (the incidents and the playbook); asked every time. */
  restartRule?: () => RestartRule;
}

export interface TerminalHost {
  handlers: TerminalHandlers;
  registry: TerminalRegistry;
  broker: PromptBroker;
  profiles: ProfileStore;
  connector: SshConnector;
  close(): void;
}

export function createTerminalHost(opts: TerminalHostOptions): TerminalHost {
  const home = opts.home ?? homedir();
  const timers = opts.timers ?? systemTimers;
  const broker = new PromptBroker({
    clock: opts.clock,
    timers,
    emitAsk: (ask) => opts.emit('prompts.ask', ask),
    emitSettled: (settled) => opts.emit('prompts.settled', settled),
    ...(opts.promptTimeoutMs ? { timeoutMs: opts.promptTimeoutMs } : {}),
  });
  const registry = new TerminalRegistry({
    emitData: (event, viewerId) => opts.emit('terminal.data', event, viewerId),
    emitExit: (event) => opts.emit('terminal.exit', event),
    emitLink: (event) => opts.emit('terminal.link', event),
    onRemoved: (sessionId) => broker.withdrawForSession(sessionId),
  });
  const profiles = new ProfileStore(join(opts.dataDir, PROFILES_FILE_NAME), () => opts.clock.now());
  const verifier = new RememberingVerifier({
    pins: new PinStore(join(opts.dataDir, PIN_FILE_NAME)),
    knownHostsFiles: [join(home, '.ssh', 'known_hosts')],
    askTrust: (host, port, fingerprint, keyType) => broker.confirm({ kind: 'host_key_unknown', host, port, fingerprint, keyType }),
    audit: opts.audit,
    clock: opts.clock,
  });
  const connector = new SshConnector({
    timers,
    verifier,
    prompts: {
      passphrase: (profile, keyPath, retry) => broker.secret({ kind: 'passphrase', profileId: profile.id, keyPath, retry }),
      password: (profile) => broker.secret({ kind: 'password', profileId: profile.id, target: userAtHost(profile) }),
    },
    profileById: (id) => {
      const found = profiles.cached(id);
      return found ? SshHostProfile.parse(found) : undefined;
    },
    // Read at each connection, so a changed setting applies to the next one.
    get agentSocket() {
      return opts.settings.get().sshAgentSocket;
    },
  });

  const profileOrFail = async (id: string): Promise<HostProfile> => {
    const profile = await profiles.get(id);
    if (!profile) throw new CallFailure('not_found', `no host profile ${id}`);
    return profile;
  };

  const openLocal = (request: TerminalOpenRequest, viewerId: string): TerminalInfo => {
    const session = openLocalShell(opts.ptyFactory ?? nodePtyFactory, {
      ...opts.localShell,
      ...(request.cols ? { cols: request.cols } : {}),
      ...(request.rows ? { rows: request.rows } : {}),
      title: 'Local',
    });
    return registry.add(session, { title: 'Local', target: null, profileId: null, role: null, recording: false, recordingPath: null }, viewerId);
  };

  const openSsh = async (profileId: string, cols: number, rows: number, viewerId: string): Promise<TerminalInfo> => {
    const profile = await profileOrFail(profileId);
    const sshProfile = SshHostProfile.parse(profile);
    let shell;
    try {
      shell = await openSshShell(connector, sshProfile, {
        cols,
        rows,
        clock: opts.clock,
        audit: opts.audit,
        recording: { enabled: opts.settings.get().recordProdTranscripts, dataDir: opts.dataDir },
      });
    } catch (error) {
      if (error instanceof HostKeyRejectedError) {
        if (error.verdict.kind === 'changed') {
          const question: PromptQuestion = {
            kind: 'host_key_changed',
            profileId,
            host: error.host,
            port: error.port,
            keyType: error.verdict.keyType,
            expected: error.verdict.expected,
            actual: error.verdict.actual,
          };
          // Shown, not awaited: the dialog's only way forward is ssh.replacePin, then opening again.
          void broker.ask(question);
        }
        throw new CallFailure('conflict', error.message);
      }
      throw new CallFailure('unavailable', (error as Error).message);
    }
    const session =
      profile.role === 'prod'
        ? guardProdInput(
            shell,
            async (q) => {
              const answer = await broker.ask({
                kind: 'risky_command', sessionId: q.sessionId, title: q.title, command: q.line, reasons: q.reasons, uncertain: q.uncertain, ...(q.restart ? { restart: q.restart } : {}),
              });
              return typeof answer === 'string' || answer === true ? answer : false;
            },
            opts.audit,
            opts.restartRule,
          )
        : shell;
    return registry.add(session, {
      title: profile.name,
      target: userAtHost(profile),
      profileId,
      role: profile.role,
      recording: shell.recordingPath !== null,
      recordingPath: shell.recordingPath,
    }, viewerId);
  };

  const handlers: TerminalHandlers = {
    'terminal.open': (request, { viewerId } = WINDOW_CALLER) =>
      request.kind === 'local' ? openLocal(request, viewerId) : openSsh(request.profileId, request.cols ?? 80, request.rows ?? 24, viewerId),
    'terminal.input': ({ sessionId, data }) => (registry.input(sessionId, data), null),
    'terminal.resize': ({ sessionId, cols, rows }) => (registry.resize(sessionId, cols, rows), null),
    'terminal.ack': ({ sessionId, chars }, { viewerId } = WINDOW_CALLER) => (registry.ack(sessionId, viewerId, chars), null),
    'terminal.close': ({ sessionId }) => (registry.close(sessionId), null),
    'terminal.list': () => registry.list(),
    'terminal.attach': ({ sessionId }, { viewerId } = WINDOW_CALLER) => registry.attach(sessionId, viewerId),
    'ssh.profiles.list': () => profiles.list(),
    'ssh.profiles.save': async (profile) => {
      if (profile.jumpVia === profile.id) throw new CallFailure('invalid_request', 'a profile cannot jump through itself');
      if (profile.jumpVia && !(await profiles.get(profile.jumpVia))) throw new CallFailure('invalid_request', `jump host ${profile.jumpVia} is not a known profile`);
      return profiles.save(profile);
    },
    'ssh.profiles.delete': async ({ profileId }) => {
      if (!(await profiles.delete(profileId))) throw new CallFailure('not_found', `no host profile ${profileId}`);
      return null;
    },
    'ssh.importConfig': async () => {
      let text: string;
      try {
        text = await readFile(join(home, '.ssh', 'config'), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { imported: [], notes: ['no ~/.ssh/config on this machine'] };
        throw error;
      }
      const found = importSshConfig(text, { home, localUser: safeUserName() });
      const existing = new Map((await profiles.list()).map((p) => [p.id, p]));
      // Re-importing keeps what only the engineer decides: which hosts are prod, and the API route.
      const imported = found.profiles.map((p) => {
        const before = existing.get(p.id);
        return HostProfile.parse({ ...p, role: before?.role ?? p.role, apiViaSsh: before?.apiViaSsh ?? false });
      });
      await profiles.saveAll(imported);
      return { imported, notes: found.notes };
    },
    'ssh.replacePin': async ({ profileId }) => {
      const profile = await profileOrFail(profileId);
      const offered = verifier.refusedKey(profile.host, profile.port);
      if (!offered) throw new CallFailure('not_found', `no changed key was refused for ${profile.host}:${profile.port}; connect first`);
      await verifier.replacePin(profile.host, profile.port, offered.keyBase64, opts.operator());
      verifier.forget(profile.host, profile.port);
      return { fingerprint: offered.fingerprint };
    },
    'prompts.answer': ({ promptId, answer }) => {
      try {
        broker.answer(promptId, answer);
      } catch (error) {
        if (error instanceof PromptAnswerError) throw new CallFailure(error.reason === 'unknown' ? 'not_found' : 'invalid_request', error.message);
        throw error;
      }
      return null;
    },
  };

  return {
    handlers,
    registry,
    broker,
    profiles,
    connector,
    close() {
      broker.close();
      registry.closeAll();
      connector.closeAll();
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

/** The SSH service's audit sink on the cockpit's audit log. */
export function sshAuditSink(log: { append(entry: { type: string; actor?: string; data?: unknown }): Promise<unknown> }, operator: () => string): AuditSink {
  return {
    append: ({ action, target, detail }) => log.append({ type: action, actor: operator(), data: { target, ...detail } }),
  };
}
