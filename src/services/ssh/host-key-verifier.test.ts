import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SshAuditEntry } from './audit.js';
import { fingerprintOf } from './host-key.js';
import { HostKeyVerifier, type HostKeyVerdict } from './host-key-verifier.js';
import { hashHostName } from './known-hosts.js';
import { PinStore } from './pin-store.js';

/** A syntactically real key blob: string "ssh-ed25519", string of 32 bytes. */
function blob(seed: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const body = Buffer.alloc(32, seed);
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([len(type.length), type, len(body.length), body]);
}

const clock = { now: () => 1_700_000_000_000, monotonic: () => 0 };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(knownHosts: string, answer = true) {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-'));
  dirs.push(dir);
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, knownHosts);
  const asked: string[] = [];
  const audit: SshAuditEntry[] = [];
  const verifier = new HostKeyVerifier({
    pins: new PinStore(join(dir, 'pins.json')),
    knownHostsFiles: [knownHostsFile, join(dir, 'missing')],
    askTrust: async (host, port, fingerprint) => {
      asked.push(`${host}:${port} ${fingerprint}`);
      return answer;
    },
    audit: { append: async (e) => void audit.push(e) },
    clock,
  });
  return { verifier, asked, audit, dir };
}

const b64 = (b: Buffer) => b.toString('base64');

describe('HostKeyVerifier', () => {
  it('trusts a key listed in known_hosts, plain or hashed', async () => {
    const { verifier, asked } = setup(`hft-prod-01 ssh-ed25519 ${b64(blob(1))}\n${hashHostName('[hft-prod-02]:2222', Buffer.alloc(20, 7))} ssh-ed25519 ${b64(blob(2))}\n`);
    expect(await verifier.check('hft-prod-01', 22, blob(1))).toMatchObject({ kind: 'trusted', source: 'known_hosts' });
    expect(await verifier.approve('hft-prod-02', 2222, blob(2))).toBe(true);
    expect(asked).toEqual([]);
  });

  it('refuses a changed key and names both fingerprints', async () => {
    const { verifier, asked } = setup(`hft-prod-01 ssh-ed25519 ${b64(blob(1))}\n`);
    let seen: HostKeyVerdict | undefined;
    expect(await verifier.approve('hft-prod-01', 22, blob(9), (v) => (seen = v))).toBe(false);
    expect(seen).toEqual({ kind: 'changed', expected: [fingerprintOf(blob(1))], actual: fingerprintOf(blob(9)), keyType: 'ssh-ed25519' });
    expect(asked).toEqual([]);
  });

  it('asks about an unknown key and pins it only when accepted', async () => {
    const declined = setup('', false);
    expect(await declined.verifier.approve('new-host', 22, blob(3))).toBe(false);
    expect(declined.asked).toEqual([`new-host:22 ${fingerprintOf(blob(3))}`]);
    expect((await declined.verifier.check('new-host', 22, blob(3))).kind).toBe('unknown');

    const accepted = setup('', true);
    expect(await accepted.verifier.approve('new-host', 22, blob(3))).toBe(true);
    expect(await accepted.verifier.check('new-host', 22, blob(3))).toMatchObject({ kind: 'trusted', source: 'pin' });
    expect((await accepted.verifier.check('new-host', 22, blob(4))).kind).toBe('changed');
    expect(accepted.audit).toEqual([{ action: 'ssh.hostkey.trusted', target: 'new-host:22', detail: { fingerprint: fingerprintOf(blob(3)), keyType: 'ssh-ed25519' } }]);
    // The pin survives a new store reading the same file.
    const again = new PinStore(join(accepted.dir, 'pins.json'));
    expect((await again.forHost('new-host', 22)).map((p) => p.fingerprint)).toEqual([fingerprintOf(blob(3))]);
  });

  it('lets an explicit, audited replacement override a stale known_hosts line', async () => {
    const { verifier, audit } = setup(`hft-prod-01 ssh-ed25519 ${b64(blob(1))}\n`);
    await verifier.replacePin('hft-prod-01', 22, b64(blob(5)), 'alice');
    expect(await verifier.check('hft-prod-01', 22, blob(5))).toMatchObject({ kind: 'trusted', source: 'pin' });
    expect((await verifier.check('hft-prod-01', 22, blob(1))).kind).toBe('changed');
    expect(audit).toEqual([
      {
        action: 'ssh.hostkey.replaced',
        target: 'hft-prod-01:22',
        detail: { previous: [fingerprintOf(blob(1))], replacement: fingerprintOf(blob(5)), requestedBy: 'alice' },
      },
    ]);
  });

  it('refuses a revoked key even when it is listed', async () => {
    const { verifier } = setup(`hft-prod-01 ssh-ed25519 ${b64(blob(1))}\n@revoked * ssh-ed25519 ${b64(blob(1))}\n`);
    expect((await verifier.check('hft-prod-01', 22, blob(1))).kind).toBe('revoked');
  });

  it('stops on a corrupt pin file instead of treating it as empty', async () => {
    const { verifier, dir } = setup('');
    writeFileSync(join(dir, 'pins.json'), '{"version":1,"pins":[{"host":1}]}');
    await expect(verifier.check('h', 22, blob(1))).rejects.toThrow(/not valid/);
  });

  it('reports recorded key types for the algorithm preference', async () => {
    const { verifier } = setup(`h ecdsa-sha2-nistp256 ${b64(blob(1))}\n`);
    expect(await verifier.recordedKeyTypes('h', 22)).toEqual(['ecdsa-sha2-nistp256']);
    expect(await verifier.recordedKeyTypes('other', 22)).toEqual([]);
  });
});
