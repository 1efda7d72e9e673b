/**
 * A real OpenSSH server on loopback for integration tests: /usr/sbin/sshd in
 * the foreground (-D -e) with a generated config, throwaway host keys, an
 * authorized_keys file in a temp dir, and only key logins. Tests run as root
 * here (and in CI), so the test user is root with `PermitRootLogin
 * prohibit-password`: keys only, never a password.
 *
 * Also: throwaway user keys (plain and passphrase-protected), an ssh-agent
 * holding the plain one, and the cockpit's SSH stack wired with scripted
 * answers to its prompts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../../src/services/clock.js';
import type { SshAuditEntry } from '../../src/services/ssh/audit.js';
import { SshConnector, type ConnectorTimings } from '../../src/services/ssh/connector.js';
import { HostKeyVerifier } from '../../src/services/ssh/host-key-verifier.js';
import { PinStore } from '../../src/services/ssh/pin-store.js';
import { HostProfile, type HostProfileInput } from '../../src/services/ssh/profile.js';
import type { TerminalSession } from '../../src/services/terminal/session.js';

const run = promisify(execFile);

export const SSHD = '/usr/sbin/sshd';
export const TEST_USER = 'root';

/** A fresh temp directory; remove it with `removeDir` in afterAll. */
export const makeDir = (prefix: string) => mkdtempSync(join(tmpdir(), `${prefix}-`));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export interface TestKeys {
  /** Unencrypted ed25519 private key. */
  plain: string;
  /** ed25519 private key encrypted with `passphrase`. */
  encrypted: string;
  passphrase: string;
  /** authorized_keys lines for both. */
  authorizedKeys: string[];
}

export async function makeUserKeys(dir: string): Promise<TestKeys> {
  const plain = join(dir, 'id_plain');
  const encrypted = join(dir, 'id_encrypted');
  const passphrase = 'correct horse battery staple';
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'cockpit-test-plain', '-f', plain]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'cockpit-test-encrypted', '-f', encrypted]);
  return {
    plain,
    encrypted,
    passphrase,
    authorizedKeys: [readFileSync(`${plain}.pub`, 'utf8').trim(), readFileSync(`${encrypted}.pub`, 'utf8').trim()],
  };
}

/** A new ed25519 host key; returns the private key path and the public blob in base64. */
export async function makeHostKey(dir: string, name: string): Promise<{ path: string; publicBase64: string }> {
  const path = join(dir, name);
  rmSync(path, { force: true });
  rmSync(`${path}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return { path, publicBase64: readFileSync(`${path}.pub`, 'utf8').split(/\s+/)[1]! };
}

/** A port the OS says is free right now (bound on port 0, then released). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface TestSshd {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Public host key blob, base64, as in known_hosts. */
  hostKeyBase64: string;
  /** Everything sshd logged, for failure messages. */
  output(): string;
  /** Stops and starts again on the same port, optionally with a brand-new host key. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** SIGKILL, like a crash or a network cut: live connections drop without a goodbye. */
  kill(): Promise<void>;
}

export interface SshdOptions {
  dir: string;
  authorizedKeys: string[];
  /** Extra sshd_config lines; they win over the harness defaults. */
  extraConfig?: string[];
}

const READY = /Server listening on 127\.0\.0\.1 port (\d+)/;
const MAX_PORT_TRIES = 5;

export async function startSshd(options: SshdOptions): Promise<TestSshd> {
  // Privilege separation directory; sshd refuses to start without it.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const authorizedKeysFile = join(options.dir, 'authorized_keys');
  writeFileSync(authorizedKeysFile, options.authorizedKeys.join('\n') + '\n', { mode: 0o600 });
  let hostKey = await makeHostKey(options.dir, 'ssh_host_ed25519_key');
  let port = 0;
  let proc: ChildProcess | null = null;
  let log = '';

  const writeConfig = () => {
    const config = [
      // First: sshd keeps the first value it reads for a keyword, so these override the defaults below.
      ...(options.extraConfig ?? []),
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey.path}`,
      `PidFile ${join(options.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeysFile}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'AllowTcpForwarding yes',
      'AllowAgentForwarding yes',
      'PermitTTY yes',
      'PrintMotd no',
      'PrintLastLog no',
      // Tests connect many times in quick succession from one address.
      'MaxStartups 100',
      'LogLevel VERBOSE',
    ];
    const path = join(options.dir, 'sshd_config');
    writeFileSync(path, config.join('\n') + '\n');
    return path;
  };

  const launch = async (): Promise<boolean> => {
    const child = spawn(SSHD, ['-D', '-e', '-f', writeConfig()], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc = child;
    let out = '';
    return new Promise<boolean>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`sshd did not start within 10 s:\n${out}`)), 10_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        log += chunk.toString();
        if (READY.test(out)) {
          clearTimeout(timer);
          done(true);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (/Address already in use|Cannot bind any address/.test(out)) done(false);
        else fail(new Error(`sshd exited with ${code}:\n${out}`));
      });
    });
  };

  // Stopping sshd leaves its per-connection children (and their sessions)
  // running; a host that restarts or crashes drops them, so they go too.
  const stopProc = async (signal: NodeJS.Signals) => {
    const child = proc;
    proc = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((done) => child.once('exit', () => done()));
    const sessions = child.pid ? descendantsOf(child.pid) : [];
    child.kill(signal);
    for (const pid of sessions) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await gone;
    clearTimeout(timer);
  };

  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    if (await launch()) break;
    if (attempt >= MAX_PORT_TRIES) throw new Error(`sshd found no free port in ${MAX_PORT_TRIES} tries:\n${log}`);
  }

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get hostKeyBase64() {
      return hostKey.publicBase64;
    },
    output: () => log,
    async restart({ newHostKey = false } = {}) {
      await stopProc('SIGTERM');
      if (newHostKey) hostKey = await makeHostKey(options.dir, 'ssh_host_ed25519_key');
      // Same port: sshd sets SO_REUSEADDR, and a client reconnecting must find it there.
      if (!(await launch())) throw new Error(`sshd could not bind port ${port} again:\n${log}`);
    },
    stop: () => stopProc('SIGTERM'),
    kill: () => stopProc('SIGKILL'),
  };
}

/** Process ids below `root` (children, grandchildren...), read from /proc. */
export function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

export interface TestAgent {
  socket: string;
  stop(): Promise<void>;
}

/** An ssh-agent on a socket in `dir`, holding `keys`. */
export async function startAgent(dir: string, keys: string[]): Promise<TestAgent> {
  const socket = join(dir, 'agent.sock');
  // -D: foreground, so the child is the agent and stopping it is one kill.
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'pipe', 'pipe'] });
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  const started = Date.now();
  for (;;) {
    try {
      await run('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: socket } });
      break;
    } catch (error) {
      // Exit status 1: the agent answers and holds no keys yet.
      if ((error as { code?: number }).code === 1) break;
      if (Date.now() - started > 5_000) throw new Error(`ssh-agent did not start: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  for (const key of keys) await run('ssh-add', ['-q', key], { env: { SSH_AUTH_SOCK: socket } });
  return {
    socket,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await gone;
    },
  };
}

export interface CockpitSshOptions {
  /** Where the pin file and the (empty unless written) known_hosts live. */
  dir: string;
  name: string;
  /** Answer to every unknown-key prompt. */
  trust?: boolean;
  /** Answers to passphrase prompts in order; then `fallbackPassphrase`. */
  passphrases?: (string | null)[];
  fallbackPassphrase?: string | null;
  timings?: Partial<ConnectorTimings>;
}

/**
 * The cockpit's SSH stack as the host composes it, with scripted answers
 * to its prompts and an in-memory audit log, for integration tests.
 */
export function cockpitSsh(options: CockpitSshOptions) {
  const asked: string[] = [];
  const audit: SshAuditEntry[] = [];
  const passphrases = [...(options.passphrases ?? [])];
  const verifier = new HostKeyVerifier({
    pins: new PinStore(join(options.dir, `${options.name}-pins.json`)),
    knownHostsFiles: [join(options.dir, `${options.name}-known_hosts`)],
    askTrust: async (host, port, fingerprint) => {
      asked.push(`${host}:${port} ${fingerprint}`);
      return options.trust ?? true;
    },
    audit: { append: async (e) => void audit.push(e) },
    clock: systemClock,
  });
  const profiles = new Map<string, HostProfile>();
  const connector = new SshConnector({
    verifier,
    prompts: {
      passphrase: async (_p, keyPath, retry) => {
        asked.push(`passphrase ${keyPath}${retry ? ' (again)' : ''}`);
        return passphrases.length ? passphrases.shift()! : (options.fallbackPassphrase ?? null);
      },
      password: async () => null,
    },
    profileById: (id) => profiles.get(id),
    timings: { connectTimeoutMs: 10_000, ...options.timings },
  });
  /** Registers a profile (so jumps can find it) and returns it. */
  const profile = (input: HostProfileInput) => {
    const p = HostProfile.parse(input);
    profiles.set(p.id, p);
    return p;
  };
  return { connector, verifier, asked, audit, profile, auditSink: { append: async (e: SshAuditEntry) => void audit.push(e) } };
}

/**
 * Collects a session's output, acknowledging it as xterm.js would (after
 * `renderDelayMs`), in the flow control's unit: UTF-8 bytes.
 */
export function collectOutput(session: TerminalSession, renderDelayMs = 0) {
  let text = '';
  let received = 0;
  let acked = 0;
  let maxInFlight = 0;
  const viewer = session.attachViewer((chunk) => {
    text += chunk;
    const bytes = Buffer.byteLength(chunk, 'utf8');
    received += bytes;
    maxInFlight = Math.max(maxInFlight, received - acked);
    const ack = () => {
      acked += bytes;
      viewer.ack(bytes);
    };
    if (renderDelayMs > 0) setTimeout(ack, renderDelayMs);
    else ack();
  });
  return {
    text: () => text,
    maxInFlight: () => maxInFlight,
    async waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<void> {
      const started = Date.now();
      while (!(typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text))) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}; got …${JSON.stringify(text.slice(-400))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
