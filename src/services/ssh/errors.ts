/**
 * Failures the SSH service names, so the UI can offer the right next step
 * (a changed key offers "replace the pinned key"; a declined key offers
 * nothing). Other failures keep ssh2's own message, which the pre-shift
 * checks explain in plain words.
 */
import type { HostKeyVerdict } from './host-key-verifier.js';

export class HostKeyRejectedError extends Error {
  override readonly name = 'HostKeyRejectedError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly verdict: Exclude<HostKeyVerdict, { kind: 'trusted' }>,
  ) {
    super(describeRejection(host, port, verdict));
  }
}

function describeRejection(host: string, port: number, verdict: HostKeyRejectedError['verdict']): string {
  const where = `${host}:${port}`;
  switch (verdict.kind) {
    case 'changed':
      return `Host key for ${where} has CHANGED: expected ${verdict.expected.join(' or ')}, got ${verdict.actual}. Refusing to connect.`;
    case 'unknown':
      return `Host key for ${where} (${verdict.fingerprint}) was not trusted.`;
    case 'revoked':
      return `Host key for ${where} (${verdict.fingerprint}) is revoked in known_hosts. Refusing to connect.`;
  }
}

export class SshTimeoutError extends Error {
  override readonly name = 'SshTimeoutError';
}

/** The engineer dismissed a passphrase or password prompt. */
export class CredentialsNotGivenError extends Error {
  override readonly name = 'CredentialsNotGivenError';
}
