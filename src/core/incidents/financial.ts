/**
 * High financial impact: the day's loss beyond the playbook's mark
 * (`escalation.financialImpactUsd`, $10K in the procedures) while an
 * incident is open. It is one escalation, not one per incident: the loss is
 * the book's, so one call to Level 3 tells it, on the incident that carries
 * the story: the open loss-limit incident, else the first open incident in
 * triage order. That incident is flagged once, which makes its Level 3 call
 * due at once (clocks.ts); while an open incident carries the flag, no other
 * is flagged, so a SEV3 beside it is not told to call Level 3 too.
 */
import type { Playbook } from '../playbook/schema.js';
import type { IncidentEvent } from './apply.js';
import { isOpen, type IncidentsState } from './model.js';
import { triageOrder } from './triage.js';

/** Built once: toLocaleString builds a formatter on every call. */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = (n: number) => `$${wholeNumber.format(Math.round(n))}`;

/** The flag event for the one incident that carries the financial escalation, when `dailyPnlUsd` is a loss past the mark; none when unknown or already carried. */
export function financialImpactEvents(state: IncidentsState, dailyPnlUsd: number | null, playbook: Playbook): IncidentEvent[] {
  const mark = playbook.escalation.financialImpactUsd;
  if (dailyPnlUsd === null || -dailyPnlUsd <= mark) return [];
  const open = state.incidents.filter(isOpen);
  if (open.some((i) => i.flags.financial_impact)) return [];
  const carrier = open.find((i) => i.scenario === 'loss_limit') ?? triageOrder(open)[0];
  if (!carrier) return [];
  const detail = `today's loss ${usd(-dailyPnlUsd)} is beyond the ${usd(mark)} mark`;
  return [{ type: 'flag', incidentId: carrier.id, flag: 'financial_impact', by: null, detail }];
}
