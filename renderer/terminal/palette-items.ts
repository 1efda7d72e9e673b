/**
 * What the command palette offers: the team's quick-reference commands and
 * the current incident's runbook commands, filled in for the host of the
 * active terminal. Pure, so the choice of commands is tested without a DOM.
 * Nothing here runs anything: a chosen command is typed, not submitted.
 */
import type { Incident, Playbook } from '../../src/contract/incidents.js';
import { fillCommand } from '../../src/core/playbook/runbook.js';
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
  source: 'quick' | 'runbook';
  /** Placeholders that could not be filled; such items are shown but not offered. */
  missing: string[];
}

export interface PaletteContext {
  /** The host the active terminal is on; "localhost" for a local shell. */
  host: string;
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

/** The exchange an incident is about, for {exchange} placeholders. */
function exchangeOf(incident: Incident | null | undefined): string | undefined {
  if (!incident || incident.scenario !== 'exchange_disconnected') return undefined;
  return incident.subjects[0];
}

export function paletteItems(context: PaletteContext): PaletteItem[] {
  const exchange = exchangeOf(context.incident);
  const items: PaletteItem[] = [];
  const { incident, playbook } = context;
  if (incident?.scenario && playbook) {
    for (const step of playbook.scenarios[incident.scenario].runbook) {
      if (!step.command || isKillswitchCommand(step.command)) continue;
      const filled = fillCommand(step.command, { host: context.host, ...(exchange ? { exchange } : {}) });
      items.push({
        id: `runbook:${step.id}`,
        label: `${incident.id}: ${step.text}`,
        command: filled.ok ? filled.command : step.command,
        source: 'runbook',
        missing: filled.ok ? [] : filled.missing,
      });
    }
  }
  for (const quick of QUICK_COMMANDS) {
    const filled = fillQuickCommand(quick, { host: context.host, installDir: context.installDir ?? DEFAULT_INSTALL_DIR, ...(exchange ? { exchange: exchange.toLowerCase() } : {}) });
    if (!filled.ok && filled.unsafe.length > 0) continue;
    items.push({
      id: `quick:${quick.id}`,
      label: quick.label,
      command: filled.ok ? filled.command : quick.template,
      source: 'quick',
      missing: filled.ok ? [] : filled.missing,
    });
  }
  return items.filter((item) => !isKillswitchCommand(item.command));
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
