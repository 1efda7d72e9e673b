import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import type { ScenarioId, Severity } from '../playbook/schema.js';
import { applyIncidentEvent, type IncidentEvent } from './apply.js';
import { initialIncidentsState, type Incident } from './model.js';
import { TREND_WEEK_MS, trendRows, weeklyTrend } from './trend.js';

const NOW = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** One incident that started `daysAgo` days before NOW, acknowledged and resolved after the given minutes. */
function incident(daysAgo: number, o: { severity?: Severity; scenario?: ScenarioId | null; byHand?: boolean; ackMin?: number; resolveMin?: number; falsePositive?: boolean; drill?: boolean } = {}): Incident {
  const at = NOW - daysAgo * DAY;
  let s = applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity: o.severity ?? 'SEV2', title: 't', scenario: o.scenario ?? null }, at, PB);
  const act = (e: IncidentEvent, t: number) => (s = applyIncidentEvent(s, e, t, PB));
  if (o.ackMin !== undefined) act({ type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }, at + o.ackMin * MIN);
  if (o.resolveMin !== undefined) {
    act({ type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'done', falsePositive: o.falsePositive ?? false, finalUpdate: { text: 'Final: resolved.' } }, at + o.resolveMin * MIN);
  }
  const one = s.incidents[0]!;
  return { ...one, openedBy: o.byHand ? 'ana' : null, ...(o.drill ? { drill: true } : {}) };
}

describe('the weekly trend', () => {
  const incidents = [
    incident(1, { scenario: 'exchange_disconnected', ackMin: 4, resolveMin: 40 }),
    incident(2, { scenario: 'exchange_disconnected', ackMin: 10, resolveMin: 60 }),
    incident(3, { severity: 'SEV1', scenario: 'system_down', ackMin: 2 }),
    incident(5, { severity: 'SEV3', scenario: null, byHand: true, resolveMin: 5, falsePositive: true }),
    incident(6.9, { scenario: 'high_latency', drill: true, ackMin: 1 }),
    // Last week:
    incident(8, { scenario: 'exchange_disconnected', ackMin: 12, resolveMin: 90 }),
    incident(13, { severity: 'SEV3', scenario: 'disk_low', ackMin: 30, resolveMin: 120 }),
    // Older: counted nowhere.
    incident(15, { scenario: 'exchange_disconnected' }),
  ];

  it('counts the last seven days against the seven before, by start, leaving drills out', () => {
    const { thisWeek, lastWeek } = weeklyTrend(incidents, NOW);
    expect(thisWeek).toMatchObject({
      from: NOW - TREND_WEEK_MS, total: 4,
      bySeverity: { SEV1: 1, SEV2: 2, SEV3: 1, SEV4: 0 },
      byScenario: { exchange_disconnected: 2, system_down: 1, other: 1 },
      openedByHand: 1, falsePositives: 1,
      medianAckMinutes: 4, medianResolveMinutes: 40,
    });
    expect(lastWeek).toMatchObject({ total: 2, byScenario: { exchange_disconnected: 1, disk_low: 1 }, medianAckMinutes: 21, medianResolveMinutes: 105 });
  });

  it('puts an incident on the boundary into the newer week', () => {
    const edge = incident(7);
    expect(weeklyTrend([edge], NOW).thisWeek.total).toBe(1);
    expect(weeklyTrend([edge], NOW).lastWeek.total).toBe(0);
    expect(weeklyTrend([edge], NOW + 1).lastWeek.total).toBe(1);
  });

  it('reads as rows with the change in words, only for what either week had', () => {
    const rows = trendRows(weeklyTrend(incidents, NOW), PB);
    expect(rows.map((r) => [r.label, r.thisWeek, r.lastWeek, r.change])).toEqual([
      ['Incidents', '4', '2', 'up 2'],
      ['SEV1', '1', '0', 'up 1'],
      ['SEV2', '2', '1', 'up 1'],
      ['SEV3', '1', '1', 'same'],
      ['Exchange disconnected', '2', '1', 'up 1'],
      ['System not responding', '1', '0', 'up 1'],
      ['Disk space low', '0', '1', 'down 1'],
      ['Other (opened by hand, no scenario)', '1', '0', 'up 1'],
      ['Opened by hand (the rules did not see them)', '1', '0', 'up 1'],
      ['False positives (the rules were wrong)', '1', '0', 'up 1'],
      ['Median time to acknowledge', '4 min', '21 min', 'down 17 min'],
      ['Median time to resolve', '40 min', '105 min', 'down 65 min'],
    ]);
  });

  it('says nothing about a change where a week has no value', () => {
    const rows = trendRows(weeklyTrend([incident(1)], NOW), PB);
    expect(rows.find((r) => r.label === 'Median time to acknowledge')).toEqual({ label: 'Median time to acknowledge', thisWeek: '—', lastWeek: '—', change: '' });
  });
});
