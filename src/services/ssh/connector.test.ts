import { describe, expect, it } from 'vitest';
import { HOST_KEY_ALGORITHMS, hostKeyPreference, PINNED_CIPHERS } from './connector.js';

describe('hostKeyPreference', () => {
  it('keeps the default order for a host with nothing on record', () => {
    expect(hostKeyPreference([])).toEqual(HOST_KEY_ALGORITHMS);
  });

  it('puts recorded key types first, as OpenSSH does for a known host', () => {
    expect(hostKeyPreference(['ecdsa-sha2-nistp256']).slice(0, 2)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(hostKeyPreference(['ssh-rsa']).slice(0, 2)).toEqual(['rsa-sha2-512', 'rsa-sha2-256']);
    expect(hostKeyPreference(['ssh-rsa'])).not.toContain('ssh-rsa');
    expect(hostKeyPreference(['ssh-rsa'])).toHaveLength(HOST_KEY_ALGORITHMS.length);
  });

  it('ignores key types ssh2 cannot verify', () => {
    expect(hostKeyPreference(['sk-ssh-ed25519@openssh.com'])).toEqual(HOST_KEY_ALGORITHMS);
  });
});

describe('PINNED_CIPHERS', () => {
  it('offers only AES-GCM and AES-CTR', () => {
    for (const cipher of PINNED_CIPHERS) expect(cipher).toMatch(/^aes(128|192|256)-(gcm@openssh\.com|ctr)$/);
  });
});
