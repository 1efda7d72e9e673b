/**
 * What the cockpit's SSH client offers, as a real OpenSSH sshd sees it: the
 * server logs the client's KEXINIT proposal at LogLevel DEBUG2, so these
 * tests read the offer from the other end of the wire rather than from our
 * own configuration. Servers that accept only what the client must not
 * offer (ssh-rsa, hmac-sha1, a MAC-then-encrypt MAC) fail the handshake;
 * an RSA host key still works through rsa-sha2-512.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cockpitSsh, makeDir, makeUserKeys, removeDir, startSshd, TEST_USER, type TestKeys, type TestSshd } from '../harness/sshd.js';

const run = promisify(execFile);

let dir: string;
let keys: TestKeys;
let rsaHostKey: string;
const started: TestSshd[] = [];

beforeAll(async () => {
  dir = makeDir('ssh-algorithms');
  keys = await makeUserKeys(dir);
  rsaHostKey = `${dir}/ssh_host_rsa_key`;
  await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'rsa-host', '-f', rsaHostKey]);
});

afterEach(async () => {
  for (const sshd of started.splice(0)) await sshd.stop();
});

afterAll(() => removeDir(dir));

async function sshd(extraConfig: string[]): Promise<TestSshd> {
  const server = await startSshd({ dir, authorizedKeys: keys.authorizedKeys, extraConfig: ['LogLevel DEBUG2', ...extraConfig] });
  started.push(server);
  return server;
}

let names = 0;
function connect(server: TestSshd) {
  const { connector, profile } = cockpitSsh({ dir, name: `algo-${++names}`, trust: true });
  const p = profile({ id: 'p', name: 'algo-host', host: server.host, port: server.port, user: TEST_USER, auth: { method: 'key', keyPath: keys.plain } });
  return connector.exec(p, 'echo ok', { timeoutMs: 10_000 });
}

/**
 * The client's proposal as sshd logged it, e.g. "MACs ctos" → the list.
 * OpenSSH prints the peer's proposal after "peer client KEXINIT proposal",
 * one "debug2: <name>: <comma list>" line per field.
 */
function clientOffer(log: string, field: string): string[] {
  const peer = log.slice(log.indexOf('peer client KEXINIT proposal'));
  const line = peer.split('\n').find((l) => l.includes(`debug2: ${field}: `));
  if (!line) throw new Error(`sshd logged no "${field}" for the client:\n${log}`);
  const list = line.slice(line.indexOf(`${field}: `) + field.length + 2);
  // sshd tags lines logged before authentication with " [preauth]".
  return list.replace(/\s*\[preauth\]\s*$/, '').trim().split(',');
}

describe('SSH algorithms the cockpit offers, seen by sshd', () => {
  it('offers ed25519, ECDSA and rsa-sha2 host keys, ETM SHA-2 MACs and no compression', async () => {
    const server = await sshd([]);
    expect((await connect(server)).stdout).toBe('ok\n');
    const log = server.output();
    expect(clientOffer(log, 'host key algorithms')).toEqual([
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp521',
      'rsa-sha2-512',
      'rsa-sha2-256',
    ]);
    for (const direction of ['ctos', 'stoc']) {
      expect(clientOffer(log, `MACs ${direction}`)).toEqual(['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com']);
      expect(clientOffer(log, `compression ${direction}`)).toEqual(['none']);
      for (const cipher of clientOffer(log, `ciphers ${direction}`)) expect(cipher).toMatch(/^aes(128|192|256)-(gcm@openssh\.com|ctr)$/);
    }
  });

  it('fails against a server that signs its host key only with ssh-rsa (SHA-1)', async () => {
    const server = await sshd([`HostKey ${rsaHostKey}`, 'HostKeyAlgorithms ssh-rsa']);
    await expect(connect(server)).rejects.toThrow(/host key|handshake|algorithm/i);
  });

  it('accepts an RSA host key signed with rsa-sha2-512', async () => {
    const server = await sshd([`HostKey ${rsaHostKey}`, 'HostKeyAlgorithms rsa-sha2-512']);
    expect((await connect(server)).stdout).toBe('ok\n');
    expect(server.output()).toMatch(/host key algorithm: rsa-sha2-512/);
  });

  it('fails against a server that allows only hmac-sha1 or a MAC-then-encrypt SHA-2 MAC', async () => {
    for (const mac of ['hmac-sha1', 'hmac-sha2-256']) {
      const server = await sshd(['Ciphers aes128-ctr', `MACs ${mac}`]);
      await expect(connect(server)).rejects.toThrow(/handshake|algorithm|no matching/i);
    }
  });

  it('uses an ETM SHA-2 MAC with a CTR cipher, uncompressed, where the server allows compression', async () => {
    const server = await sshd(['Ciphers aes128-ctr', 'Compression yes']);
    expect((await connect(server)).stdout).toBe('ok\n');
    expect(server.output()).toMatch(/kex: client->server cipher: aes128-ctr MAC: hmac-sha2-256-etm@openssh\.com compression: none/);
  });
});
