/**
 * Proof that trading stopped, read back from the system itself, never
 * assumed from a 200 answer (a system can answer 200 and keep trading).
 *
 * A halt is verified when, in the same read-back:
 * - `killswitch.active` is true,
 * - `trading_enabled` is false,
 * - every strategy's status is exactly "stopped". Paused and errored ones
 *   do not count: a paused strategy resumes at a word and an errored one
 *   may be restarted by its supervisor, and the API promises that
 *   activation stops every strategy.
 *
 * Each finding is a plain sentence for the dialog ("killswitch.active is
 * false"); next steps name the command to run on the host and the desk.
 */
import type { Status, Strategies, Strategy } from '../../contract/hft.js';
import type { Contact, Playbook } from '../playbook/schema.js';
import { haltCheckCommand, killswitchCommand, stopStrategyCommand, strategiesCheckCommand } from './host-commands.js';

export interface NextStep {
  text: string;
  /** A command to run in a terminal on the trading host. */
  command?: string;
  phone?: string;
  email?: string;
}

export type DeskContact = Pick<Contact, 'name' | 'phone' | 'email'>;

/** The desk named by the playbook's escalation; a fallback keeps the step even in a broken playbook. */
export function deskContactOf(playbook: Playbook): DeskContact {
  const desk = playbook.contacts.find((c) => c.id === playbook.escalation.deskContact);
  return desk ? { name: desk.name, phone: desk.phone, email: desk.email } : { name: 'Trading desk' };
}

export function tellDesk(desk: DeskContact, what: string): NextStep {
  const reach = [desk.phone, desk.email].filter(Boolean).join(', ');
  return { text: `${what}: call ${desk.name}${reach ? ` (${reach})` : ''}`, phone: desk.phone, email: desk.email };
}

/** Ids shown in a sentence before "and N more". */
const IDS_SHOWN = 5;

export function listIds(ids: readonly string[]): string {
  if (ids.length <= IDS_SHOWN) return ids.join(', ');
  return `${ids.slice(0, IDS_SHOWN).join(', ')} and ${ids.length - IDS_SHOWN} more`;
}

function describeNotStopped(strategies: readonly Strategy[]): string[] {
  const byStatus = new Map<string, string[]>();
  for (const s of strategies) byStatus.set(s.status, [...(byStatus.get(s.status) ?? []), s.strategy_id]);
  return [...byStatus].map(([status, ids]) =>
    `${ids.length} ${ids.length === 1 ? 'strategy' : 'strategies'} still ${status}: ${listIds(ids)}`,
  );
}

export interface HaltCheck {
  verified: boolean;
  killswitchActive: boolean;
  tradingEnabled: boolean;
  /** Strategies whose status is "stopped". */
  strategiesStopped: number;
  /** Ids of strategies not stopped, in the order the system lists them. */
  notStopped: string[];
  /** What was read, one sentence each; on success a one-line summary. */
  seen: string[];
  /** Who set the killswitch and why, as the system reports it. */
  killswitch: Status['killswitch'];
}

export function checkHalt(status: Status, strategies: Strategies): HaltCheck {
  const notStopped = strategies.strategies.filter((s) => s.status !== 'stopped');
  const stopped = strategies.strategies.length - notStopped.length;
  const seen: string[] = [];
  if (!status.killswitch.active) seen.push('killswitch.active is false');
  if (status.trading_enabled) seen.push('trading_enabled is true');
  seen.push(...describeNotStopped(notStopped));
  const verified = seen.length === 0;
  if (verified) {
    const by = status.killswitch.source === 'auto_loss_limit' ? 'by the system (loss limit)' : 'manually';
    seen.push(`killswitch active (set ${by}: "${status.killswitch.reason ?? ''}"), trading disabled, ${stopped} of ${stopped} strategies stopped`);
  }
  return {
    verified,
    killswitchActive: status.killswitch.active,
    tradingEnabled: status.trading_enabled,
    strategiesStopped: stopped,
    notStopped: notStopped.map((s) => s.strategy_id),
    seen,
    killswitch: status.killswitch,
  };
}

/** What to do once the killswitch is sent: the desk always; when unproven, the commands that halt by hand. */
export function haltNextSteps(check: HaltCheck | null, reason: string, desk: DeskContact): NextStep[] {
  if (check?.verified) return [tellDesk(desk, 'Tell the trading desk trading is halted')];
  const steps: NextStep[] = [];
  if (check === null || !check.killswitchActive || check.tradingEnabled) {
    steps.push({ text: 'On the trading host, send the killswitch by hand', command: killswitchCommand(reason) });
    steps.push({ text: 'Then read back the halt', command: haltCheckCommand() });
  }
  if (check === null || check.notStopped.length > 0) {
    steps.push({ text: 'See which strategies are still not stopped', command: strategiesCheckCommand() });
  }
  steps.push(tellDesk(desk, 'Tell the trading desk the halt is NOT verified'));
  return steps;
}

export interface StopCheck {
  verified: boolean;
  /** Asked-for ids now stopped. */
  stopped: string[];
  /** Asked-for ids listed with another status. */
  notStopped: { id: string; status: Strategy['status'] }[];
  /** Asked-for ids the system does not list. */
  missing: string[];
  seen: string[];
}

/** The given strategies stopped, read back. An id the system does not list is not proof of anything. */
export function checkStops(strategies: Strategies, ids: readonly string[]): StopCheck {
  const byId = new Map(strategies.strategies.map((s) => [s.strategy_id, s]));
  const stopped: string[] = [];
  const notStopped: StopCheck['notStopped'] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const s = byId.get(id);
    if (s === undefined) missing.push(id);
    else if (s.status === 'stopped') stopped.push(id);
    else notStopped.push({ id, status: s.status });
  }
  const seen = describeNotStopped(notStopped.map((n) => byId.get(n.id)!));
  if (missing.length > 0) seen.push(`not listed by the system: ${listIds(missing)}`);
  const verified = notStopped.length === 0 && missing.length === 0;
  if (verified) seen.push(`${stopped.length} of ${stopped.length} ${stopped.length === 1 ? 'strategy' : 'strategies'} stopped: ${listIds(stopped)}`);
  return { verified, stopped, notStopped, missing, seen };
}

export function stopNextSteps(check: StopCheck | null, ids: readonly string[], reason: string, desk: DeskContact): NextStep[] {
  const pending = check === null ? [...ids] : check.notStopped.map((n) => n.id);
  const steps: NextStep[] = pending.map((id) => ({ text: `On the trading host, stop ${id} by hand`, command: stopStrategyCommand(id, reason) }));
  if (check !== null && check.missing.length > 0) {
    steps.push({ text: 'Check the strategy ids against what the system lists', command: strategiesCheckCommand() });
  }
  steps.push(tellDesk(desk, check?.verified ? 'Tell the trading desk which strategies were stopped' : 'Tell the trading desk the stop is NOT verified'));
  return steps;
}
