import { describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { debriefItems, HELD_DEBRIEF_SHOWN_MS } from './debriefs.js';

// 2026-12-04 is a Friday.
const FRI = (h: number) => Date.UTC(2026, 11, 4, h);
const MON_DUE = Date.UTC(2026, 11, 7, 17); // next business day, by the playbook's 17:00
const calendar = DEFAULT_PLAYBOOK.businessDays;

function history(): IncidentsState {
  let s = initialIncidentsState();
  const act = (e: Parameters<typeof applyIncidentEvent>[1], at: number) => (s = applyIncidentEvent(s, e, at, DEFAULT_PLAYBOOK));
  act({ type: 'open', by: 'ana', severity: 'SEV1', title: 'Trading system not responding', scenario: 'system_down' }, FRI(9));
  act({ type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Failed over.' }, FRI(10));
  act({ type: 'open', by: 'ana', severity: 'SEV2', title: 'High latency', scenario: 'high_latency' }, FRI(11));
  act({ type: 'resolve', incidentId: 'INC-2', by: 'ana', note: 'ok' }, FRI(12));
  act({ type: 'open', by: 'ana', severity: 'SEV3', title: 'Loss limit', scenario: 'loss_limit' }, FRI(13));
  act({ type: 'change_severity', incidentId: 'INC-3', by: 'ana', severity: 'SEV1', reason: 'at 90%' }, FRI(13) + 60_000);
  act({ type: 'change_severity', incidentId: 'INC-3', by: 'ana', severity: 'SEV2', reason: 'recovered' }, FRI(14));
  act({ type: 'resolve', incidentId: 'INC-3', by: 'ana', note: 'ok' }, FRI(15));
  act({ type: 'open', by: 'ana', severity: 'SEV1', title: 'Still open', scenario: 'system_down' }, FRI(16));
  return s;
}

describe('debriefItems', () => {
  it('gives each resolved SEV1, once SEV1 counting, a debrief due the next business day', () => {
    const items = debriefItems(history().incidents, calendar, {}, FRI(18));
    expect(items.map((i) => [i.incidentId, i.resolvedAt, i.dueAt, i.overdue])).toEqual([
      ['INC-1', FRI(10), MON_DUE, false],
      ['INC-3', FRI(15), MON_DUE, false],
    ]);
    expect(debriefItems(history().incidents, calendar, {}, MON_DUE)[0]).toMatchObject({ overdue: true });
  });

  it('keeps a held debrief for a day, then drops it; a drill needs none', () => {
    const held = { 'INC-1': FRI(17) };
    expect(debriefItems(history().incidents, calendar, held, FRI(18))[0]).toMatchObject({ incidentId: 'INC-1', heldAt: FRI(17), overdue: false });
    expect(debriefItems(history().incidents, calendar, held, FRI(17) + HELD_DEBRIEF_SHOWN_MS).map((i) => i.incidentId)).toEqual(['INC-3']);
    const drill = history().incidents.map((i) => ({ ...i, drill: true }));
    expect(debriefItems(drill, calendar, {}, FRI(18))).toEqual([]);
  });
});
