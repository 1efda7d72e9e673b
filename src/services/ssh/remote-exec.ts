/**
 * One command on a host over its shared connection, the way the pre-shift
 * checks use it (`hostname`, `sudo -n systemctl status hft_system`). No PTY:
 * stdout and stderr stay apart and nothing waits for a keyboard.
 */
import type { TimerHandle } from '../hft/timers.js';
import type { SshConnector } from './connector.js';
import { SshTimeoutError } from './errors.js';
import type { HostProfile } from './profile.js';

export interface ExecResult {
  /** Exit code; null when the command was killed by a signal or cut off. */
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Output kept per stream; a check never needs more, and a runaway command must not fill memory. */
export const MAX_EXEC_OUTPUT_CHARS = 1024 * 1024;

export async function execOnHost(
  connector: Pick<SshConnector, 'acquire' | 'timers'>,
  profile: HostProfile,
  command: string,
  { timeoutMs }: { timeoutMs: number },
): Promise<ExecResult> {
  const { timers } = connector;
  let timer: TimerHandle | undefined;
  let onTimeout: () => void = () => {};
  const deadline = new Promise<never>((_, reject) => {
    timer = timers.setTimeout(() => {
      onTimeout();
      reject(new SshTimeoutError(`\`${command}\` on ${profile.name} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const leasing = connector.acquire(profile);
  // A connection that arrives after the deadline is let go at once.
  onTimeout = () => void leasing.then((lease) => lease.release(), () => {});
  try {
    const lease = await Promise.race([leasing, deadline]);
    try {
      return await Promise.race([runCommand(lease.client, command, (close) => (onTimeout = close)), deadline]);
    } finally {
      lease.release();
    }
  } finally {
    if (timer !== undefined) timers.clearTimeout(timer);
  }
}

function runCommand(
  client: import('ssh2').Client,
  command: string,
  setCloser: (close: () => void) => void,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      setCloser(() => channel.close());
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      channel.setEncoding('utf8');
      channel.stderr.setEncoding('utf8');
      channel.on('data', (chunk: string) => {
        if (stdout.length < MAX_EXEC_OUTPUT_CHARS) stdout += chunk;
      });
      channel.stderr.on('data', (chunk: string) => {
        if (stderr.length < MAX_EXEC_OUTPUT_CHARS) stderr += chunk;
      });
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode ?? null;
        signal = exitSignal ?? null;
      });
      channel.on('close', () =>
        resolve({ code, signal, stdout: stdout.slice(0, MAX_EXEC_OUTPUT_CHARS), stderr: stderr.slice(0, MAX_EXEC_OUTPUT_CHARS) }),
      );
    });
  });
}
