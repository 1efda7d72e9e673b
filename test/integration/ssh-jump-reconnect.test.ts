/**
 * Jump hosts through a second sshd, reconnect after the server restarts,
 * refusal to reconnect to a host whose key changed meanwhile, command
 * deadlines, and the pinned cipher list, all against real sshd processes.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/services/clock.js';
import { SshTimeoutError } from '../../src/services/ssh/errors.js';
import { fingerprintOf } from '../../src/services/ssh/host-key.js';
import { openSshShell } from '../../src/services/ssh/ssh-shell.js';
import { cockpitSsh, collectOutput, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestKeys, type TestSshd } from '../harness/sshd.js';

let dir: string;
let keys: TestKeys;
let target: TestSshd;
let jump: TestSshd;
let agent: TestAgent;

beforeAll(async () => {
  dir = makeDir('ssh-jump');
  keys = await makeUserKeys(dir);
  target = await startSshd({ dir: makeSub('target'), authorizedKeys: keys.authorizedKeys });
  // DEBUG1 logs each forwarding request, the evidence that traffic went through the jump host.
  jump = await startSshd({ dir: makeSub('jump'), authorizedKeys: keys.authorizedKeys, extraConfig: ['LogLevel DEBUG1'] });
  agent = await startAgent(dir, [keys.plain]);
});

afterAll(async () => {
  await target?.stop();
  await jump?.stop();
  await agent?.stop();
  removeDir(dir);
});

function makeSub(name: string) {
  const sub = `${dir}/${name}`;
  mkdirSync(sub);
  return sub;
}

const fingerprint = (sshd: TestSshd) => fingerprintOf(Buffer.from(sshd.hostKeyBase64, 'base64'));
const agentAuth = () => ({ method: 'agent' as const, agentSocket: agent.socket });

describe('jump hosts', () => {
  it('reaches the target through the jump host, verifying both keys', async () => {
    const stack = cockpitSsh({ dir, name: 'jump' });
    stack.profile({ id: 'bastion', name: 'bastion', host: jump.host, port: jump.port, user: TEST_USER, auth: agentAuth() });
    const prod = stack.profile({ id: 'prod', name: 'hft-prod-01', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth(), jumpVia: 'bastion' });
    const lease = await stack.connector.acquire(prod);
    try {
      expect(stack.asked).toEqual([`${jump.host}:${jump.port} ${fingerprint(jump)}`, `${target.host}:${target.port} ${fingerprint(target)}`]);
      expect(stack.connector.openConnections().sort()).toEqual(['bastion', 'prod']);
      const result = await stack.connector.exec(prod, 'echo through', { timeoutMs: 10_000 });
      expect(result.stdout).toBe('through\n');
      // The jump sshd saw the forwarding request for the target's port.
      expect(jump.output()).toMatch(new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${target.port}`));
    } finally {
      lease.release();
    }
    for (let i = 0; i < 50 && stack.connector.openConnections().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(stack.connector.openConnections()).toEqual([]);
  });

  it('refuses the whole chain when a jump host key is refused', async () => {
    const stack = cockpitSsh({ dir, name: 'jump-declined', trust: false });
    stack.profile({ id: 'bastion', name: 'bastion', host: jump.host, port: jump.port, user: TEST_USER, auth: agentAuth() });
    const prod = stack.profile({ id: 'prod', name: 'hft-prod-01', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth(), jumpVia: 'bastion' });
    await expect(stack.connector.exec(prod, 'true', { timeoutMs: 10_000 })).rejects.toThrow(`${jump.host}:${jump.port}`);
    expect(stack.asked).toEqual([`${jump.host}:${jump.port} ${fingerprint(jump)}`]);
  });

  it('refuses a jump loop instead of recursing', async () => {
    const stack = cockpitSsh({ dir, name: 'loop' });
    stack.profile({ id: 'a', name: 'a', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth(), jumpVia: 'b' });
    const b = stack.profile({ id: 'b', name: 'b', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth(), jumpVia: 'a' });
    await expect(stack.connector.exec(b, 'true', { timeoutMs: 10_000 })).rejects.toThrow(/loop/);
  });
});

describe('deadlines and ciphers', () => {
  it('gives up on a command at its deadline and lets the connection go', async () => {
    const stack = cockpitSsh({ dir, name: 'deadline' });
    const p = stack.profile({ id: 'p', name: 'slow', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth() });
    const started = Date.now();
    await expect(stack.connector.exec(p, 'sleep 10', { timeoutMs: 700 })).rejects.toBeInstanceOf(SshTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (let i = 0; i < 50 && stack.connector.openConnections().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(stack.connector.openConnections()).toEqual([]);
  });

  it('speaks only the pinned ciphers', async () => {
    const sub = makeSub('ciphers');
    const chachaOnly = await startSshd({ dir: sub, authorizedKeys: keys.authorizedKeys, extraConfig: ['Ciphers chacha20-poly1305@openssh.com'] });
    try {
      const stack = cockpitSsh({ dir, name: 'ciphers' });
      const p = stack.profile({ id: 'p', name: 'chacha', host: chachaOnly.host, port: chachaOnly.port, user: TEST_USER, auth: agentAuth() });
      await expect(stack.connector.exec(p, 'true', { timeoutMs: 10_000 })).rejects.toThrow(/cipher/i);
      await chachaOnly.stop();
      const ctrOnly = await startSshd({ dir: makeSub('ciphers-ctr'), authorizedKeys: keys.authorizedKeys, extraConfig: ['Ciphers aes128-ctr'] });
      try {
        const q = stack.profile({ id: 'q', name: 'ctr', host: ctrOnly.host, port: ctrOnly.port, user: TEST_USER, auth: agentAuth() });
        expect((await stack.connector.exec(q, 'echo ctr', { timeoutMs: 10_000 })).stdout).toBe('ctr\n');
      } finally {
        await ctrOnly.stop();
      }
    } finally {
      await chachaOnly.stop();
    }
  });
});

describe('reconnect', () => {
  const quickBackoff = { firstDelayMs: 200, maxDelayMs: 500, maxAttempts: 40 };

  it('reconnects a shell after the server restarts, keeping the scrollback and saying so', async () => {
    const stack = cockpitSsh({ dir, name: 'reconnect' });
    const p = stack.profile({ id: 'p', name: 'flaky', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth() });
    const session = await openSshShell(stack.connector, p, { cols: 100, rows: 30, clock: systemClock, backoff: quickBackoff });
    const out = collectOutput(session);
    const link: boolean[] = [];
    session.onReconnecting!((reconnecting) => link.push(reconnecting));
    session.write('echo "before=$((1+1))"\n');
    await out.waitFor('before=2');
    expect(link).toEqual([]);
    await target.stop();
    await out.waitFor('[connection lost — reconnecting in 0.2 s]');
    // The tab says "reconnecting" from this.
    expect(link).toEqual([true]);
    await new Promise((r) => setTimeout(r, 600));
    await target.restart();
    await out.waitFor('[reconnected', 15_000);
    expect(link).toEqual([true, false]);
    session.write('echo "after=$((2+2))"; stty size\n');
    await out.waitFor('after=4');
    await out.waitFor('30 100');
    expect(session.exit).toBeNull();
    expect(session.scrollback()).toContain('before=2');
    expect(out.text().indexOf('before=2')).toBeLessThan(out.text().indexOf('[reconnected'));
    session.kill();
    await new Promise((done) => session.onExit(done));
  }, 30_000);

  it('stops reconnecting when the host comes back with a different key', async () => {
    const stack = cockpitSsh({ dir, name: 'reconnect-changed' });
    const p = stack.profile({ id: 'p', name: 'rekeyed', host: target.host, port: target.port, user: TEST_USER, auth: agentAuth() });
    const session = await openSshShell(stack.connector, p, { cols: 80, rows: 24, clock: systemClock, backoff: quickBackoff });
    const out = collectOutput(session);
    const exited = new Promise((done) => session.onExit(done));
    await target.restart({ newHostKey: true });
    await out.waitFor('not reconnecting: Host key', 15_000);
    expect(out.text()).toContain('CHANGED');
    expect(await exited).toEqual({ code: null, signal: null });
    expect(stack.asked).toHaveLength(1);
  }, 30_000);
});
