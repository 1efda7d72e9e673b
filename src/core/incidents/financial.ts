/**
 * High financial impact: the day's loss beyond the playbook's mark
 * (`escalation.financialImpactUsd`, $10K in the procedures) while an
 * incident is open. Every incident open at that moment is flagged once,
 * which makes its Level 3 call due at once (clocks.ts); the loss is the
 * book's, and each open incident is part of the story Level 3 must hear.
 */
import type { Playbook } from '../playbook/schema.js';
import type { IncidentEvent } from './apply.js';
import { isOpen, type IncidentsState } from './model.js';

const usd = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;

/** Flag events for open incidents not yet flagged, when `dailyPnlUsd` is a loss past the mark; none when unknown. */
export function financialImpactEvents(state: IncidentsState, dailyPnlUsd: number | null, playbook: Playbook): IncidentEvent[] {
  const mark = playbook.escalation.financialImpactUsd;
  if (dailyPnlUsd === null || -dailyPnlUsd <= mark) return [];
  const detail = `today's loss ${usd(-dailyPnlUsd)} is beyond the ${usd(mark)} mark`;
  return state.incidents
    .filter((i) => isOpen(i) && !i.flags.financial_impact)
    .map((i) => ({ type: 'flag', incidentId: i.id, flag: 'financial_impact', by: null, detail }));
}
