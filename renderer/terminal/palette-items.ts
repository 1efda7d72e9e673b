/**
 * What the command palette offers: the team's quick-reference commands and
 * the current incident's runbook commands, filled in for the host of the
 * active terminal, for each exchange the incident names, and calling the
 * trading API where this terminal reaches it (src/core/terminal/api-base.ts).
 * Pure, so the choice of commands is tested without a DOM. Nothing here
 * runs anything: a chosen command is typed, not submitted.
 */
import type { Incident, Playbook } from '../../src/contract/incidents.js';
import { fillCommand, placeholdersOf } from '../../src/core/playbook/runbook.js';
import { HOST_LOCAL_API, withApiBase } from '../../src/core/terminal/api-base.js';
import { fillQuickCommand, QUICK_COMMANDS } from '../../src/core/terminal/quick-commands.js';

/**
 * Where the trading system is installed on the hosts (its `scripts/` live
 * there). An assumption of this cockpit's defaults: the host profile does
 * not carry it yet.
 */
export const DEFAULT_INSTALL_DIR = '/opt/hft_system';

export interface PaletteItem {
  id: string;
  label: string;
  /** The text typed into the terminal, without a trailing Enter. */
  command: string;
  /** `cockpit`: an action of the cockpit itself (start a drill), run on choosing; nothing is typed. */
  source: 'quick' | 'runbook' | 'cockpit';
  action?: () => void;
  /** Placeholders that could not be filled; such items are shown but not offered. */
  missing: string[];
}

export interface PaletteContext {
  /** The host the active terminal is on; "localhost" for a local shell. */
  host: string;
  /** The trading API's base as this terminal reaches it (`apiBaseFor`); the procedures' localhost:8080 by default. */
  apiBase?: string;
  /** The exchanges the watched system trades on, to tell which of an incident's subjects are exchanges. */
  knownExchanges?: readonly string[];
  installDir?: string;
  incident?: Incident | null;
  playbook?: Playbook | null;
}

/**
 * The killswitch has its own guarded control; a terminal command would
 * bypass the hold, the confirmation and the audit trail. Runbooks come from
 * an editable playbook file, so they are filtered here, not trusted.
 */
export const isKillswitchCommand = (command: string) => /killswitch/i.test(command);

/**
 * The exchanges an incident is about, for {exchange} placeholders: all the
 * subjects of an exchange-disconnected incident (one, or several for a
 * SEV1), and for any other incident the subjects the system knows as exchanges.
 */
export function exchangesOf(incident: Incident | null | undefined, knownExchanges: readonly string[] = []): string[] {
  if (!incident) return [];
  if (incident.scenario === 'exchange_disconnected') return [...incident.subjects];
  const known = new Set(knownExchanges.map((e) => e.toLowerCase()));
  return incident.subjects.filter((s) => known.has(s.toLowerCase()));
}

/** One entry per exchange for a command that names {exchange}, else the command alone. */
function perExchange(template: string, exchanges: readonly string[]): (string | undefined)[] {
  return placeholdersOf(template).includes('exchange') && exchanges.length > 0 ? [...exchanges] : [undefined];
}

export function paletteItems(context: PaletteContext): PaletteItem[] {
  const exchanges = exchangesOf(context.incident, context.knownExchanges);
  const several = exchanges.length > 1;
  const items: PaletteItem[] = [];
  const { incident, playbook } = context;
  if (incident?.scenario && playbook) {
    for (const step of playbook.scenarios[incident.scenario].runbook) {
      if (!step.command || isKillswitchCommand(step.command)) continue;
      for (const exchange of perExchange(step.command, exchanges)) {
        const filled = fillCommand(step.command, { host: context.host, ...(exchange ? { exchange } : {}) });
        items.push({
          id: `runbook:${step.id}${exchange && several ? `:${exchange}` : ''}`,
          label: `${incident.id}: ${step.text}${exchange && several ? ` (${exchange})` : ''}`,
          command: filled.ok ? filled.command : step.command,
          source: 'runbook',
          missing: filled.ok ? [] : filled.missing,
        });
      }
    }
  }
  for (const quick of QUICK_COMMANDS) {
    for (const exchange of perExchange(quick.template, exchanges)) {
      const filled = fillQuickCommand(quick, { host: context.host, installDir: context.installDir ?? DEFAULT_INSTALL_DIR, ...(exchange ? { exchange: exchange.toLowerCase() } : {}) });
      if (!filled.ok && filled.unsafe.length > 0) continue;
      items.push({
        id: `quick:${quick.id}${exchange && several ? `:${exchange}` : ''}`,
        label: `${quick.label}${exchange ? `: ${exchange}` : ''}`,
        command: filled.ok ? filled.command : quick.template,
        source: 'quick',
        missing: filled.ok ? [] : filled.missing,
      });
    }
  }
  const base = context.apiBase ?? HOST_LOCAL_API;
  return items.filter((item) => !isKillswitchCommand(item.command)).map((item) => ({ ...item, command: withApiBase(item.command, base) }));
}

/** Items whose label or command contains every word of the query, case-insensitively. */
export function filterPalette(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = `${item.label} ${item.command}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
