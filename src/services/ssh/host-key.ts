/**
 * Host key facts from the raw public key blob the server sends (RFC 4253
 * §6.6): its type and the SHA256 fingerprint OpenSSH prints
 * ("SHA256:" + unpadded base64 of the SHA-256 of the blob).
 */
import { createHash } from 'node:crypto';

export function fingerprintOf(keyBlob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of the blob ("ssh-ed25519"), or "unknown". */
export function keyTypeOf(keyBlob: Uint8Array): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = new DataView(keyBlob.buffer, keyBlob.byteOffset, keyBlob.byteLength).getUint32(0);
  if (length === 0 || length > 64 || 4 + length > keyBlob.length) return 'unknown';
  return new TextDecoder().decode(keyBlob.subarray(4, 4 + length));
}

export interface HostKey {
  type: string;
  /** The blob, base64, as in known_hosts. */
  base64: string;
  fingerprint: string;
}

export function hostKeyOf(keyBlob: Uint8Array): HostKey {
  return { type: keyTypeOf(keyBlob), base64: Buffer.from(keyBlob).toString('base64'), fingerprint: fingerprintOf(keyBlob) };
}

export function hostKeyFromBase64(base64: string): HostKey {
  return hostKeyOf(Buffer.from(base64, 'base64'));
}
