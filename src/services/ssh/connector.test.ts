import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { DEFAULT_TIMINGS, HOST_KEY_ALGORITHMS, hostKeyPreference, PINNED_CIPHERS, SshConnector } from './connector.js';
import { SshTimeoutError } from './errors.js';
import type { HostKeyVerifier } from './host-key-verifier.js';
import { HostProfile } from './profile.js';

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

describe('SshConnector connect deadline', () => {
  it('gives up on a server that never answers, on the injected timers', async () => {
    const accepted: Socket[] = [];
    const silent = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const time = new FakeTime();
    const connector = new SshConnector({
      verifier: { recordedKeyTypes: async () => [] } as unknown as HostKeyVerifier,
      prompts: { passphrase: async () => null, password: async () => 'x' },
      profileById: () => undefined,
      timers: time,
    });
    const profile = HostProfile.parse({ id: 'p', name: 'quiet', host: '127.0.0.1', port, user: 'ops', role: 'prod', auth: { method: 'password' } });
    let error: unknown = null;
    const leasing = connector.acquire(profile).catch((e: unknown) => (error = e));
    try {
      for (let i = 0; i < 100 && time.timerCount === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(time.timerCount).toBe(1);
      await time.advance(DEFAULT_TIMINGS.connectTimeoutMs - 1);
      expect(error).toBeNull();
      await time.advance(1);
      await leasing;
      expect(error).toBeInstanceOf(SshTimeoutError);
      expect(connector.openConnections()).toEqual([]);
    } finally {
      connector.closeAll();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
