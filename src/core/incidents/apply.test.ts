import { describe, expect, it } from 'vitest';
import type { AlertSignal } from '../alerts/evaluate.js';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import { applyIncidentEvent, applyIncidentEvents, findIncident, signalEvents, type IncidentEvent } from './apply.js';
import { initialIncidentsState, type IncidentsState } from './model.js';

const T0 = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;

function signal(kind: AlertSignal['kind'], over: Partial<AlertSignal> = {}): AlertSignal {
  return {
    kind, conditionKey: 'exchange_disconnected', scenario: 'exchange_disconnected', severity: 'SEV2',
    title: 'Exchange disconnected: binance', detail: '1 of 4 exchanges disconnected: binance.', subjects: ['binance'], at: T0, ...over,
  };
}

const feed = (state: IncidentsState, at: number, ...signals: AlertSignal[]) => applyIncidentEvents(state, signalEvents(signals), at, PB);
const act = (state: IncidentsState, at: number, event: IncidentEvent) => applyIncidentEvent(state, event, at, PB);

describe('incidents from alert signals', () => {
  it('opens one incident per raise, with the severity as text and the subject in the title', () => {
    const s = feed(initialIncidentsState(), T0, signal('raise'));
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({
      id: 'INC-1', severity: 'SEV2', title: 'Exchange disconnected: binance', phase: 'triggered',
      conditionKey: 'exchange_disconnected', scenario: 'exchange_disconnected', startedAt: T0, openedBy: null,
    });
    expect(s.incidents[0]!.timeline[0]).toMatchObject({ kind: 'raised', by: null, at: T0 });
    expect(s.nextNumber).toBe(2);
  });

  it('raises the open incident on a second exchange instead of opening another', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise'));
    s = feed(s, T0 + MIN, signal('update', { severity: 'SEV1', title: 'Exchanges disconnected: binance, kraken', subjects: ['binance', 'kraken'] }));
    expect(s.incidents).toHaveLength(1);
    const inc = s.incidents[0]!;
    expect(inc).toMatchObject({ severity: 'SEV1', title: 'Exchanges disconnected: binance, kraken', subjects: ['binance', 'kraken'] });
    expect(inc.severityHistory).toEqual([{ severity: 'SEV2', from: T0 }, { severity: 'SEV1', from: T0 + MIN }]);
    expect(inc.timeline.at(-1)!.text).toContain('Severity SEV2 → SEV1');
    expect(inc.due.find((d) => d.kind === 'notify_desk')?.dueAt).toBe(T0 + 6 * MIN);
  });

  it('says the condition cleared and waits for a person to resolve', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise'));
    s = feed(s, T0 + 2 * MIN, signal('cleared'));
    expect(s.incidents[0]).toMatchObject({ phase: 'triggered', conditionClearedAt: T0 + 2 * MIN });
    expect(s.incidents[0]!.timeline.at(-1)).toMatchObject({ kind: 'cleared' });
    expect(s.incidents[0]!.timeline.at(-1)!.text).toMatch(/Ready to resolve/);
  });

  it('folds a return of the condition into the incident still open', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise'));
    s = feed(s, T0 + 2 * MIN, signal('cleared'));
    s = feed(s, T0 + 3 * MIN, signal('raise'));
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({ conditionClearedAt: null });
    expect(s.incidents[0]!.timeline.map((e) => e.kind)).toEqual(['raised', 'cleared', 'returned']);
  });

  it('opens a new incident naming the earlier one when the condition returns after the recurrence window', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise'));
    s = feed(s, T0 + 2 * MIN, signal('cleared'));
    s = act(s, T0 + 3 * MIN, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Binance maintenance ended.' });
    s = feed(s, T0 + 3 * MIN + PB.alerting.recurWithinMinutes * MIN + 1, signal('raise'));
    expect(s.incidents.map((i) => [i.id, i.phase, i.follows])).toEqual([['INC-1', 'resolved', undefined], ['INC-2', 'triggered', 'INC-1']]);
    expect(s.incidents[1]!.timeline[0]!.text).toContain('Follows INC-1, resolved 30 min before.');
  });

  it('puts threshold events on the timeline of the open incident', () => {
    const loss = { conditionKey: 'loss_limit', scenario: 'loss_limit' as const, severity: 'SEV1' as const, title: 'Daily loss limit approaching', subjects: [] };
    let s = feed(initialIncidentsState(), T0, signal('raise', loss));
    s = feed(s, T0 + MIN, signal('event', { ...loss, mark: 'killswitch_fired', detail: 'Automatic killswitch fired: tell management.' }));
    expect(s.incidents[0]!.timeline.at(-1)).toMatchObject({ kind: 'event', text: 'Automatic killswitch fired: tell management.', at: T0 + MIN });
  });

  it('ignores a cleared or event signal with no incident open', () => {
    const empty = initialIncidentsState();
    expect(feed(empty, T0, signal('cleared'))).toBe(empty);
    expect(feed(empty, T0, signal('event'))).toBe(empty);
  });
});

describe('the lifecycle', () => {
  it('walks triggered → acknowledged → engaged → mitigated → resolved, each on the timeline', () => {
    let s = act(initialIncidentsState(), T0, { type: 'open', by: 'ana', severity: 'SEV3', title: 'Orders stuck pending on okx', subjects: ['okx'] });
    s = act(s, T0 + MIN, { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' });
    s = act(s, T0 + 2 * MIN, { type: 'engage', incidentId: 'INC-1', by: 'ana' });
    s = act(s, T0 + 3 * MIN, { type: 'tick_step', incidentId: 'INC-1', stepId: 'reconcile', by: 'ana' });
    s = act(s, T0 + 4 * MIN, { type: 'mitigate', incidentId: 'INC-1', by: 'ana', note: 'Orders cancelled.' });
    s = act(s, T0 + 5 * MIN, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Reconciled with the exchange.' });
    const inc = findIncident(s, 'INC-1')!;
    expect(inc.phase).toBe('resolved');
    expect(inc.openedBy).toBe('ana');
    expect(inc.timeline.map((e) => e.kind)).toEqual(['opened', 'acknowledged', 'engaged', 'step', 'mitigated', 'resolved']);
    expect(inc.resolved).toEqual({ by: 'ana', at: T0 + 5 * MIN });
  });

  it('engaging acknowledges too', () => {
    let s = act(initialIncidentsState(), T0, { type: 'open', by: 'ana', severity: 'SEV2', title: 'X' });
    s = act(s, T0 + MIN, { type: 'engage', incidentId: 'INC-1', by: 'ben' });
    expect(s.incidents[0]).toMatchObject({ phase: 'engaged', acknowledged: { by: 'ben', at: T0 + MIN } });
  });

  it('does not move backwards or change a resolved incident', () => {
    let s = act(initialIncidentsState(), T0, { type: 'open', by: 'ana', severity: 'SEV2', title: 'X' });
    s = act(s, T0 + MIN, { type: 'mitigate', incidentId: 'INC-1', by: 'ana' });
    s = act(s, T0 + 2 * MIN, { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' });
    expect(s.incidents[0]!.phase).toBe('mitigated');
    s = act(s, T0 + 3 * MIN, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'ok' });
    expect(act(s, T0 + 4 * MIN, { type: 'note', incidentId: 'INC-1', by: 'ana', text: 'late' })).toBe(s);
    expect(act(s, T0 + 4 * MIN, { type: 'acknowledge', incidentId: 'INC-404', by: 'ana' })).toBe(s);
  });

  it('names the runbook step in words on the timeline', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise'));
    s = act(s, T0 + MIN, { type: 'tick_step', incidentId: 'INC-1', stepId: 'check-exchange', by: 'ana' });
    expect(s.incidents[0]!.timeline.at(-1)!.text).toBe('Runbook step done: See whether the exchange itself is down');
    expect(s.incidents[0]!.stepsDone['check-exchange']).toEqual({ by: 'ana', at: T0 + MIN });
  });

  it('records a lowered severity with the reason', () => {
    let s = feed(initialIncidentsState(), T0, signal('raise', { severity: 'SEV1' }));
    s = act(s, T0 + MIN, { type: 'change_severity', incidentId: 'INC-1', severity: 'SEV3', by: 'ana', reason: 'Exchange maintenance, announced.' });
    expect(s.incidents[0]!.severity).toBe('SEV3');
    expect(s.incidents[0]!.timeline.at(-1)!.text).toBe('Severity lowered SEV1 → SEV3. Exchange maintenance, announced.');
  });
});
