/**
 * Decides whether a server's host key is the one expected, before any
 * credential is sent. Sources, in order: the cockpit's pin file (what the
 * engineer accepted or replaced in the cockpit wins), then the user's
 * known_hosts files (plain and hashed entries).
 *
 *  trusted  the key is pinned or listed for this host:port
 *  unknown  nothing is recorded for this host:port: the engineer is asked,
 *           with the SHA256 fingerprint; accepted keys are pinned (TOFU)
 *  changed  keys are recorded for this host:port and this is none of them:
 *           refused; only `replacePin`, an explicit action that goes on the
 *           audit log, changes that
 *  revoked  the key is marked @revoked: refused, no way around it here
 *
 * A host that offers a different key type than the one recorded is treated
 * as changed, not unknown; the connector lists recorded types first in its
 * host-key algorithm preference (as OpenSSH does), so an honest server
 * answers with the recorded type.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import { noAudit, type AuditSink } from './audit.js';
import { hostKeyFromBase64, hostKeyOf } from './host-key.js';
import { knownKeysFor, parseKnownHosts } from './known-hosts.js';
import type { PinStore } from './pin-store.js';

export type HostKeyVerdict =
  | { kind: 'trusted'; source: 'pin' | 'known_hosts'; fingerprint: string }
  | { kind: 'unknown'; keyType: string; fingerprint: string }
  | { kind: 'changed'; expected: string[]; actual: string; keyType: string }
  | { kind: 'revoked'; fingerprint: string };

/** Asks the engineer whether to trust an unknown key (the UI shows a dialog). */
export type AskTrust = (host: string, port: number, fingerprint: string, keyType: string) => Promise<boolean>;

export interface HostKeyVerifierOptions {
  pins: PinStore;
  /** ~/.ssh/known_hosts and any others; missing files are skipped. */
  knownHostsFiles: string[];
  askTrust: AskTrust;
  audit?: AuditSink;
  clock: Clock;
}

export class HostKeyVerifier {
  constructor(private readonly options: HostKeyVerifierOptions) {}

  async check(host: string, port: number, keyBlob: Uint8Array): Promise<HostKeyVerdict> {
    const offered = hostKeyOf(keyBlob);
    const { trusted, revoked } = await this.knownHosts(host, port);
    if (revoked.includes(offered.base64)) return { kind: 'revoked', fingerprint: offered.fingerprint };
    const pins = await this.options.pins.forHost(host, port);
    if (pins.length > 0) {
      if (pins.some((p) => p.keyBase64 === offered.base64)) return { kind: 'trusted', source: 'pin', fingerprint: offered.fingerprint };
      return { kind: 'changed', expected: pins.map((p) => p.fingerprint), actual: offered.fingerprint, keyType: offered.type };
    }
    if (trusted.length > 0) {
      if (trusted.some((k) => k.keyBase64 === offered.base64)) return { kind: 'trusted', source: 'known_hosts', fingerprint: offered.fingerprint };
      return {
        kind: 'changed',
        expected: trusted.map((k) => hostKeyFromBase64(k.keyBase64).fingerprint),
        actual: offered.fingerprint,
        keyType: offered.type,
      };
    }
    return { kind: 'unknown', keyType: offered.type, fingerprint: offered.fingerprint };
  }

  /**
   * The whole decision for a connection: true to go on. Unknown keys are put
   * to the engineer and pinned when accepted; everything else is final.
   * `onVerdict` sees the verdict so a refusal can be explained.
   */
  async approve(host: string, port: number, keyBlob: Uint8Array, onVerdict?: (verdict: HostKeyVerdict) => void): Promise<boolean> {
    const verdict = await this.check(host, port, keyBlob);
    onVerdict?.(verdict);
    if (verdict.kind === 'trusted') return true;
    if (verdict.kind !== 'unknown') return false;
    const accepted = await this.options.askTrust(host, port, verdict.fingerprint, verdict.keyType);
    if (!accepted) return false;
    const key = hostKeyOf(keyBlob);
    await this.options.pins.add({ host, port, keyType: key.type, keyBase64: key.base64, fingerprint: key.fingerprint, pinnedAt: this.options.clock.now() });
    await (this.options.audit ?? noAudit).append({
      action: 'ssh.hostkey.trusted',
      target: `${host}:${port}`,
      detail: { fingerprint: key.fingerprint, keyType: key.type },
    });
    return true;
  }

  /**
   * The explicit "replace the pinned key" action after a changed-key refusal:
   * `keyBase64` becomes the only key pinned for host:port. Audited with both
   * fingerprints and who asked.
   */
  async replacePin(host: string, port: number, keyBase64: string, requestedBy: string): Promise<void> {
    const key = hostKeyFromBase64(keyBase64);
    const previous = await this.options.pins.forHost(host, port);
    const listed = (await this.knownHosts(host, port)).trusted.map((k) => hostKeyFromBase64(k.keyBase64).fingerprint);
    await this.options.pins.replace({ host, port, keyType: key.type, keyBase64: key.base64, fingerprint: key.fingerprint, pinnedAt: this.options.clock.now() });
    await (this.options.audit ?? noAudit).append({
      action: 'ssh.hostkey.replaced',
      target: `${host}:${port}`,
      detail: { previous: previous.length ? previous.map((p) => p.fingerprint) : listed, replacement: key.fingerprint, requestedBy },
    });
  }

  /** Key types recorded for host:port, to put first in the algorithm preference. */
  async recordedKeyTypes(host: string, port: number): Promise<string[]> {
    const pins = await this.options.pins.forHost(host, port);
    const types = pins.length ? pins.map((p) => p.keyType) : (await this.knownHosts(host, port)).trusted.map((k) => k.keyType);
    return [...new Set(types)];
  }

  private async knownHosts(host: string, port: number) {
    const all = { trusted: [] as ReturnType<typeof knownKeysFor>['trusted'], revoked: [] as string[] };
    for (const file of this.options.knownHostsFiles) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const found = knownKeysFor(parseKnownHosts(text), host, port);
      all.trusted.push(...found.trusted);
      all.revoked.push(...found.revoked);
    }
    return all;
  }
}
