/**
 * The host key verifier, remembering the last key each host:port offered
 * that did not match what is recorded. The "replace the pinned key" action
 * pins exactly that key: the one whose fingerprint the engineer was shown
 * in the changed-key dialog, not whatever the host offers next.
 */
import { hostKeyOf } from '../../services/ssh/host-key.js';
import { HostKeyVerifier, type HostKeyVerdict } from '../../services/ssh/host-key-verifier.js';

export interface OfferedKey {
  keyBase64: string;
  fingerprint: string;
}

export class RememberingVerifier extends HostKeyVerifier {
  private readonly refused = new Map<string, OfferedKey>();

  override async check(host: string, port: number, keyBlob: Uint8Array): Promise<HostKeyVerdict> {
    const verdict = await super.check(host, port, keyBlob);
    const where = `${host}:${port}`;
    if (verdict.kind === 'changed') {
      const key = hostKeyOf(keyBlob);
      this.refused.set(where, { keyBase64: key.base64, fingerprint: key.fingerprint });
    } else if (verdict.kind === 'trusted') this.refused.delete(where);
    return verdict;
  }

  /** The key last refused as changed for host:port, if any. */
  refusedKey(host: string, port: number): OfferedKey | undefined {
    return this.refused.get(`${host}:${port}`);
  }

  forget(host: string, port: number): void {
    this.refused.delete(`${host}:${port}`);
  }
}
