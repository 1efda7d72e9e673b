/**
 * Runbook commands are templates: `{exchange}` and `{host}` are filled from
 * the incident before the command is put in the terminal. The engineer
 * still reads and runs it; nothing here executes anything.
 */
import type { RunbookStep } from './schema.js';

export interface RunbookContext {
  exchange?: string;
  host?: string;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The placeholders a command names, in order of first use. */
export function placeholdersOf(command: string): string[] {
  return [...new Set([...command.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * The command with its placeholders filled, or the names still missing.
 * An exchange name is passed as the scripts expect it, upper case
 * (`check_exchange_status.sh BINANCE`); values are never shell-quoted here
 * because they come from the trading system's own exchange list and the
 * engineer's host list, and the engineer sees the line before running it.
 */
export function fillCommand(
  command: string,
  context: RunbookContext,
): { ok: true; command: string } | { ok: false; missing: string[] } {
  const values: Record<string, string | undefined> = {
    exchange: context.exchange?.toUpperCase(),
    host: context.host,
  };
  const missing = placeholdersOf(command).filter((name) => !values[name]);
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, command: command.replace(PLACEHOLDER, (_, name: string) => values[name]!) };
}

/** Steps with their commands filled where possible, for display beside an incident. */
export function runbookFor(steps: readonly RunbookStep[], context: RunbookContext): (RunbookStep & { missing: string[] })[] {
  return steps.map((step) => {
    if (step.command === undefined) return { ...step, missing: [] };
    const filled = fillCommand(step.command, context);
    return filled.ok ? { ...step, command: filled.command, missing: [] } : { ...step, missing: filled.missing };
  });
}
