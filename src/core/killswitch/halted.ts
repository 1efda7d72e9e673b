/**
 * Whether trading is halted, read one way for every view (the header, the
 * Kill switch button, its dialog, the health verdict): the killswitch is
 * active by the status or by the risk summary, since when and by whom.
 */
import type { KillswitchSource, RiskSummary, Status } from '../../contract/hft.js';

export interface Halted {
  /** Epoch ms the killswitch fired, when the system says. */
  since: number | null;
  source: KillswitchSource | null;
  reason: string | null;
  /** "loss limit", "by hand", or "source not reported". */
  byWords: string;
}

const BY_WORDS: Record<KillswitchSource, string> = { auto_loss_limit: 'loss limit', manual: 'by hand' };

export function haltedState(status: Pick<Status, 'killswitch'> | null, risk: Pick<RiskSummary, 'killswitch_active'> | null): Halted | null {
  const active = status?.killswitch.active === true || risk?.killswitch_active === true;
  if (!active) return null;
  const ks = status?.killswitch.active ? status.killswitch : null;
  return {
    since: ks?.activated_at ? Date.parse(ks.activated_at) : null,
    source: ks?.source ?? null,
    reason: ks?.reason ?? null,
    byWords: ks?.source ? BY_WORDS[ks.source] : 'source not reported',
  };
}
