/**
 * The per-host checks through the SSH service: connect (the service
 * verifies the host key) and run `hostname`, which must name the host the
 * profile says; then `sudo -n systemctl status hft_system`.
 */
import { explainFailure } from '../../core/checks/explain.js';
import { hostnameMatches, isComparableHostname } from '../../core/checks/hostname.js';
import type { CheckOutcome } from '../../core/checks/model.js';
import { sudoStatusOutcome, type CommandResult } from '../../core/checks/sudo-status.js';
import { describeError } from './describe-error.js';

/** What the checks need of the SSH service (src/services/ssh). */
export interface RemoteExec<P> {
  exec(profile: P, command: string, options: { timeoutMs: number }): Promise<CommandResult>;
}

/** -n: never prompt; a prompt would hang the check until its deadline. */
export const SUDO_STATUS_COMMAND = 'sudo -n systemctl status hft_system';

export async function checkSshHost<P>(ssh: RemoteExec<P>, profile: P, name: string, expectedHostname: string, timeoutMs: number): Promise<CheckOutcome> {
  let result: CommandResult;
  try {
    result = await ssh.exec(profile, 'hostname', { timeoutMs });
  } catch (error) {
    const raw = describeError(error);
    const { message, hint } = explainFailure('ssh', raw, { target: name });
    return { state: 'failed', message: `${name}: ${message}`, hint, rawError: raw };
  }
  const reported = result.stdout.trim();
  if (result.code !== 0 || reported === '') {
    return {
      state: 'failed',
      message: `${name}: connected, but \`hostname\` failed`,
      hint: 'The login shell on the host may be broken; try an interactive session.',
      rawError: `exit ${result.code}\n${result.stderr}${result.stdout}`.trim(),
    };
  }
  if (!isComparableHostname(expectedHostname)) {
    return { state: 'passed', message: `Connected; the host calls itself ${reported} (the profile uses an address, not compared)`, hint: null, rawError: null };
  }
  if (!hostnameMatches(expectedHostname, reported)) {
    return {
      state: 'failed',
      message: `${name}: reached a host that calls itself ${reported}, not ${expectedHostname}`,
      hint: 'The profile (or DNS, or an ssh_config alias) points at the wrong machine: fix it before touching production.',
      rawError: `hostname printed: ${reported}`,
    };
  }
  return { state: 'passed', message: `Connected to ${reported}`, hint: null, rawError: null };
}

export async function checkSudo<P>(ssh: RemoteExec<P>, profile: P, name: string, timeoutMs: number): Promise<CheckOutcome> {
  try {
    return sudoStatusOutcome(await ssh.exec(profile, SUDO_STATUS_COMMAND, { timeoutMs }), name);
  } catch (error) {
    const raw = describeError(error);
    const { message, hint } = explainFailure('sudo', raw, { target: name });
    return { state: 'failed', message: `${name}: ${message}`, hint, rawError: raw };
  }
}
