/**
 * The host checks against the real `sudo` of this machine, run as
 * throwaway users (one with a NOPASSWD sudoers entry, one without): first
 * through a local login, then through the real SSH service and a real
 * OpenSSH sshd on loopback, and last the whole pre-shift run (SSH, sudo,
 * the simulator directly and through the SSH forward, the write key, and
 * PostgreSQL) as the wizard starts it.
 *
 * Staging: this container has no systemd, so `systemctl` cannot answer for
 * real. Each throwaway user gets a sudoers `secure_path` of its own whose
 * first directory holds a stand-in `systemctl` printing systemd 252's output
 * for the state the test chooses (running, inactive, failed, no such unit).
 * Everything sudo does (policy, -n, the password refusal, PATH reset) is the
 * real thing; only systemctl's answer is staged, and only for these users:
 * the machine's own sudo and PATH are untouched. The sudoers file is checked
 * with `visudo -c` before it is installed, because a broken file in
 * /etc/sudoers.d breaks sudo for everyone.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCheckEvent, type CheckEvent } from '../../src/core/checks/progress.js';
import { newReport } from '../../src/core/checks/model.js';
import { planAccessChecks } from '../../src/core/checks/plan.js';
import type { CommandResult } from '../../src/core/checks/sudo-status.js';
import { summarise } from '../../src/core/checks/summary.js';
import { systemClock } from '../../src/services/clock.js';
import { accessCheckTasks, accessHostsFrom, accessTargets, type AccessCheckConfig } from '../../src/services/checks/access-checks.js';
import { runChecks } from '../../src/services/checks/runner.js';
import { checkSshHost, checkSudo, type RemoteExec } from '../../src/services/checks/ssh-checks.js';
import { SshConnector } from '../../src/services/ssh/connector.js';
import { HostKeyVerifier } from '../../src/services/ssh/host-key-verifier.js';
import { PinStore } from '../../src/services/ssh/pin-store.js';
import { HostProfile, type HostProfileInput } from '../../src/services/ssh/profile.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';
import { startPostgres, type PostgresHarness } from '../harness/postgres.js';
import { freePort, makeDir, makeHostKey, makeUserKeys, removeDir, startAgent, startSshd, type TestAgent, type TestSshd } from '../harness/sshd.js';

const run = promisify(execFile);
const tag = randomBytes(3).toString('hex');
const WITH_NOPASSWD = `ckp_ok_${tag}`;
const WITHOUT_NOPASSWD = `ckp_pw_${tag}`;
const SUDOERS_FILE = `/etc/sudoers.d/cockpit-test-${tag}`;

let root: string;
const users: string[] = [];
let sudoersInstalled = false;

/** systemd 252 (Debian 12) output per state, with systemctl's exit codes (0 active, 3 not active, 4 no such unit). */
const STAND_IN_SYSTEMCTL = `#!/bin/sh
state=$(cat "$(dirname "$0")/../state" 2>/dev/null || echo running)
case "$state" in
  running)
    echo "● hft_system.service - HFT trading system"
    echo "     Loaded: loaded (/etc/systemd/system/hft_system.service; enabled; preset: enabled)"
    echo "     Active: active (running) since Tue 2026-11-24 06:00:01 UTC; 2h 2min ago"
    exit 0 ;;
  inactive)
    echo "○ hft_system.service - HFT trading system"
    echo "     Loaded: loaded (/etc/systemd/system/hft_system.service; disabled; preset: enabled)"
    echo "     Active: inactive (dead)"
    exit 3 ;;
  failed)
    echo "× hft_system.service - HFT trading system"
    echo "     Active: failed (Result: exit-code) since Tue 2026-11-24 07:58:12 UTC; 4min ago"
    exit 3 ;;
  missing)
    echo "Unit hft_system.service could not be found." >&2
    exit 4 ;;
esac
`;

/** Runs a command as a local user, the way the SSH service runs it on a host. */
const localLogin: RemoteExec<string> = {
  exec(user, command, { timeoutMs }) {
    return new Promise<CommandResult>((done, fail) => {
      const child = spawn('runuser', ['-u', user, '--', 'sh', '-c', command], { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', fail);
      child.once('close', (code) => {
        clearTimeout(timer);
        done({ code, stdout, stderr });
      });
    });
  },
};

async function setState(state: 'running' | 'inactive' | 'failed' | 'missing') {
  await writeFile(join(root, 'state'), state);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cockpit-sudo-'));
  await chmod(root, 0o755);
  await mkdir(join(root, 'bin'));
  await writeFile(join(root, 'bin', 'systemctl'), STAND_IN_SYSTEMCTL, { mode: 0o755 });
  await setState('running');
  await chmod(join(root, 'state'), 0o644);
  for (const user of [WITH_NOPASSWD, WITHOUT_NOPASSWD]) {
    await run('useradd', ['--no-create-home', '--shell', '/bin/sh', user]);
    users.push(user);
    // useradd leaves the account locked ("!"), and sshd without PAM refuses
    // locked accounts even for key logins; "*" means no password, not locked.
    await run('usermod', ['-p', '*', user]);
  }
  const securePath = `${join(root, 'bin')}:/usr/bin:/bin`;
  const sudoers = [
    `Defaults:${WITH_NOPASSWD} secure_path="${securePath}"`,
    `Defaults:${WITHOUT_NOPASSWD} secure_path="${securePath}"`,
    `${WITH_NOPASSWD} ALL=(root) NOPASSWD: ALL`,
    `${WITHOUT_NOPASSWD} ALL=(root) ALL`,
    '',
  ].join('\n');
  const draft = join(root, 'sudoers');
  await writeFile(draft, sudoers, { mode: 0o440 });
  await run('visudo', ['-c', '-q', '-f', draft]);
  await copyFile(draft, SUDOERS_FILE);
  await chmod(SUDOERS_FILE, 0o440);
  sudoersInstalled = true;
});

afterAll(async () => {
  if (sudoersInstalled) await rm(SUDOERS_FILE, { force: true });
  for (const user of users) await run('userdel', [user]).catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('sudo check with the real sudo', () => {
  it('passes for a NOPASSWD user while the service runs', async () => {
    await setState('running');
    const outcome = await checkSudo(localLogin, WITH_NOPASSWD, 'hft-prod-01', 10_000);
    expect(outcome).toMatchObject({ state: 'passed', message: expect.stringMatching(/^Passwordless sudo works on hft-prod-01; hft_system is active \(running\)/) });
  });

  it('says sudo needs a password for a user without NOPASSWD, and does not hang on a prompt', async () => {
    const began = performance.now();
    const outcome = await checkSudo(localLogin, WITHOUT_NOPASSWD, 'hft-prod-01', 10_000);
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(outcome).toMatchObject({ state: 'failed', message: 'hft-prod-01: sudo needs a password' });
    expect(outcome.rawError).toMatch(/sudo: a password is required/);
  });

  it('tells a stopped, a failed and a missing service apart', async () => {
    await setState('inactive');
    expect((await checkSudo(localLogin, WITH_NOPASSWD, 'h', 10_000)).message).toBe('h: hft_system is not running (inactive (dead))');
    await setState('failed');
    expect((await checkSudo(localLogin, WITH_NOPASSWD, 'h', 10_000)).message).toMatch(/^h: hft_system is not running \(failed \(Result: exit-code\)/);
    await setState('missing');
    const missing = await checkSudo(localLogin, WITH_NOPASSWD, 'h', 10_000);
    expect(missing.message).toBe('h: The hft_system unit is not installed on this host');
    expect(missing.rawError).toMatch(/^exit 4\nUnit hft_system.service could not be found\./);
    await setState('running');
  });
});

describe('hostname check with the real hostname', () => {
  it('matches this machine by its own name and refuses another', async () => {
    const { stdout } = await run('hostname');
    const self = stdout.trim();
    expect(await checkSshHost(localLogin, WITH_NOPASSWD, 'local', self, 10_000)).toMatchObject({ state: 'passed', message: `Connected to ${self}` });
    expect(await checkSshHost(localLogin, WITH_NOPASSWD, 'local', 'hft-prod-99', 10_000)).toMatchObject({
      state: 'failed',
      message: `local: reached a host that calls itself ${self}, not hft-prod-99`,
    });
  });
});

describe('through the SSH service and a real sshd', () => {
  let dir: string;
  let sshd: TestSshd;
  let agent: TestAgent;
  let sim: SimulatorHandle;
  let pg: PostgresHarness;
  let connector: SshConnector;
  let selfName: string;
  const profiles = new Map<string, HostProfile>();
  const WRITE_KEY = 'write-key-for-tests';

  const profile = (input: Partial<HostProfileInput> & { id: string }) => {
    const p = HostProfile.parse({
      name: selfName,
      host: sshd.host,
      port: sshd.port,
      user: WITH_NOPASSWD,
      role: 'prod',
      auth: { method: 'agent', agentSocket: agent.socket },
      ...input,
    });
    profiles.set(p.id, p);
    return p;
  };

  beforeAll(async () => {
    selfName = (await run('hostname')).stdout.trim();
    dir = makeDir('checks-ssh');
    const keys = await makeUserKeys(dir);
    sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
    // sshd reads authorized_keys as the logging-in user: let the throwaway
    // users read the public keys (the private keys in `dir` stay 0600).
    await chmod(dir, 0o755);
    await chmod(join(dir, 'authorized_keys'), 0o644);
    agent = await startAgent(dir, [keys.plain]);
    sim = await startSimulator({ port: 0, seed: 3, apiKey: WRITE_KEY });
    pg = await startPostgres();
    connector = new SshConnector({
      verifier: new HostKeyVerifier({
        pins: new PinStore(join(dir, 'pins.json')),
        knownHostsFiles: [join(dir, 'known_hosts')],
        // The first connection pins the key, as an engineer accepting the fingerprint would.
        askTrust: async () => true,
        clock: systemClock,
      }),
      prompts: { passphrase: async () => null, password: async () => null },
      profileById: (id) => profiles.get(id),
      timings: { connectTimeoutMs: 10_000 },
    });
  });

  afterAll(async () => {
    connector?.closeAll();
    await sshd?.stop();
    await agent?.stop();
    await sim?.close();
    await pg?.stop();
    if (dir) removeDir(dir);
  });

  it('runs the whole pre-shift check and reports each result in words', async () => {
    const hosts = accessHostsFrom([
      profile({ id: 'ok' }),
      profile({ id: 'needs-password', user: WITHOUT_NOPASSWD, role: 'standby' }),
      profile({ id: 'wrong-host', name: 'hft-prod-99' }),
    ]);
    const config: AccessCheckConfig<HostProfile> = {
      hosts,
      api: { url: sim.url, viaSshHostId: 'ok', viaSshRemotePort: sim.port, writeKey: WRITE_KEY },
      database: { target: { host: pg.host, port: pg.port, user: pg.user, database: pg.database }, passwords: { explicit: pg.password } },
      manual: [{ id: 'vpn', label: 'VPN connected' }],
    };
    await setState('running');
    // Pin the host key first, as an earlier terminal session would have: all
    // three profiles point at the same sshd, and first-time trust of one
    // host:port from parallel connections is not what this test is about.
    expect((await checkSshHost(connector, profile({ id: 'pin' }), 'pin', selfName, 10_000)).state).toBe('passed');
    const events: CheckEvent[] = [];
    await runChecks(accessCheckTasks(config, { ssh: connector, fetch }), { clock: systemClock, onProgress: (e) => events.push(e) });
    const report = events.reduce(applyCheckEvent, newReport('alice', planAccessChecks(accessTargets(config)), 0));
    const result = Object.fromEntries(report.checks.map((c) => [c.id, `${c.state}: ${c.message}`]));
    expect(result).toEqual({
      'ssh:ok': `passed: Connected to ${selfName}`,
      'sudo:ok': expect.stringMatching(new RegExp(`^passed: Passwordless sudo works on ${selfName}; hft_system is active \\(running\\)`)),
      'ssh:needs-password': `passed: Connected to ${selfName}`,
      'sudo:needs-password': `failed: ${selfName}: sudo needs a password`,
      'ssh:wrong-host': `failed: hft-prod-99: reached a host that calls itself ${selfName}, not hft-prod-99`,
      'sudo:wrong-host': 'skipped: Not run: "SSH to hft-prod-99" did not pass',
      'api:health': expect.stringMatching(/^passed: Health/),
      'api:health-via-ssh': expect.stringMatching(/^passed: Health/),
      'api:write-key': 'passed: The write key is accepted (a write without it is refused)',
      database: expect.stringMatching(/^passed: SELECT 1 as hft_user on hft_db works/),
      'manual:vpn': 'pending: null',
    });
    expect(summarise(report, 'UTC')).toMatchObject({ ok: 7, failed: 3, open: 1, total: 11 });
    expect(report.checks.every((c) => c.kind === 'manual' || c.durationMs !== null)).toBe(true);
  });

  it('says the key was refused when the agent does not hold an authorised key', async () => {
    const stranger = await makeHostKey(dir, 'stranger_key');
    const p = profile({ id: 'stranger', auth: { method: 'key', keyPath: stranger.path } });
    const outcome = await checkSshHost(connector, p, 'prod 1', selfName, 10_000);
    expect(outcome).toMatchObject({ state: 'failed', message: 'prod 1: Permission denied (publickey)' });
    expect(outcome.hint).toMatch(/agent/);
  });

  it('says the connection is refused on the SSH port when nothing listens', async () => {
    const port = await freePort();
    const outcome = await checkSshHost(connector, profile({ id: 'closed', port }), 'prod 1', selfName, 10_000);
    expect(outcome).toMatchObject({ state: 'failed', message: `prod 1: Connection refused on ${port}` });
  });

  it('refuses a host whose key changed since it was pinned', async () => {
    expect((await checkSshHost(connector, profile({ id: 'before-rebuild' }), 'prod 1', selfName, 10_000)).state).toBe('passed');
    await sshd.restart({ newHostKey: true });
    const outcome = await checkSshHost(connector, profile({ id: 'after-rebuild' }), 'prod 1', selfName, 10_000);
    expect(outcome).toMatchObject({ state: 'failed', message: "prod 1: The host's SSH key changed since it was pinned" });
    expect(outcome.rawError).toMatch(/has CHANGED/);
  });
});
