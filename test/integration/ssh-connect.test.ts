/**
 * The SSH service against a real OpenSSH sshd on loopback: agent and key
 * file logins, commands, a PTY that follows resizes, the host key prompt and
 * refusal, one shared connection, transcripts, and the API-through-SSH
 * port forward.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/services/clock.js';
import { HostKeyRejectedError } from '../../src/services/ssh/errors.js';
import { fingerprintOf } from '../../src/services/ssh/host-key.js';
import type { HostProfileInput } from '../../src/services/ssh/profile.js';
import { openSshShell } from '../../src/services/ssh/ssh-shell.js';
import type { TerminalSession } from '../../src/services/terminal/session.js';
import { cockpitSsh, collectOutput, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestKeys, type TestSshd } from '../harness/sshd.js';

let dir: string;
let keys: TestKeys;
let sshd: TestSshd;
let agent: TestAgent;

beforeAll(async () => {
  dir = makeDir('ssh-connect');
  keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
});

afterAll(async () => {
  await sshd?.stop();
  await agent?.stop();
  removeDir(dir);
});

function cockpit(name: string, { trust = true, passphrases = [] as (string | null)[] } = {}) {
  const stack = cockpitSsh({ dir, name, trust, passphrases, fallbackPassphrase: keys.passphrase });
  const profile = (input: Partial<HostProfileInput> = {}) =>
    stack.profile({ id: 'p', name: 'test-host', host: sshd.host, port: sshd.port, user: TEST_USER, auth: { method: 'agent', agentSocket: agent.socket }, ...input });
  return { ...stack, profile };
}

const collect = (session: TerminalSession) => collectOutput(session);

describe('SSH against a real sshd', () => {
  it('logs in through the agent and runs a command', async () => {
    const { connector, profile } = cockpit('agent');
    const result = await connector.exec(profile(), 'echo "out=$((20+22))"; echo err >&2; exit 3', { timeoutMs: 10_000 });
    expect(result).toEqual({ code: 3, signal: null, stdout: 'out=42\n', stderr: 'err\n' });
    expect(connector.openConnections()).toEqual([]);
  });

  it('logs in with a key file, asking for the passphrase of an encrypted one', async () => {
    const plain = cockpit('keyfile');
    expect((await plain.connector.exec(plain.profile({ auth: { method: 'key', keyPath: keys.plain } }), 'whoami', { timeoutMs: 10_000 })).stdout).toBe(`${TEST_USER}\n`);
    expect(plain.asked.filter((a) => a.startsWith('passphrase'))).toEqual([]);

    const encrypted = cockpit('encrypted', { passphrases: ['wrong guess', keys.passphrase] });
    const result = await encrypted.connector.exec(encrypted.profile({ auth: { method: 'key', keyPath: keys.encrypted } }), 'echo ok', { timeoutMs: 10_000 });
    expect(result.stdout).toBe('ok\n');
    expect(encrypted.asked.filter((a) => a.startsWith('passphrase'))).toEqual([`passphrase ${keys.encrypted}`, `passphrase ${keys.encrypted} (again)`]);
  });

  it('asks about an unknown host key with its SHA256 fingerprint, and remembers an accepted one', async () => {
    const { connector, asked, audit, profile } = cockpit('tofu');
    const expected = fingerprintOf(Buffer.from(sshd.hostKeyBase64, 'base64'));
    await connector.exec(profile(), 'true', { timeoutMs: 10_000 });
    expect(asked).toEqual([`${sshd.host}:${sshd.port} ${expected}`]);
    expect(audit.map((e) => e.action)).toEqual(['ssh.hostkey.trusted']);
    await connector.exec(profile(), 'true', { timeoutMs: 10_000 });
    expect(asked).toHaveLength(1);
  });

  it('does not connect when the engineer declines the key', async () => {
    const { connector, profile } = cockpit('declined', { trust: false });
    const error = await connector.exec(profile(), 'true', { timeoutMs: 10_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(HostKeyRejectedError);
    expect((error as HostKeyRejectedError).verdict.kind).toBe('unknown');
  });

  it('refuses a changed host key, naming both fingerprints, until the pin is replaced explicitly', async () => {
    const { connector, verifier, asked, audit, profile } = cockpit('changed');
    await connector.exec(profile(), 'true', { timeoutMs: 10_000 });
    const before = fingerprintOf(Buffer.from(sshd.hostKeyBase64, 'base64'));
    await sshd.restart({ newHostKey: true });
    const after = fingerprintOf(Buffer.from(sshd.hostKeyBase64, 'base64'));
    const error = await connector.exec(profile(), 'true', { timeoutMs: 10_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(HostKeyRejectedError);
    expect((error as HostKeyRejectedError).verdict).toEqual({ kind: 'changed', expected: [before], actual: after, keyType: 'ssh-ed25519' });
    expect(error.message).toContain(before);
    expect(error.message).toContain(after);
    expect(asked).toHaveLength(1); // never asked about the changed key

    await verifier.replacePin(sshd.host, sshd.port, sshd.hostKeyBase64, 'test-engineer');
    expect((await connector.exec(profile(), 'echo again', { timeoutMs: 10_000 })).stdout).toBe('again\n');
    expect(audit.at(-1)).toMatchObject({ action: 'ssh.hostkey.replaced', detail: { previous: [before], replacement: after, requestedBy: 'test-engineer' } });
  });

  it('opens a PTY shell that follows resizes, sharing one connection with exec', async () => {
    const { connector, profile } = cockpit('shell');
    const p = profile();
    const session = await openSshShell(connector, p, { cols: 80, rows: 24, clock: systemClock });
    const out = collect(session);
    session.write('stty size; echo "TERM=$TERM"\n');
    await out.waitFor('24 80');
    await out.waitFor('TERM=xterm-256color');
    session.resize(150, 50);
    session.write('stty size\n');
    await out.waitFor('50 150');
    expect(connector.openConnections()).toEqual([p.id]);
    expect((await connector.exec(p, 'echo shared', { timeoutMs: 10_000 })).stdout).toBe('shared\n');
    expect(connector.openConnections()).toEqual([p.id]);
    const exited = new Promise((done) => session.onExit(done));
    session.write('exit 5\n');
    expect(await exited).toEqual({ code: 5, signal: null });
    expect(out.text()).toContain('[session ended — exit code 5]');
    expect(connector.openConnections()).toEqual([]);
  });

  it('records a production session to a transcript and audits it', async () => {
    const { connector, audit, profile } = cockpit('transcript');
    const session = await openSshShell(connector, profile({ role: 'prod', name: 'hft-prod-01' }), {
      cols: 80,
      rows: 24,
      clock: systemClock,
      audit: { append: async (e) => void audit.push(e) },
      recording: { enabled: true, dataDir: dir },
    });
    expect(session.recordingPath).toMatch(/transcripts\/hft-prod-01_.*\.log$/);
    const out = collect(session);
    await out.waitFor(`recording this session to ${session.recordingPath}`);
    session.write('echo "marker-$((3*5))"\n');
    await out.waitFor('marker-15');
    session.write('exit\n');
    await new Promise((done) => session.onExit(done));
    const target = `${TEST_USER}@${sshd.host}:${sshd.port}`;
    for (let i = 0; i < 100 && !audit.some((e) => e.action === 'ssh.transcript.closed'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(audit.filter((e) => e.action.startsWith('ssh.transcript')).map((e) => [e.action, e.target])).toEqual([
      ['ssh.transcript.opened', target],
      ['ssh.transcript.closed', target],
    ]);
    expect(readFileSync(session.recordingPath!, 'utf8')).toContain('marker-15');

    const off = await openSshShell(connector, profile({ role: 'prod' }), { cols: 80, rows: 24, clock: systemClock, recording: { enabled: false, dataDir: dir } });
    expect(off.recordingPath).toBeNull();
    off.kill();
    await new Promise((done) => off.onExit(done));
  });

  it('forwards a local port to an HTTP server seen from the host', async () => {
    const api: Server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', path: req.url }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    const apiPort = (api.address() as { port: number }).port;
    const { connector, profile } = cockpit('forward');
    const forward = await connector.forwardLocal(profile(), 'localhost', apiPort);
    try {
      expect(forward.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(forward.localPort).not.toBe(apiPort);
      const answers = await Promise.all([1, 2, 3].map((n) => fetch(`${forward.localUrl}/api/v1/health?n=${n}`).then((r) => r.json())));
      expect(answers).toEqual([1, 2, 3].map((n) => ({ status: 'ok', path: `/api/v1/health?n=${n}` })));
    } finally {
      await forward.close();
      await new Promise((r) => api.close(r));
    }
    expect(connector.openConnections()).toEqual([]);
  });
});
