/**
 * Local shells through node-pty. This is the only file that imports node-pty;
 * everything else goes through PtyFactory so tests and other hosts can swap
 * it.
 */
import { homedir } from 'node:os';
import * as nodePty from 'node-pty';
import { createFlowSession } from './flow-session.js';
import type { TerminalProducer, TerminalSession } from './session.js';

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: Record<string, string>;
  /** TERM value. */
  name: string;
}

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(signal?: string): void;
}

export interface PtyFactory {
  spawn(file: string, args: string[], options: PtySpawnOptions): PtyProcess;
}

export const nodePtyFactory: PtyFactory = {
  spawn(file, args, options) {
    // encoding 'utf8' (the default): node-pty decodes through a StringDecoder,
    // which already keeps multi-byte characters whole, and sets IUTF8 on the
    // tty so Backspace erases a whole character in cooked mode.
    const proc = nodePty.spawn(file, args, { ...options, encoding: 'utf8' });
    return {
      pid: proc.pid,
      onData: (listener) => void proc.onData(listener),
      onExit: (listener) => void proc.onExit(listener),
      write: (data) => proc.write(data),
      resize: (cols, rows) => proc.resize(cols, rows),
      pause: () => proc.pause(),
      resume: () => proc.resume(),
      kill: (signal) => proc.kill(signal),
    };
  },
};

export const DEFAULT_COLS = 80;
export const DEFAULT_ROWS = 24;

export interface LocalShellOptions {
  cols?: number;
  rows?: number;
  /** Defaults to $SHELL, then /bin/bash. */
  shell?: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  scrollbackChars?: number;
  title?: string;
}

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM' };

export function openLocalShell(factory: PtyFactory, options: LocalShellOptions = {}): TerminalSession {
  const baseEnv = options.env ?? process.env;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  const shell = options.shell ?? env.SHELL ?? '/bin/bash';
  const proc = factory.spawn(shell, options.args ?? [], {
    cols: options.cols ?? DEFAULT_COLS,
    rows: options.rows ?? DEFAULT_ROWS,
    cwd: options.cwd ?? homedir(),
    env,
    name: 'xterm-256color',
  });
  const producer: TerminalProducer = {
    onData: (listener) => proc.onData(listener),
    onExit: (listener) =>
      proc.onExit(({ exitCode, signal }) =>
        listener(signal ? { code: null, signal: SIGNAL_NAMES[signal] ?? `signal ${signal}` } : { code: exitCode, signal: null }),
      ),
    write: (data) => proc.write(data),
    resize: (cols, rows) => proc.resize(cols, rows),
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    kill: () => proc.kill('SIGHUP'),
  };
  return createFlowSession(producer, {
    title: options.title ?? 'local shell',
    scrollbackChars: options.scrollbackChars,
  });
}
