/**
 * Lines the cockpit itself writes into a terminal, so an engineer scrolling
 * back later can tell the session's own output from what happened to the
 * session. Dim (SGR 2) and on their own lines; plain text inside brackets so
 * they survive copy/paste into an incident note.
 */

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const line = (text: string) => `\r\n${DIM}[${text}]${RESET}\r\n`;

export interface SessionExit {
  /** Exit status of the shell; null when it ended by a signal or the link dropped. */
  code: number | null;
  signal: string | null;
}

export function sessionEndedNotice(exit: SessionExit): string {
  if (exit.signal) return line(`session ended — killed by ${exit.signal}`);
  if (exit.code === null) return line('session ended');
  return line(`session ended — exit code ${exit.code}`);
}

export function connectionLostNotice(retryInMs: number): string {
  const seconds = Math.round(retryInMs / 100) / 10;
  return line(`connection lost — reconnecting in ${seconds} s`);
}

export function reconnectedNotice(): string {
  return line('reconnected — new shell; the scrollback above is from the previous one');
}

export function reconnectGaveUpNotice(reason: string): string {
  return line(`not reconnecting: ${reason}`);
}

export function recordingNotice(path: string): string {
  return line(`recording this session to ${path}`);
}

export function reconnectFailedNotice(reason: string, retryInMs: number): string {
  const seconds = Math.round(retryInMs / 100) / 10;
  return line(`reconnect failed: ${reason} — trying again in ${seconds} s`);
}
