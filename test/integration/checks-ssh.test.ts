/**
 * The host checks against the real `sudo` of this machine, run as
 * throwaway users: one with a NOPASSWD sudoers entry, one without.
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
import type { CommandResult } from '../../src/core/checks/sudo-status.js';
import { checkSshHost, checkSudo, type RemoteExec } from '../../src/services/checks/ssh-checks.js';

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
