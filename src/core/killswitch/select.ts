/**
 * Which strategies a stop is about (scenarios 1 and 3 of the playbook), and
 * when the killswitch button shows itself armed.
 *
 * "Not stopped" means running, paused or errored: a paused strategy resumes
 * at a word and an errored one may be restarted by its supervisor, while
 * stopping any of them costs nothing.
 */
import type { RiskSummary, Status, Strategies, Strategy } from '../../contract/hft.js';
import type { Playbook } from '../playbook/schema.js';

const notStopped = (s: Strategy) => s.status !== 'stopped';

/** Strategies trading on `exchange` (scenario 1: the exchange is down), names compared case-insensitively. */
export function strategiesOnExchange(strategies: Strategies, exchange: string): Strategy[] {
  const name = exchange.trim().toLowerCase();
  return strategies.strategies.filter((s) => notStopped(s) && s.exchanges.some((e) => e.toLowerCase() === name));
}

/** Strategies losing money today (scenario 3), worst first. */
export function strategiesLosingToday(strategies: Strategies): Strategy[] {
  return strategies.strategies
    .filter((s) => notStopped(s) && s.performance.daily_pnl_usd < 0)
    .sort((a, b) => a.performance.daily_pnl_usd - b.performance.daily_pnl_usd);
}

/**
 * The reasons the dialog offers (the issue's presets); the engineer may
 * write another. The last one is the procedures' rule: when in doubt, press.
 */
export const KILL_REASONS = [
  { id: 'loss-limit', text: 'Daily loss limit approaching' },
  { id: 'runaway', text: 'Runaway strategy' },
  { id: 'exchange-incident', text: 'Exchange incident' },
  { id: 'unexplained', text: 'Unexplained behaviour: when in doubt' },
] as const;
export type KillReasonId = (typeof KILL_REASONS)[number]['id'];

export interface KillswitchReadiness {
  /** The button shows itself armed. */
  armed: boolean;
  /** The reason the dialog preselects; null leaves the choice empty. */
  preselect: KillReasonId | null;
  lossLimitUsedPct: number | null;
}

/** At the playbook's prepare-to-kill mark (90%) the button is armed and the loss-limit reason preselected. */
export function killswitchReadiness(risk: RiskSummary | null, playbook: Playbook): KillswitchReadiness {
  if (risk === null) return { armed: false, preselect: null, lossLimitUsedPct: null };
  const armed = risk.loss_limit_used_pct >= playbook.scenarios.loss_limit.detection.prepareKillPct;
  return { armed, preselect: armed ? 'loss-limit' : null, lossLimitUsedPct: risk.loss_limit_used_pct };
}

export interface KillswitchBanner {
  source: 'manual' | 'auto_loss_limit' | null;
  reason: string | null;
  /** Epoch ms, or null when the system gave no time. */
  activatedAt: number | null;
  text: string;
}

/** The banner shown while the system reports its killswitch active, whoever set it; null when it is not. */
export function killswitchBanner(status: Status | null): KillswitchBanner | null {
  if (status === null || !status.killswitch.active) return null;
  const { source, reason, activated_at } = status.killswitch;
  const by = source === 'auto_loss_limit' ? 'The system fired the killswitch by itself (loss limit)' : 'Killswitch active';
  return {
    source,
    reason,
    activatedAt: activated_at === null ? null : Date.parse(activated_at),
    text: `${by}${reason ? `: ${reason}` : ''}. Trading is halted.`,
  };
}
