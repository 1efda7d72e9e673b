/**
 * A condition that comes back after its incident was resolved: within the
 * playbook's window it reopens that incident, as new from the reopening;
 * later it opens a new incident that names the earlier one. And resolving
 * while the condition still holds says so on the timeline.
 */
import { describe, expect, it } from 'vitest';
import type { AlertSignal } from '../alerts/evaluate.js';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import { applyIncidentEvent, applyIncidentEvents, signalEvents, type IncidentEvent } from './apply.js';
import { nextDeadlines } from './clocks.js';
import { initialIncidentsState, type IncidentsState } from './model.js';

const T0 = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;
const WINDOW = PB.alerting.recurWithinMinutes * MIN;

const raise = (over: Partial<AlertSignal> = {}): AlertSignal => ({
  kind: 'raise', conditionKey: 'exchange_disconnected', scenario: 'exchange_disconnected', severity: 'SEV2',
  title: 'Exchange disconnected: binance', detail: '1 of 4 exchanges disconnected: binance.', subjects: ['binance'], at: T0, ...over,
});
const feed = (state: IncidentsState, at: number, ...signals: AlertSignal[]) => applyIncidentEvents(state, signalEvents(signals), at, PB);
const act = (state: IncidentsState, at: number, event: IncidentEvent) => applyIncidentEvent(state, event, at, PB);

/** INC-1 raised at T0, acknowledged, engaged, desk told, cleared and resolved at T0 + 10 min. */
function resolvedOnce(): IncidentsState {
  let s = feed(initialIncidentsState(), T0, raise({ severity: 'SEV1', title: 'Exchanges disconnected: binance, okx', subjects: ['binance', 'okx'] }));
  s = act(s, T0 + MIN, { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' });
  s = act(s, T0 + 2 * MIN, { type: 'engage', incidentId: 'INC-1', by: 'ana' });
  s = act(s, T0 + 3 * MIN, { type: 'mark_done', incidentId: 'INC-1', item: 'notify_desk', by: 'ana' });
  s = act(s, T0 + 4 * MIN, { type: 'tick_step', incidentId: 'INC-1', stepId: 'check-exchange', by: 'ana' });
  s = feed(s, T0 + 9 * MIN, { ...raise(), kind: 'cleared' });
  return act(s, T0 + 10 * MIN, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Reconnected.' });
}

describe('a condition that comes back', () => {
  it('within the window reopens the same incident, triggered again, every clock from the reopening', () => {
    const back = T0 + 14 * MIN;
    const s = feed(resolvedOnce(), back, raise());
    expect(s.incidents).toHaveLength(1);
    const inc = s.incidents[0]!;
    expect(inc).toMatchObject({
      id: 'INC-1', phase: 'triggered', severity: 'SEV2', title: 'Exchange disconnected: binance', reopenedAt: back, startedAt: T0,
      acknowledged: null, engaged: null, resolved: null, resolutionNote: null, conditionClearedAt: null, done: {}, stepsDone: {},
    });
    expect(inc.timeline.at(-1)).toMatchObject({ kind: 'reopened', at: back, by: null });
    expect(inc.timeline.at(-1)!.text).toMatch(/^Recurred after 4 min: SEV2 Exchange disconnected: binance\./);
    // Everything before stays on the timeline.
    expect(inc.timeline.map((e) => e.kind)).toEqual(['raised', 'acknowledged', 'engaged', 'done', 'step', 'cleared', 'resolved', 'reopened']);
    const due = Object.fromEntries(nextDeadlines(s, back).map((d) => [d.kind, d.dueAt]));
    expect(due.ack).toBe(back + 15 * MIN);
    expect(due.engage).toBe(back + 30 * MIN);
    // The scenario's own Level 2 clock ("not reconnected after 30 minutes") comes first.
    expect(due.escalate_l2).toBe(back + PB.scenarios.exchange_disconnected.escalateLevel2.afterMinutes! * MIN);
    expect(due.secondary_takeover).toBe(back + 15 * MIN);
    expect(s.nextNumber).toBe(2);
  });

  it('reopens at the very end of the window and opens a new, linked incident just after it', () => {
    const resolvedAt = T0 + 10 * MIN;
    expect(feed(resolvedOnce(), resolvedAt + WINDOW, raise()).incidents.map((i) => [i.id, i.phase])).toEqual([['INC-1', 'triggered']]);
    const later = feed(resolvedOnce(), resolvedAt + WINDOW + 1, raise());
    expect(later.incidents.map((i) => [i.id, i.phase, i.follows ?? null])).toEqual([['INC-1', 'resolved', null], ['INC-2', 'triggered', 'INC-1']]);
    expect(later.incidents[1]!.startedAt).toBe(resolvedAt + WINDOW + 1);
  });

  it('reopens a SEV1 with its desk call due again five minutes from the reopening', () => {
    const back = T0 + 20 * MIN;
    const s = feed(resolvedOnce(), back, raise({ severity: 'SEV1', title: 'Exchanges disconnected: binance, okx', subjects: ['binance', 'okx'] }));
    const desk = nextDeadlines(s, back).find((d) => d.kind === 'notify_desk');
    expect(desk).toMatchObject({ startsAt: back, dueAt: back + 5 * MIN, done: null });
    expect(nextDeadlines(s, back).find((d) => d.kind === 'escalate_l3')?.dueAt).toBe(back + 120 * MIN);
  });

  it('reopens on a change of the condition after a resolve while it still held', () => {
    let s = feed(initialIncidentsState(), T0, raise());
    s = act(s, T0 + MIN, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Known maintenance.', despite: 'binance is still disconnected' });
    expect(s.incidents[0]!.timeline.at(-1)!.text).toBe('Resolved while binance is still disconnected (asked "resolve anyway?": yes). Known maintenance.');
    s = feed(s, T0 + 3 * MIN, { ...raise({ severity: 'SEV1', title: 'Exchanges disconnected: binance, kraken', subjects: ['binance', 'kraken'] }), kind: 'update' });
    expect(s.incidents.map((i) => [i.id, i.phase, i.severity])).toEqual([['INC-1', 'triggered', 'SEV1']]);
    expect(s.incidents[0]!.timeline.at(-1)!.text).toMatch(/^Recurred after 2 min/);
  });

  it('does not reopen on a clear or a threshold event for a resolved incident', () => {
    const s = resolvedOnce();
    expect(feed(s, T0 + 12 * MIN, { ...raise(), kind: 'cleared' })).toBe(s);
    expect(feed(s, T0 + 12 * MIN, { ...raise(), kind: 'event' })).toBe(s);
  });

  it('reopens the incident resolved last when there were several', () => {
    let s = resolvedOnce();
    s = feed(s, T0 + 50 * MIN, raise());
    s = act(s, T0 + 52 * MIN, { type: 'resolve', incidentId: 'INC-2', by: 'ana', note: 'Again.' });
    s = feed(s, T0 + 60 * MIN, raise());
    expect(s.incidents.map((i) => [i.id, i.phase])).toEqual([['INC-1', 'resolved'], ['INC-2', 'triggered']]);
  });
});
