/**
 * Cases a stock sshd cannot stage easily, against ssh2's own server on
 * loopback: password logins asked for each time (and cancelled), and a link
 * that goes silent without closing (a laptop lid, a VPN that drops packets),
 * which only keepalives notice.
 */
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { Server, utils, type Connection } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/services/clock.js';
import { SshConnector } from '../../src/services/ssh/connector.js';
import { CredentialsNotGivenError } from '../../src/services/ssh/errors.js';
import { HostKeyVerifier } from '../../src/services/ssh/host-key-verifier.js';
import { PinStore } from '../../src/services/ssh/pin-store.js';
import { HostProfile } from '../../src/services/ssh/profile.js';
import { openSshShell } from '../../src/services/ssh/ssh-shell.js';
import { collectOutput, makeDir, removeDir } from '../harness/sshd.js';

const PASSWORD = 'hunter2-but-longer';
let dir: string;
let server: NetServer;
let port: number;
const sockets = new Set<Socket>();
let passwordsSeen: string[] = [];

/** A tiny shell: echoes "got <line>" for each line; answers every exec with its command. */
function serve(client: Connection) {
  client.on('authentication', (ctx) => {
    if (ctx.method === 'password') {
      passwordsSeen.push(ctx.password);
      return ctx.password === PASSWORD ? ctx.accept() : ctx.reject();
    }
    ctx.reject(['password']);
  });
  client.on('error', () => {});
  client.on('session', (accept) => {
    const session = accept();
    session.on('pty', (acceptPty) => acceptPty?.());
    session.on('window-change', (acceptWc) => acceptWc?.());
    session.on('exec', (acceptExec, _reject, info) => {
      const channel = acceptExec();
      channel.write(`ran ${info.command}\n`);
      channel.exit(0);
      channel.end();
    });
    session.on('shell', (acceptShell) => {
      const channel = acceptShell();
      channel.write('ready\r\n');
      let buffer = '';
      channel.on('data', (d: Buffer) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.search(/[\r\n]/)) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line) channel.write(`got ${line}\r\n`);
        }
      });
    });
  });
}

beforeAll(async () => {
  dir = makeDir('ssh-edge');
  const hostKey = utils.generateKeyPairSync('ed25519').private;
  const ssh = new Server({ hostKeys: [hostKey] }, serve);
  // Our own listener hands sockets to the SSH server, so a test can freeze them.
  server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    ssh.injectSocket(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((r) => server.close(r));
  removeDir(dir);
});

function stack(name: string, passwords: (string | null)[], timings = {}) {
  const asked: string[] = [];
  const verifier = new HostKeyVerifier({
    pins: new PinStore(`${dir}/${name}-pins.json`),
    knownHostsFiles: [],
    askTrust: async () => true,
    clock: systemClock,
  });
  const connector = new SshConnector({
    verifier,
    prompts: {
      passphrase: async () => null,
      password: async (p) => {
        asked.push(p.name);
        return passwords.shift() ?? null;
      },
    },
    profileById: () => undefined,
    timings: { connectTimeoutMs: 5_000, ...timings },
  });
  const profile = HostProfile.parse({ id: name, name, host: '127.0.0.1', port, user: 'oncall', auth: { method: 'password' } });
  return { connector, profile, asked };
}

describe('against ssh2 server', () => {
  it('asks for the password on every connection and never keeps it', async () => {
    passwordsSeen = [];
    const { connector, profile, asked } = stack('password', [PASSWORD, PASSWORD]);
    expect((await connector.exec(profile, 'hostname', { timeoutMs: 5_000 })).stdout).toBe('ran hostname\n');
    expect((await connector.exec(profile, 'uptime', { timeoutMs: 5_000 })).stdout).toBe('ran uptime\n');
    expect(asked).toEqual(['password', 'password']);
    expect(passwordsSeen).toEqual([PASSWORD, PASSWORD]);
    expect(JSON.stringify(profile)).not.toContain(PASSWORD);
  });

  it('stops at a cancelled password prompt without trying the server', async () => {
    passwordsSeen = [];
    const { connector, profile } = stack('cancelled', [null]);
    await expect(connector.exec(profile, 'true', { timeoutMs: 5_000 })).rejects.toBeInstanceOf(CredentialsNotGivenError);
    expect(passwordsSeen).toEqual([]);
  });

  it('notices a link gone silent through keepalives and starts reconnecting', async () => {
    const { connector, profile } = stack('silent', [PASSWORD, PASSWORD, PASSWORD], { keepaliveIntervalMs: 200, keepaliveCountMax: 2 });
    const session = await openSshShell(connector, profile, {
      cols: 80,
      rows: 24,
      clock: systemClock,
      backoff: { firstDelayMs: 100, maxDelayMs: 200, maxAttempts: 20 },
    });
    const out = collectOutput(session);
    await out.waitFor('ready');
    session.write('one\r');
    await out.waitFor('got one');
    // The server stops reading and answering: nothing closes, the link just goes quiet.
    for (const socket of sockets) socket.pause();
    const silentAt = Date.now();
    await out.waitFor('[connection lost — reconnecting in 0.1 s]', 5_000);
    const noticedMs = Date.now() - silentAt;
    await out.waitFor('[reconnected', 5_000);
    session.write('two\r');
    await out.waitFor('got two');
    expect(noticedMs).toBeLessThan(2_000);
    session.kill();
    await new Promise((done) => session.onExit(done));
  });
});
