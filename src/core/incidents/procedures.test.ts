/**
 * The escalation and communication rules of the procedures, one test per
 * rule, time a parameter (shared/domain.md, "Escalation" and "Decision tree").
 */
import { describe, expect, it } from 'vitest';
import type { AlertSignal } from '../alerts/evaluate.js';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import type { ScenarioId, Severity } from '../playbook/schema.js';
import { applyIncidentEvent, applyIncidentEvents, type IncidentEvent } from './apply.js';
import { nextDeadlines } from './clocks.js';
import { decisionPosition } from './decision-tree.js';
import { financialImpactEvents } from './financial.js';
import { initialIncidentsState, type DueKind, type Incident, type IncidentsState } from './model.js';

// Tuesday 2026-11-24 03:00 UTC.
const T0 = Date.parse('2026-11-24T03:00:00Z');
const MIN = 60_000;

function opened(severity: Severity, scenario: ScenarioId | null = null, at = T0): IncidentsState {
  return applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity, title: 'Test', scenario }, at, PB);
}

type Action = IncidentEvent extends infer E ? (E extends { incidentId: string } ? Omit<E, 'incidentId'> : never) : never;

function apply(state: IncidentsState, at: number, ...events: Action[]): IncidentsState {
  return events.reduce((s, e) => applyIncidentEvent(s, { incidentId: 'INC-1', ...e } as IncidentEvent, at, PB), state);
}

const signal = (kind: AlertSignal['kind'], scenario: ScenarioId, severity: Severity, at: number, extra: Partial<AlertSignal> = {}): IncidentEvent => ({
  type: 'signal',
  signal: { kind, conditionKey: scenario, scenario, severity, title: scenario, detail: 'seen', subjects: [], at, ...extra },
});

const only = (s: IncidentsState): Incident => s.incidents[0]!;
const dueOf = (s: IncidentsState, kind: DueKind) => only(s).due.find((d) => d.kind === kind);
const dueAt = (s: IncidentsState, kind: DueKind) => dueOf(s, kind)?.dueAt;
const kinds = (s: IncidentsState) => only(s).due.map((d) => d.kind);

describe('Level 2 clocks per severity, each with its anchor', () => {
  it('SEV1: page Level 2 within 5 minutes of the start, with the desk', () => {
    const s = opened('SEV1');
    expect(dueAt(s, 'escalate_l2')).toBe(T0 + 5 * MIN);
    expect(dueAt(s, 'notify_desk')).toBe(T0 + 5 * MIN);
    expect(dueOf(s, 'escalate_l2')?.contactId).toBe('level2-senior');
  });

  it('SEV2: Level 2 after 60 minutes unresolved, counted from the start even when raised to SEV2 later', () => {
    expect(dueAt(opened('SEV2'), 'escalate_l2')).toBe(T0 + 60 * MIN);
    const raised = apply(opened('SEV3'), T0 + 50 * MIN, { type: 'change_severity', severity: 'SEV2', by: 'ana' });
    expect(dueAt(raised, 'escalate_l2')).toBe(T0 + 60 * MIN);
  });

  it('SEV3: Level 2 after 60 minutes from engagement, no Level 2 clock before it', () => {
    const s = opened('SEV3');
    expect(kinds(s)).not.toContain('escalate_l2');
    // An hour after the start is nothing on a SEV3: its engage time is 4 h.
    expect(nextDeadlines(s, T0 + 61 * MIN).map((d) => d.kind)).not.toContain('escalate_l2');
    const engaged = apply(s, T0 + 90 * MIN, { type: 'engage', by: 'ana' });
    expect(dueOf(engaged, 'escalate_l2')).toMatchObject({ startsAt: T0 + 90 * MIN, dueAt: T0 + 150 * MIN });
  });

  it('SEV4: no Level 2 clock; a Level 2 call made anyway stays on the record', () => {
    const s = opened('SEV4');
    expect(kinds(s)).not.toContain('escalate_l2');
    expect(nextDeadlines(s, T0 + 5 * 60 * MIN).map((d) => d.kind)).not.toContain('escalate_l2');
    const escalated = apply(s, T0 + 10 * MIN, { type: 'escalate', level: 2, by: 'ana' });
    expect(dueOf(escalated, 'escalate_l2')?.done).toEqual({ by: 'ana', at: T0 + 10 * MIN });
  });

  it('Level 3: SEV1 and SEV2 open 2 hours; not SEV3', () => {
    expect(dueAt(opened('SEV1'), 'escalate_l3')).toBe(T0 + 120 * MIN);
    expect(dueAt(opened('SEV2'), 'escalate_l3')).toBe(T0 + 120 * MIN);
    expect(kinds(opened('SEV3'))).not.toContain('escalate_l3');
  });
});

describe('flags: security and regulatory', () => {
  it('security: the security team and Level 3 due at once, on a SEV3 too', () => {
    const s = apply(opened('SEV3'), T0 + 20 * MIN, { type: 'flag', flag: 'security', by: 'ana', detail: 'API key used from an unknown IP' });
    expect(dueOf(s, 'notify_security')).toMatchObject({ dueAt: T0 + 20 * MIN, contactId: 'security', done: null });
    expect(dueOf(s, 'escalate_l3')).toMatchObject({ dueAt: T0 + 20 * MIN, label: 'Escalate to Level 3: security incident' });
    expect(only(s).timeline.at(-1)).toMatchObject({ kind: 'flagged', by: 'ana' });
  });

  it('regulatory: legal/compliance and Level 3 due at once', () => {
    const s = apply(opened('SEV2'), T0 + 7 * MIN, { type: 'flag', flag: 'regulatory', by: 'ana', detail: 'Trade reporting missed' });
    expect(dueOf(s, 'notify_compliance')).toMatchObject({ dueAt: T0 + 7 * MIN, contactId: 'compliance' });
    expect(dueAt(s, 'escalate_l3')).toBe(T0 + 7 * MIN);
  });
});

describe('the secondary takes over', () => {
  it('15 minutes without an acknowledgement, SEV1 to SEV3; never on a SEV4; gone once acknowledged', () => {
    for (const sev of ['SEV1', 'SEV2', 'SEV3'] as const) expect(dueAt(opened(sev), 'secondary_takeover')).toBe(T0 + 15 * MIN);
    expect(kinds(opened('SEV4'))).not.toContain('secondary_takeover');
    expect(kinds(apply(opened('SEV3'), T0 + 5 * MIN, { type: 'acknowledge', by: 'ana' }))).not.toContain('secondary_takeover');
  });
});

describe("the scenarios' own clocks", () => {
  it('exchange not reconnected after 30 minutes: Level 2, before the SEV2 hour', () => {
    const s = applyIncidentEvent(initialIncidentsState(), signal('raise', 'exchange_disconnected', 'SEV2', T0), T0, PB);
    expect(dueOf(s, 'escalate_l2')).toMatchObject({ dueAt: T0 + 30 * MIN, label: 'Escalate to Level 2: still not reconnected after 30 minutes' });
  });

  it('latency raised to SEV2 (sustained): Level 2 due at the raise', () => {
    let s = applyIncidentEvent(initialIncidentsState(), signal('raise', 'high_latency', 'SEV3', T0), T0, PB);
    expect(kinds(s)).not.toContain('escalate_l2');
    s = applyIncidentEvent(s, signal('update', 'high_latency', 'SEV2', T0 + 6 * MIN), T0 + 6 * MIN, PB);
    expect(dueOf(s, 'escalate_l2')).toMatchObject({ dueAt: T0 + 6 * MIN, label: 'Escalate to Level 2: latency stays high after the first checks' });
  });

  it('acknowledged but not engaged 15 minutes later: "not understood: escalate" comes due; engaging or escalating settles it', () => {
    const acked = apply(opened('SEV3'), T0 + 2 * MIN, { type: 'acknowledge', by: 'ana' });
    expect(dueOf(acked, 'not_understood')).toMatchObject({ dueAt: T0 + 17 * MIN, label: 'Not understood after 15 minutes: escalate', contactId: 'level2-senior' });
    expect(kinds(apply(acked, T0 + 10 * MIN, { type: 'engage', by: 'ana' }))).not.toContain('not_understood');
    const escalated = apply(acked, T0 + 18 * MIN, { type: 'escalate', level: 2, by: 'ana' });
    expect(dueOf(escalated, 'not_understood')?.done).toEqual({ by: 'ana', at: T0 + 18 * MIN });
  });

  it("today's loss beyond $10K while an incident is open: high financial impact, Level 3 due at once", () => {
    let s = opened('SEV2', 'exchange_disconnected');
    expect(financialImpactEvents(s, -10_000, PB)).toEqual([]);
    expect(financialImpactEvents(s, null, PB)).toEqual([]);
    const events = financialImpactEvents(s, -12_400, PB);
    expect(events).toHaveLength(1);
    s = applyIncidentEvents(s, events, T0 + 9 * MIN, PB);
    expect(dueOf(s, 'escalate_l3')).toMatchObject({ dueAt: T0 + 9 * MIN, label: 'Escalate to Level 3: high financial impact' });
    expect(only(s).flags.financial_impact?.detail).toBe("today's loss $12,400 is beyond the $10,000 mark");
    // Once flagged, the next poll flags nothing again.
    expect(financialImpactEvents(s, -15_000, PB)).toEqual([]);
  });

  it('the financial escalation is one call, on the loss-limit incident, not on every open incident', () => {
    let s = opened('SEV3', 'high_latency');
    s = applyIncidentEvent(s, { type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange', scenario: 'exchange_disconnected' }, T0 + MIN, PB);
    s = applyIncidentEvent(s, { type: 'open', by: 'ana', severity: 'SEV2', title: 'Loss', scenario: 'loss_limit' }, T0 + 2 * MIN, PB);
    const lossId = s.incidents.find((i) => i.scenario === 'loss_limit')!.id;
    const events = financialImpactEvents(s, -12_400, PB);
    expect(events).toEqual([expect.objectContaining({ type: 'flag', incidentId: lossId, flag: 'financial_impact' })]);
    s = applyIncidentEvents(s, events, T0 + 3 * MIN, PB);
    const l3 = (i: Incident) => i.due.find((d) => d.kind === 'escalate_l3' && d.label.includes('financial'));
    expect(s.incidents.filter((i) => l3(i)).map((i) => i.id)).toEqual([lossId]);
    expect(financialImpactEvents(s, -20_000, PB)).toEqual([]);
  });

  it('with no loss-limit incident open, the financial escalation goes to the first incident in triage order', () => {
    let s = opened('SEV3', 'high_latency');
    s = applyIncidentEvent(s, { type: 'open', by: 'ana', severity: 'SEV1', title: 'Down', scenario: 'system_down' }, T0 + MIN, PB);
    const sev1 = s.incidents.find((i) => i.severity === 'SEV1')!.id;
    expect(financialImpactEvents(s, -12_400, PB).map((e) => 'incidentId' in e && e.incidentId)).toEqual([sev1]);
  });

  it('loss limit 90%: "be ready to kill" comes due at once, with the desk to call', () => {
    let s = applyIncidentEvent(initialIncidentsState(), signal('raise', 'loss_limit', 'SEV1', T0), T0, PB);
    expect(kinds(s)).not.toContain('prepare_kill');
    s = applyIncidentEvent(s, signal('event', 'loss_limit', 'SEV1', T0 + 3 * MIN, { mark: 'prepare_kill', detail: '90% used' }), T0 + 3 * MIN, PB);
    expect(dueOf(s, 'prepare_kill')).toMatchObject({ dueAt: T0 + 3 * MIN, contactId: 'trading-desk', done: null });
    s = apply(s, T0 + 4 * MIN, { type: 'mark_done', item: 'prepare_kill', by: 'ana' });
    expect(dueOf(s, 'prepare_kill')?.done).toEqual({ by: 'ana', at: T0 + 4 * MIN });
  });
});

describe('stakeholder updates and notes', () => {
  it('a note goes on the timeline and never moves the update clock', () => {
    const s = apply(opened('SEV1'), T0 + 10 * MIN, { type: 'note', by: 'ana', text: 'Tried a reconnect: refused (401).' });
    expect(dueAt(s, 'status_update')).toBe(T0 + 15 * MIN);
    expect(only(s).lastStatusUpdateAt).toBeNull();
    expect(only(s).timeline.at(-1)).toMatchObject({ kind: 'note', by: 'ana', text: 'Tried a reconnect: refused (401).' });
  });

  it('a status update records the channels it was posted to and restarts the cadence', () => {
    const s = apply(opened('SEV2'), T0 + 10 * MIN, { type: 'status_update', by: 'ana', text: 'x', channels: ['incident-channel', 'status-page'] });
    expect(only(s).timeline.at(-1)).toMatchObject({ kind: 'status_update', channels: ['incident-channel', 'status-page'] });
    expect(dueAt(s, 'status_update')).toBe(T0 + 40 * MIN);
  });

  it('resolving records the final update as final, then the resolution', () => {
    const s = apply(opened('SEV3'), T0 + 30 * MIN, {
      type: 'resolve', by: 'ana', note: 'Logs archived.', finalUpdate: { text: '03:30 UTC: resolved.', channels: ['incident-channel'] },
    });
    const [final, resolved] = only(s).timeline.slice(-2);
    expect(final).toMatchObject({ kind: 'final_update', text: '03:30 UTC: resolved.', channels: ['incident-channel'], at: T0 + 30 * MIN });
    expect(resolved).toMatchObject({ kind: 'resolved', text: 'Resolved. Logs archived.' });
    expect(only(s).falsePositive).toBe(false);
  });

  it('a false positive is resolved as one, with its note', () => {
    const s = apply(opened('SEV2', 'disk_low'), T0 + 5 * MIN, { type: 'resolve', by: 'ana', note: 'df read a tmpfs mount.', falsePositive: true });
    expect(only(s)).toMatchObject({ phase: 'resolved', falsePositive: true, resolutionNote: 'df read a tmpfs mount.' });
    expect(only(s).timeline.at(-1)?.text).toBe('Resolved as a false positive. df read a tmpfs mount.');
  });
});

describe('opening by hand with a scenario', () => {
  it("gets the scenario's runbook and its own clocks", () => {
    let s = opened('SEV2', 'exchange_disconnected');
    expect(only(s).scenario).toBe('exchange_disconnected');
    expect(dueAt(s, 'escalate_l2')).toBe(T0 + 30 * MIN);
    s = apply(s, T0 + MIN, { type: 'tick_step', stepId: 'check-exchange', by: 'ana' });
    expect(only(s).stepsDone['check-exchange']?.by).toBe('ana');
    expect(only(s).timeline.at(-1)?.text).toBe('Runbook step done: See whether the exchange itself is down');
  });
});

describe('escalation calls', () => {
  it('record who was called, on which number, when, and the summary given', () => {
    const s = apply(opened('SEV1'), T0 + 4 * MIN, {
      type: 'escalate', level: 2, by: 'ana', contactId: 'level2-senior', name: 'Senior on-call', phone: '+1-555-0101', summary: 'SEV1 loss limit 92%.',
    });
    expect(only(s).escalations).toEqual([
      { level: 2, contactId: 'level2-senior', name: 'Senior on-call', phone: '+1-555-0101', summary: 'SEV1 loss limit 92%.', by: 'ana', at: T0 + 4 * MIN },
    ]);
    expect(only(s).timeline.at(-1)?.text).toBe('Escalated to Level 2. Called Senior on-call on +1-555-0101.');
  });
});

describe('the decision tree', () => {
  it('records the path; "not within my expertise" makes Level 2 due at once', () => {
    let s = opened('SEV3');
    s = apply(s, T0 + MIN, { type: 'decide', question: 'sev1', answer: false, by: 'ana' });
    s = apply(s, T0 + 2 * MIN, { type: 'decide', question: 'runbook', answer: false, by: 'ana' });
    s = apply(s, T0 + 3 * MIN, { type: 'decide', question: 'expertise', answer: false, by: 'ana' });
    expect(only(s).decisions.map((d) => [d.question, d.answer])).toEqual([['sev1', false], ['runbook', false], ['expertise', false]]);
    expect(decisionPosition(only(s).decisions)).toEqual({ next: null, outcome: 'escalate', outcomeAt: T0 + 3 * MIN });
    expect(dueOf(s, 'escalate_l2')).toMatchObject({ dueAt: T0 + 3 * MIN, label: 'Escalate to Level 2 with full context' });
  });

  it('"within my expertise" sets updates every 30 minutes, even on a SEV3', () => {
    const s = apply(opened('SEV3'), T0 + MIN,
      { type: 'decide', question: 'sev1', answer: false, by: 'ana' },
      { type: 'decide', question: 'runbook', answer: false, by: 'ana' },
      { type: 'decide', question: 'expertise', answer: true, by: 'ana' });
    expect(dueAt(s, 'status_update')).toBe(T0 + 30 * MIN);
  });

  it('SEV1 yes: page now; an answer out of turn is ignored', () => {
    let s = apply(opened('SEV1'), T0 + MIN, { type: 'decide', question: 'expertise', answer: true, by: 'ana' });
    expect(only(s).decisions).toEqual([]);
    s = apply(s, T0 + MIN, { type: 'decide', question: 'sev1', answer: true, by: 'ana' });
    expect(decisionPosition(only(s).decisions).outcome).toBe('page_now');
    expect(only(s).timeline.at(-1)?.text).toBe('Is it SEV1 (critical)? Yes. Page Level 2 and the trading desk now, then investigate.');
  });
});
