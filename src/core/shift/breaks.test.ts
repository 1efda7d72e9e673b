import { describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { BREAK_OFFER_AFTER_MS, breakOffer, breakState } from './breaks.js';

const T0 = Date.UTC(2026, 11, 3, 9, 0);
const MIN = 60_000;

function staged(): IncidentsState {
  let s = initialIncidentsState();
  const act = (e: Parameters<typeof applyIncidentEvent>[1], at: number) => (s = applyIncidentEvent(s, e, at, DEFAULT_PLAYBOOK));
  act({ type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange disconnected: kraken', scenario: 'exchange_disconnected' }, T0);
  act({ type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }, T0 + 2 * MIN);
  act({ type: 'open', by: 'bob', severity: 'SEV2', title: 'High latency', scenario: 'high_latency' }, T0 - 60 * MIN);
  act({ type: 'acknowledge', incidentId: 'INC-2', by: 'bob' }, T0 - 59 * MIN);
  return s;
}

describe('breakOffer', () => {
  it('offers a break once an incident the engineer is on has been open 2 hours, not before, and not for someone else’s', () => {
    const { incidents } = staged();
    expect(breakOffer(incidents, 'ana', T0 + BREAK_OFFER_AFTER_MS - 1)).toBeNull();
    expect(breakOffer(incidents, 'ana', T0 + BREAK_OFFER_AFTER_MS)?.id).toBe('INC-1');
    expect(breakOffer(incidents, 'carl', T0 + 5 * BREAK_OFFER_AFTER_MS)).toBeNull();
  });

  it('makes no offer for a resolved incident', () => {
    const s = applyIncidentEvent(staged(), { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'back' }, T0 + 100 * MIN, DEFAULT_PLAYBOOK);
    expect(breakOffer(s.incidents, 'ana', T0 + 3 * BREAK_OFFER_AFTER_MS)).toBeNull();
  });
});

describe('breakState', () => {
  it('runs until the alarm, then says come back', () => {
    const brk = { startedAt: T0, backAt: T0 + 15 * MIN, coveredBy: 'bob', incidentId: 'INC-1' };
    expect(breakState(null, T0)).toBe('none');
    expect(breakState(brk, T0 + 15 * MIN - 1)).toBe('on_break');
    expect(breakState(brk, T0 + 15 * MIN)).toBe('back_now');
  });
});
