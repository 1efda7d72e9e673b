/**
 * SSH connections, one per profile, shared by every channel that needs it
 * (shells, exec, port forwards) and closed when the last user lets go
 * (reference counting, as Tabby does). Jump hosts are connections too: the
 * target's TCP stream is a forwardOut channel of the jump connection, and
 * each hop's host key goes through the same verifier.
 *
 * Always set: a host verifier (ssh2 accepts any key without one), ciphers
 * that Electron's BoringSSL provides, host key and MAC algorithms without
 * SHA-1, no compression, keepalives, agent forwarding only when the profile
 * asks.
 */
import type { Readable } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { systemTimers, type Timers } from '../hft/timers.js';
import { forwardOut } from './channels.js';
import { credentialsFor, type SshPrompts } from './credentials.js';
import { HostKeyRejectedError, SshTimeoutError } from './errors.js';
import type { HostKeyVerdict, HostKeyVerifier } from './host-key-verifier.js';
import { forwardLocal, type LocalForward } from './local-forward.js';
import type { HostProfile } from './profile.js';
import { execOnHost, type ExecResult } from './remote-exec.js';

/**
 * AES-GCM and AES-CTR only: Electron's Node runs on BoringSSL, whose crypto
 * module has no chacha20-poly1305 (https://github.com/electron/electron/issues/24024).
 * Pinning keeps the offer identical under plain Node (the tests, the browser
 * host) and Electron, so what the tests prove is what ships.
 */
export const PINNED_CIPHERS = ['aes256-gcm@openssh.com', 'aes128-gcm@openssh.com', 'aes256-ctr', 'aes192-ctr', 'aes128-ctr'] as const;

/**
 * MACs, for the CTR ciphers (GCM carries its own): SHA-2 in
 * encrypt-then-MAC mode only. ssh2 also offers hmac-sha1 and the
 * MAC-then-encrypt forms by default, which ssh-audit flags.
 */
export const PINNED_MACS = ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com'] as const;

/**
 * No compression: terminal output is already small next to the link, and
 * compressing before encrypting leaks the length of secrets typed at a
 * prompt (CRIME-style). ssh2 offers zlib by default.
 */
export const PINNED_COMPRESSION = ['none'] as const;

export interface ConnectorTimings {
  /** SSH keepalive period, ms: a dead link (sleep, VPN switch) is noticed within interval × countMax. */
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** TCP + handshake + auth, ms, not counting time the engineer spends on a host-key prompt. */
  connectTimeoutMs: number;
}

export const DEFAULT_TIMINGS: ConnectorTimings = {
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  connectTimeoutMs: 20_000,
};

/** Jump chains longer than this are a configuration loop, not a network. */
export const MAX_JUMP_DEPTH = 5;

export interface SshConnectorOptions {
  verifier: HostKeyVerifier;
  prompts: SshPrompts;
  /** Looks up a profile by id, for jump hosts. */
  profileById(id: string): HostProfile | undefined;
  /** Cockpit-wide agent socket setting; null falls back to $SSH_AUTH_SOCK. */
  agentSocket?: string | null;
  timings?: Partial<ConnectorTimings>;
  /** The connect deadline and every command's deadline on these connections; system timers unless a test drives time. */
  timers?: Timers;
}

export interface SshLease {
  readonly client: Client;
  /** Resolves when the connection is gone (dropped or ended). */
  readonly closed: Promise<void>;
  /** Lets go of this use; the connection ends when nobody holds it. Idempotent. */
  release(): void;
}

interface PoolEntry {
  ready: Promise<Client>;
  refs: number;
  alive: boolean;
  closed: Promise<void>;
  client: Client | null;
}

export class SshConnector {
  private readonly pool = new Map<string, PoolEntry>();
  private readonly timings: ConnectorTimings;
  readonly timers: Timers;

  constructor(private readonly options: SshConnectorOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.timers = options.timers ?? systemTimers;
  }

  /** A use of the profile's connection, opening it if needed. */
  async acquire(profile: HostProfile): Promise<SshLease> {
    return this.acquireAt(profile, 0);
  }

  /** Runs one command on the host (no PTY); see remote-exec.ts. */
  exec(profile: HostProfile, command: string, options: { timeoutMs: number }): Promise<ExecResult> {
    return execOnHost(this, profile, command, options);
  }

  /** A 127.0.0.1 listener tunnelled to remoteHost:remotePort as seen from the host; see local-forward.ts. */
  forwardLocal(profile: HostProfile, remoteHost: string, remotePort: number): Promise<LocalForward> {
    return forwardLocal(this, profile, remoteHost, remotePort);
  }

  /** Connections currently open or opening, by profile id (for the UI and tests). */
  openConnections(): string[] {
    return [...this.pool.entries()].filter(([, e]) => e.alive).map(([id]) => id);
  }

  /** Ends every connection now (app quit). */
  closeAll(): void {
    for (const entry of this.pool.values()) entry.client?.end();
    this.pool.clear();
  }

  private async acquireAt(profile: HostProfile, depth: number): Promise<SshLease> {
    if (depth > MAX_JUMP_DEPTH) throw new Error(`Jump chain to ${profile.name} is longer than ${MAX_JUMP_DEPTH} hops; is there a loop?`);
    let entry = this.pool.get(profile.id);
    if (!entry || !entry.alive) {
      entry = this.open(profile, depth);
      this.pool.set(profile.id, entry);
    }
    entry.refs++;
    const held = entry;
    let client: Client;
    try {
      client = await held.ready;
    } catch (error) {
      held.refs--;
      throw error;
    }
    let released = false;
    return {
      client,
      closed: held.closed,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs === 0 && held.alive) {
          held.alive = false;
          if (this.pool.get(profile.id) === held) this.pool.delete(profile.id);
          client.end();
        }
      },
    };
  }

  private open(profile: HostProfile, depth: number): PoolEntry {
    let markClosed!: () => void;
    const entry: PoolEntry = {
      ready: Promise.resolve(null as never),
      refs: 0,
      alive: true,
      closed: new Promise<void>((done) => (markClosed = done)),
      client: null,
    };
    const forget = () => {
      entry.alive = false;
      if (this.pool.get(profile.id) === entry) this.pool.delete(profile.id);
      markClosed();
    };
    entry.ready = this.connect(profile, depth, (client) => (entry.client = client), forget);
    entry.ready.catch(forget);
    return entry;
  }

  private async connect(profile: HostProfile, depth: number, onClient: (c: Client) => void, onClose: () => void): Promise<Client> {
    const jumpProfile = profile.jumpVia ? this.options.profileById(profile.jumpVia) : null;
    if (profile.jumpVia && !jumpProfile) throw new Error(`${profile.name} jumps via "${profile.jumpVia}", which is not a known profile`);
    const jump = jumpProfile ? await this.acquireAt(jumpProfile, depth + 1) : null;
    try {
      const sock = jump ? await forwardOut(jump.client, profile.host, profile.port) : undefined;
      const credentials = await credentialsFor(profile, this.options.prompts, this.options.agentSocket ?? null);
      const preferredKeyTypes = await this.options.verifier.recordedKeyTypes(profile.host, profile.port);
      const client = new Client();
      onClient(client);
      await this.handshake(client, profile, { ...credentials, sock, preferredKeyTypes });
      client.on('close', () => {
        onClose();
        jump?.release();
      });
      return client;
    } catch (error) {
      jump?.release();
      throw error;
    }
  }

  private handshake(
    client: Client,
    profile: HostProfile,
    extra: Partial<ConnectConfig> & { sock?: Readable; preferredKeyTypes: string[] },
  ): Promise<void> {
    const { verifier } = this.options;
    const { connectTimeoutMs } = this.timings;
    return new Promise<void>((resolve, reject) => {
      let verdict: HostKeyVerdict | null = null;
      let asking = false;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        if (error) {
          client.end();
          reject(error);
        } else resolve();
      };
      // Our own deadline instead of ssh2's readyTimeout, so the time an
      // engineer spends reading a fingerprint does not count. The server's
      // LoginGraceTime (OpenSSH default 120 s) still applies.
      const tick = () => {
        if (asking) timer = this.timers.setTimeout(tick, connectTimeoutMs);
        else settle(new SshTimeoutError(`Timed out connecting to ${profile.name} (${profile.host}:${profile.port}) after ${connectTimeoutMs} ms`));
      };
      let timer = this.timers.setTimeout(tick, connectTimeoutMs);
      client.on('ready', () => settle());
      client.on('error', (error) => {
        if (!settled && verdict && verdict.kind !== 'trusted') settle(new HostKeyRejectedError(profile.host, profile.port, verdict));
        else settle(error);
      });
      client.on('close', () => settle(new Error(`Connection to ${profile.name} closed during the handshake`)));
      const { preferredKeyTypes, ...config } = extra;
      client.connect({
        host: profile.host,
        port: profile.port,
        username: profile.user,
        ...config,
        readyTimeout: 0,
        keepaliveInterval: this.timings.keepaliveIntervalMs,
        keepaliveCountMax: this.timings.keepaliveCountMax,
        agentForward: profile.auth.method === 'agent' && profile.agentForward,
        algorithms: {
          cipher: [...PINNED_CIPHERS],
          hmac: [...PINNED_MACS],
          compress: [...PINNED_COMPRESSION],
          serverHostKey: hostKeyPreference(preferredKeyTypes) as never,
        },
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          asking = true;
          verifier
            .approve(profile.host, profile.port, key, (v) => (verdict = v))
            .then(
              (ok) => verify(ok),
              (error: Error) => {
                verify(false);
                settle(error);
              },
            )
            .finally(() => (asking = false));
        },
      });
    });
  }
}

/**
 * ssh2's default host key algorithms (lib/protocol/constants.js), strongest
 * first, without `ssh-rsa`: that name means RSA signed with SHA-1, which
 * OpenSSH itself turned off by default in 8.8. RSA host keys still verify,
 * signed with rsa-sha2-512 or rsa-sha2-256 (RFC 8332).
 */
export const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256'];

/**
 * The algorithm list with the recorded key types first, as OpenSSH orders
 * HostKeyAlgorithms for a known host, so a server holding several keys
 * answers with the one on record. An "ssh-rsa" key on record is asked for
 * with the rsa-sha2 algorithms (RFC 8332), never SHA-1.
 */
export function hostKeyPreference(recordedTypes: string[]): string[] {
  const preferred = recordedTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256'] : [type]));
  const known = preferred.filter((a) => HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...known, ...HOST_KEY_ALGORITHMS])];
}
