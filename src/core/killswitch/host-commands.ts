/**
 * The commands an engineer runs on the trading host when the cockpit could
 * not prove a halt, written the way the operators already type them
 * (shared/hft-api.md), with the reason shell-quoted so any text is safe to
 * paste.
 */

/** The management API as seen from the host itself. */
export const HOST_API_BASE = 'http://localhost:8080';

/**
 * One POSIX shell word: single quotes around everything, each ' written
 * as '\'' (close, escaped quote, reopen). Nothing inside single quotes is
 * special to sh, bash or zsh, so no other escaping is needed.
 */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The text as is when it has nothing a shell would read, quoted otherwise: keeps pasted commands readable. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9._\/:=@%+-]+$/.test(text) ? text : shellQuote(text);
}

/** `{"reason": ...}` as the API takes it. */
export const reasonJson = (reason: string): string => JSON.stringify({ reason });

export function killswitchCommand(reason: string, base = HOST_API_BASE): string {
  return `curl -X POST ${base}/api/v1/killswitch -d ${shellQuote(reasonJson(reason))}`;
}

export function haltCheckCommand(base = HOST_API_BASE): string {
  return `curl ${base}/api/v1/status | jq '{trading_enabled, killswitch}'`;
}

export function strategiesCheckCommand(base = HOST_API_BASE): string {
  return `curl ${base}/api/v1/strategies | jq '.strategies[] | select(.status != "stopped") | {id: .strategy_id, status: .status}'`;
}

export function stopStrategyCommand(id: string, reason: string, base = HOST_API_BASE): string {
  return `curl -X POST ${base}/api/v1/strategies/${shellWord(encodeURIComponent(id))}/stop -d ${shellQuote(reasonJson(reason))}`;
}
