/**
 * Starts a project process (the simulator, the browser host) as a child, the
 * way an operator would, and waits for the one line it prints on start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

export interface Started {
  proc: ChildProcess;
  /** The capture groups of the ready line. */
  match: RegExpMatchArray;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

export interface StartOptions {
  timeoutMs?: number;
  env?: Record<string, string>;
  /**
   * The graceful signal goes to the whole process group, not the program
   * alone: for a program (npm, a shell) that does not hand signals on.
   */
  signalGroup?: boolean;
}

export async function startTs(script: string, args: string[], ready: RegExp, options: StartOptions = {}): Promise<Started> {
  return startProgram(TSX, [resolve(ROOT, script), ...args], ready, options);
}

/**
 * The browser host as `npm run web` runs it: its bundle, dist/host/web.mjs
 * (the end-to-end suites' global setup builds it when its sources changed).
 */
export async function startBundledHost(args: string[], ready: RegExp, options: StartOptions = {}): Promise<Started> {
  return startProgram(process.execPath, [resolve(ROOT, 'dist/host/web.mjs'), ...args], ready, options);
}

/** `command` with `args`, in the project folder, started as startTs starts a script. */
export async function startProgram(
  command: string,
  args: string[],
  ready: RegExp,
  { timeoutMs = 30_000, env = {}, signalGroup: gracefulToGroup = false }: StartOptions = {},
): Promise<Started> {
  const script = [command, ...args].join(' ');
  // Its own process group: tsx runs the script in a child node process, and a
  // signal must reach that child too (a crash kills the whole program).
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  let out = '';
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const match = await new Promise<RegExpMatchArray>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        done(m);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited with ${code} before it was ready:\n${out}`));
    });
  }).catch(async (err) => {
    signalGroup('SIGKILL');
    await exited;
    throw err;
  });
  const signalAndWait = async (signal: NodeJS.Signals, graceMs: number) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      signalGroup('SIGKILL');
      return;
    }
    // A graceful signal goes to tsx alone, which hands it to the program once;
    // SIGKILL cannot be handed on, so it goes to the whole group.
    if (signal === 'SIGKILL' || gracefulToGroup) signalGroup(signal);
    else proc.kill(signal);
    const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    // The wrapper may exit before its child: make sure nothing of the group lingers.
    signalGroup('SIGKILL');
  };
  return {
    proc,
    match,
    output: () => out,
    stop: (graceMs = 5_000) => signalAndWait('SIGTERM', graceMs),
    kill: () => signalAndWait('SIGKILL', 0),
  };
}
