/**
 * Where a command typed into a terminal finds the trading API. The team's
 * procedures and runbooks write `http://localhost:8080`, because they are
 * run on the trading host itself: that is right in an SSH session to a
 * prod host, and wrong in a local shell on the laptop, where nothing
 * listens on 8080 (in DEMO the simulator is on a port of its own). So in a
 * local shell the commands call the API the cockpit watches, by its base
 * URL; over SSH they stay as written. Pure.
 */

/** The API's base as the procedures write it, seen from the trading host. */
export const HOST_LOCAL_API = 'http://localhost:8080';

/**
 * A base URL safe to paste unquoted into a shell line: http(s), a host of
 * letters, digits, dots, dashes or an [IPv6] literal, an optional port and
 * a plain path. Anything else is not pasted (the command keeps localhost).
 */
const SAFE_BASE = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:\/[A-Za-z0-9._~/-]*)?$/;

export type TerminalPlace = { kind: 'local' } | { kind: 'ssh' };

/** The base URL commands should use in this terminal. */
export function apiBaseFor(place: TerminalPlace, watchedApiUrl: string | null | undefined): string {
  if (place.kind === 'ssh' || !watchedApiUrl) return HOST_LOCAL_API;
  const base = watchedApiUrl.replace(/\/+$/, '');
  return SAFE_BASE.test(base) ? base : HOST_LOCAL_API;
}

/** The command with the procedures' `http://localhost:8080` replaced by `base` (whole URL prefix only). */
export function withApiBase(command: string, base: string): string {
  if (base === HOST_LOCAL_API) return command;
  return command.replace(/http:\/\/localhost:8080(?![\d])/g, base);
}

/**
 * The base for a runbook's commands shown beside an incident, to copy. In
 * DEMO there is no trading host to paste them on, only the laptop's shell,
 * so they call the simulator the cockpit watches; otherwise they stay as the
 * procedures write them, for the trading host.
 */
export function runbookApiBase(demo: boolean, watchedApiUrl: string | null | undefined): string {
  return demo ? apiBaseFor({ kind: 'local' }, watchedApiUrl) : HOST_LOCAL_API;
}
