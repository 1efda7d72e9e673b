import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../core/checks/sudo-status.js';
import { checkSshHost, checkSudo, SUDO_STATUS_COMMAND, type RemoteExec } from './ssh-checks.js';

type Profile = { host: string };

/** Answers each command with a canned result, or throws what the SSH service would. */
function fakeExec(answers: Record<string, CommandResult | Error>): RemoteExec<Profile> & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async exec(profile, command, { timeoutMs }) {
      seen.push(`${profile.host} ${command} ${timeoutMs}`);
      const answer = answers[command];
      if (answer === undefined) throw new Error(`unexpected command ${command}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}
const profile = { host: 'hft-prod-01' };

describe('SSH host check', () => {
  it('passes when the host names itself as the profile does', async () => {
    const ssh = fakeExec({ hostname: { code: 0, stdout: 'hft-prod-01.trading.internal\n', stderr: '' } });
    expect(await checkSshHost(ssh, profile, 'prod 1', 'hft-prod-01', 15_000)).toMatchObject({ state: 'passed', message: 'Connected to hft-prod-01.trading.internal' });
    expect(ssh.seen).toEqual(['hft-prod-01 hostname 15000']);
  });

  it('fails on the wrong machine, showing what it called itself', async () => {
    const ssh = fakeExec({ hostname: { code: 0, stdout: 'hft-staging-03\n', stderr: '' } });
    const outcome = await checkSshHost(ssh, profile, 'prod 1', 'hft-prod-01', 15_000);
    expect(outcome).toMatchObject({ state: 'failed', message: 'prod 1: reached a host that calls itself hft-staging-03, not hft-prod-01' });
  });

  it('does not compare names when the profile holds an address', async () => {
    const ssh = fakeExec({ hostname: { code: 0, stdout: 'box\n', stderr: '' } });
    expect((await checkSshHost(ssh, profile, 'p', '10.0.0.5', 1000)).state).toBe('passed');
  });

  it('words connection failures', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:22'), { code: 'ECONNREFUSED' });
    expect((await checkSshHost(fakeExec({ hostname: refused }), profile, 'prod 1', 'hft-prod-01', 1000)).message).toBe('prod 1: Connection refused on 22');
    const auth = new Error('All configured authentication methods failed');
    const outcome = await checkSshHost(fakeExec({ hostname: auth }), profile, 'prod 1', 'hft-prod-01', 1000);
    expect(outcome).toMatchObject({ message: 'prod 1: Permission denied (publickey)', rawError: 'All configured authentication methods failed' });
  });
});

describe('sudo check', () => {
  it('runs sudo -n and tells the outcomes apart', async () => {
    // stderr captured here: `runuser -u nobody -- sudo -n systemctl status hft_system`.
    const ssh = fakeExec({ [SUDO_STATUS_COMMAND]: { code: 1, stdout: '', stderr: 'sudo: a password is required\n' } });
    expect((await checkSudo(ssh, profile, 'prod 1', 10_000)).message).toBe('prod 1: sudo needs a password');
    expect(ssh.seen).toEqual(['hft-prod-01 sudo -n systemctl status hft_system 10000']);
  });
});
