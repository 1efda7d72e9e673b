import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import type { Severity } from '../playbook/schema.js';
import { applyIncidentEvent, type IncidentEvent } from './apply.js';
import { nextDeadlines } from './clocks.js';
import { initialIncidentsState, type IncidentsState } from './model.js';
import { compareTriage, soonestPendingDue, triageDeadlines, triageOrder } from './triage.js';

// Tuesday 2026-11-24 18:00 UTC.
const T0 = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;

const open = (state: IncidentsState, severity: Severity, at: number, title = `${severity} at ${at}`): IncidentsState =>
  applyIncidentEvent(state, { type: 'open', by: 'ana', severity, title }, at, PB);
const act = (state: IncidentsState, event: IncidentEvent, at: number) => applyIncidentEvent(state, event, at, PB);
const ids = (state: IncidentsState) => triageOrder(state.incidents).map((i) => i.id);

describe('triage order', () => {
  it('puts a fresh SEV1 above a SEV3 whose Level 2 escalation is long overdue', () => {
    let s = open(initialIncidentsState(), 'SEV3', T0 - 5 * 60 * MIN);
    s = act(s, { type: 'engage', incidentId: 'INC-1', by: 'ana' }, T0 - 5 * 60 * MIN); // INC-1: escalate_l2 overdue by 4 h
    s = open(s, 'SEV1', T0); // INC-2, just raised
    const now = T0 + MIN;
    // Soonest first, the SEV4's overdue clock would lead: that is the order the scheduler needs, not people.
    expect(nextDeadlines(s, now)[0]?.incidentId).toBe('INC-1');
    expect(ids(s)).toEqual(['INC-2', 'INC-1']);
    expect(triageDeadlines(s, now)[0]).toMatchObject({ incidentId: 'INC-2', kind: 'ack' });
    // The overdue SEV3 clock is still listed, after the SEV1's clocks.
    const sev4Overdue = triageDeadlines(s, now).findIndex((d) => d.incidentId === 'INC-1' && d.breached);
    const lastSev1 = triageDeadlines(s, now).findLastIndex((d) => d.incidentId === 'INC-2');
    expect(sev4Overdue).toBeGreaterThan(lastSev1);
  });

  it('orders by severity, SEV1 first, whatever the order they were raised in', () => {
    let s = initialIncidentsState();
    for (const [n, sev] of (['SEV3', 'SEV2', 'SEV4', 'SEV1'] as const).entries()) s = open(s, sev, T0 + n * MIN);
    expect(triageOrder(s.incidents).map((i) => i.severity)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
  });

  it('within a severity, the soonest pending deadline first, so an acknowledged one goes below one still waiting', () => {
    let s = open(initialIncidentsState(), 'SEV2', T0); // INC-1: ack due T0+15
    s = open(s, 'SEV2', T0 + 5 * MIN); // INC-2: ack due T0+20
    expect(ids(s)).toEqual(['INC-1', 'INC-2']);
    s = act(s, { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }, T0 + 6 * MIN);
    // INC-1's secondary takeover is gone; its soonest is "not understood" 15 min after the ack, T0+21; INC-2's ack at T0+20.
    expect(soonestPendingDue(s.incidents[0]!)).toBe(T0 + 21 * MIN);
    expect(ids(s)).toEqual(['INC-2', 'INC-1']);
  });

  it('breaks a tie on the deadline by age, the older first, and ignores resolved incidents', () => {
    const a = { id: 'INC-7', severity: 'SEV3' as const, startedAt: T0 + MIN, phase: 'triggered' as const, due: [] };
    const b = { ...a, id: 'INC-9', startedAt: T0 };
    const c = { ...a, id: 'INC-10', startedAt: T0 };
    const done = { ...a, id: 'INC-1', phase: 'resolved' as const };
    expect(triageOrder([a, c, done, b]).map((i) => i.id)).toEqual(['INC-9', 'INC-10', 'INC-7']);
    expect(compareTriage(a, a)).toBe(0);
  });

  it('puts an incident with a clock running before one with nothing pending', () => {
    const due = [{ kind: 'ack' as const, label: 'Acknowledge', startsAt: T0, dueAt: T0 + 9e9, contactId: null, done: null }];
    const waiting = { id: 'INC-2', severity: 'SEV2' as const, startedAt: T0 + MIN, phase: 'engaged' as const, due };
    const quiet = { ...waiting, id: 'INC-1', startedAt: T0, due: [{ ...due[0]!, done: { by: 'ana', at: T0 } }] };
    expect(triageOrder([quiet, waiting]).map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    expect(soonestPendingDue(quiet)).toBeNull();
  });

  it('lists each incident\'s clocks soonest first within its place', () => {
    let s = open(initialIncidentsState(), 'SEV1', T0);
    s = open(s, 'SEV2', T0 - 20 * MIN);
    const list = triageDeadlines(s, T0);
    const sev1 = list.filter((d) => d.incidentId === 'INC-1').map((d) => d.dueAt);
    expect(sev1).toEqual([...sev1].sort((x, y) => x - y));
    expect(list.map((d) => d.incidentId)).toEqual([...list.map((d) => d.incidentId)].sort());
  });
});
