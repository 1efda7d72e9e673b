import { describe, expect, it } from 'vitest';
import { hashHostName, knownHostsName, knownKeysFor, parseKnownHosts } from './known-hosts.js';

const salt = Buffer.from('0123456789abcdefghij');
const text = [
  '# comment',
  'hft-prod-01,10.0.0.1 ssh-ed25519 AAAAplain comment here',
  `${hashHostName('hft-prod-02', salt)} ssh-ed25519 AAAAhashed`,
  `${hashHostName('[bastion]:2222', salt)} ecdsa-sha2-nistp256 AAAAhashedport`,
  '[127.0.0.1]:2200 ssh-rsa AAAAport',
  '*.lab,!secret.lab ssh-ed25519 AAAAwild',
  '@revoked * ssh-ed25519 AAAAbad',
  '@cert-authority *.corp ssh-ed25519 AAAAca',
  '@unknown-marker host ssh-ed25519 AAAAskip',
  'broken-line-without-key',
  '',
].join('\n');
const entries = parseKnownHosts(text);

describe('known_hosts', () => {
  it('reads plain, hashed, ported and wildcard entries', () => {
    expect(knownKeysFor(entries, 'hft-prod-01', 22).trusted.map((k) => k.keyBase64)).toEqual(['AAAAplain']);
    expect(knownKeysFor(entries, '10.0.0.1', 22).trusted.map((k) => k.keyBase64)).toEqual(['AAAAplain']);
    expect(knownKeysFor(entries, 'hft-prod-02', 22).trusted.map((k) => k.keyBase64)).toEqual(['AAAAhashed']);
    expect(knownKeysFor(entries, 'bastion', 2222).trusted.map((k) => k.keyType)).toEqual(['ecdsa-sha2-nistp256']);
    expect(knownKeysFor(entries, '127.0.0.1', 2200).trusted.map((k) => k.keyBase64)).toEqual(['AAAAport']);
    expect(knownKeysFor(entries, 'db.lab', 22).trusted.map((k) => k.keyBase64)).toEqual(['AAAAwild']);
  });

  it('does not confuse a port with the default one', () => {
    expect(knownKeysFor(entries, 'hft-prod-01', 2222).trusted).toEqual([]);
    expect(knownKeysFor(entries, '127.0.0.1', 22).trusted).toEqual([]);
    expect(knownKeysFor(entries, 'bastion', 22).trusted).toEqual([]);
    expect(knownHostsName('h', 22)).toBe('h');
    expect(knownHostsName('h', 2200)).toBe('[h]:2200');
  });

  it('honours negation, and skips cert authorities and unknown markers', () => {
    expect(knownKeysFor(entries, 'secret.lab', 22).trusted).toEqual([]);
    expect(knownKeysFor(entries, 'x.corp', 22).trusted).toEqual([]);
    expect(entries.some((e) => e.keyBase64 === 'AAAAskip')).toBe(false);
  });

  it('lists revoked keys for every host they cover', () => {
    expect(knownKeysFor(entries, 'anything', 22).revoked).toEqual(['AAAAbad']);
  });
});
