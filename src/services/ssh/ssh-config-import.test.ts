import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSshConfig } from './ssh-config-import.js';

const text = `
Host bastion
  HostName bastion.example.com
  User jump
  Port 2222

Host hft-prod-01 prod1
  HostName 10.0.0.11
  User hft
  IdentityFile ~/.ssh/id_hft
  ProxyJump bastion

Host hft-prod-02
  HostName 10.0.0.12
  ProxyJump ops@gw1.example.com:2200,bastion

Host lab
  HostName lab.internal
  ProxyJump admin@[fe80::1]:22
  ForwardAgent yes

Host *.lab
  User lab

Host *
  User oncall
  Match exec "touch /tmp/should-not-exist"
`;

describe('importSshConfig', () => {
  const { profiles, notes } = importSshConfig(text, { home: '/home/alice', localUser: 'alice' });
  const byName = (name: string) => profiles.find((p) => p.name === name)!;

  it('imports each named host with its settings and OpenSSH defaults', () => {
    expect(byName('bastion')).toMatchObject({ host: 'bastion.example.com', port: 2222, user: 'jump', role: 'other', jumpVia: null, auth: { method: 'agent' } });
    expect(byName('hft-prod-01')).toMatchObject({
      host: '10.0.0.11',
      user: 'hft',
      auth: { method: 'key', keyPath: '/home/alice/.ssh/id_hft' },
      jumpVia: 'ssh-config:bastion',
      agentForward: false,
    });
    expect(byName('prod1').host).toBe('10.0.0.11');
    expect(byName('hft-prod-02').user).toBe('oncall');
    expect(byName('lab').agentForward).toBe(true);
  });

  it('turns a ProxyJump chain into jump profiles', () => {
    const gw = profiles.find((p) => p.id === 'ssh-config:jump:ops@gw1.example.com:2200')!;
    expect(gw).toMatchObject({ host: 'gw1.example.com', port: 2200, user: 'ops', jumpVia: null });
    expect(byName('hft-prod-02').jumpVia).toBe('ssh-config:bastion');
    expect(notes.some((n) => n.includes('bastion is reached directly'))).toBe(true);
    const v6 = profiles.find((p) => p.id === 'ssh-config:jump:admin@[fe80::1]:22')!;
    expect(v6).toMatchObject({ host: 'fe80::1', port: 22, user: 'admin' });
  });

  it('never runs Match exec', () => {
    expect(existsSync('/tmp/should-not-exist')).toBe(false);
  });

  it('skips patterns, and says so', () => {
    expect(profiles.some((p) => p.name.includes('*'))).toBe(false);
    expect(notes.filter((n) => n.includes('a pattern'))).toHaveLength(2);
  });
});
