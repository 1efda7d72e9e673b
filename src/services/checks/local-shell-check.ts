/**
 * The local shell check: the shell the terminal panel starts is spawned the
 * same way (through the PTY factory), runs one `echo`, and must print what
 * it was told and exit 0. In the demo it stands in for the production
 * hosts: it proves the cockpit's own terminal works on this machine.
 */
import type { CheckOutcome } from '../../core/checks/model.js';
import type { PtyFactory } from '../terminal/pty.js';

/** What the shell is asked to print; a line nothing else would print. */
export const LOCAL_SHELL_MARKER = 'cockpit-local-shell-ok';

/** The arguments that make `shell` run one command and exit, by the shell's name. */
export function oneCommandArgs(shell: string, command: string): string[] {
  const name = shell.split(/[\\/]/).pop()!.toLowerCase();
  if (name === 'cmd' || name === 'cmd.exe') return ['/d', '/c', command];
  if (name.startsWith('powershell') || name.startsWith('pwsh')) return ['-NoProfile', '-Command', command];
  return ['-c', command];
}

export async function checkLocalShell(
  factory: PtyFactory,
  shell: string,
  env: Readonly<Record<string, string | undefined>>,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const cleanEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
  const fail = (raw: string): CheckOutcome => ({
    state: 'failed',
    message: `The local shell ${shell} did not run a command`,
    hint: 'Set SHELL to a shell installed on this machine (for example /bin/bash), then start the cockpit again.',
    rawError: raw,
  });
  let proc: ReturnType<PtyFactory['spawn']>;
  try {
    proc = factory.spawn(shell, oneCommandArgs(shell, `echo ${LOCAL_SHELL_MARKER}`), {
      cols: 80,
      rows: 24,
      cwd: cleanEnv.HOME ?? process.cwd(),
      env: cleanEnv,
      name: 'xterm-256color',
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  return new Promise<CheckOutcome>((resolve) => {
    let output = '';
    let done = false;
    const finish = (outcome: CheckOutcome) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      proc.kill();
      finish(fail(`timed out; the shell printed: ${output.slice(-500)}`));
    };
    signal.addEventListener('abort', onAbort);
    proc.onData((data) => {
      output = (output + data).slice(-4096);
    });
    proc.onExit(({ exitCode }) => {
      if (exitCode === 0 && output.includes(LOCAL_SHELL_MARKER)) {
        finish({ state: 'passed', message: `${shell} started and ran a command`, hint: null, rawError: null });
      } else {
        finish(fail(`exit code ${exitCode}; the shell printed: ${output.slice(-500) || '(nothing)'}`));
      }
    });
  });
}
