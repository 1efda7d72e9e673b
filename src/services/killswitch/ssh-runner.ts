/**
 * Runs one command on a host over the cockpit's shared SSH connection with
 * text fed to its standard input: what the SSH path of the killswitch needs
 * to hand curl the API key without putting it on a command line. No PTY, so
 * the input is not echoed and nothing waits for a keyboard.
 */
import type { TimerHandle } from '../hft/timers.js';
import type { SshConnector } from '../ssh/connector.js';
import type { HostProfile } from '../ssh/profile.js';
import type { HostCommandRunner } from './ssh-api.js';

/** Output kept per stream, characters: an API answer, not a log. */
const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

export function sshCommandRunner(connector: Pick<SshConnector, 'acquire' | 'timers'>, profile: HostProfile): HostCommandRunner {
  const { timers } = connector;
  return async (command, { stdin, timeoutMs, signal }) => {
    let timer: TimerHandle | undefined;
    let cancel: (why: Error) => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      cancel = reject;
      timer = timers.setTimeout(() => reject(new Error(`no answer from ${profile.name} within ${timeoutMs} ms`)), timeoutMs);
      signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
    });
    stopped.catch(() => undefined);
    const leasing = connector.acquire(profile);
    try {
      const lease = await Promise.race([leasing, stopped]);
      let closeChannel = () => {};
      try {
        const running = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
          lease.client.exec(command, (error, channel) => {
            if (error) return reject(error);
            closeChannel = () => channel.close();
            let stdout = '';
            let stderr = '';
            let code: number | null = null;
            channel.setEncoding('utf8');
            channel.stderr.setEncoding('utf8');
            channel.on('data', (chunk: string) => {
              if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
            });
            channel.stderr.on('data', (chunk: string) => {
              if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk;
            });
            channel.on('exit', (exitCode: number | null) => {
              code = exitCode ?? null;
            });
            channel.on('close', () => resolve({ code, stdout, stderr }));
            channel.end(stdin);
          });
        });
        return await Promise.race([running, stopped]);
      } finally {
        closeChannel();
        lease.release();
      }
    } catch (error) {
      // A connection that arrives after the deadline is let go at once.
      void leasing.then((lease) => lease.release(), () => undefined);
      cancel(error as Error);
      throw error;
    } finally {
      if (timer !== undefined) timers.clearTimeout(timer);
    }
  };
}
