import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import type { Severity } from '../playbook/schema.js';
import { applyIncidentEvent, type IncidentEvent } from './apply.js';
import { AT_ONCE_GRACE_MS, dueItems, nextDeadlines, nextWakeAt, severityClockStart } from './clocks.js';
import { IncidentsState, initialIncidentsState, type DueKind, type Incident } from './model.js';

// Tuesday 2026-11-24 18:00 UTC.
const T0 = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;

function opened(severity: Severity, at = T0): IncidentsState {
  return applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity, title: 'Test' }, at, PB);
}

/** An event on an existing incident, without its id. */
type Action = IncidentEvent extends infer E ? (E extends { incidentId: string } ? Omit<E, 'incidentId'> : never) : never;

function apply(state: IncidentsState, at: number, ...events: Action[]): IncidentsState {
  return events.reduce((s, e) => applyIncidentEvent(s, { incidentId: 'INC-1', ...e } as IncidentEvent, at, PB), state);
}

const only = (s: IncidentsState): Incident => s.incidents[0]!;
const dueOf = (s: IncidentsState, kind: DueKind) => only(s).due.find((d) => d.kind === kind);
const dueAt = (s: IncidentsState, kind: DueKind) => dueOf(s, kind)?.dueAt;
const kindsDue = (s: IncidentsState) => only(s).due.map((d) => d.kind);

describe('response times by severity', () => {
  it('SEV1: ack 5, engage 15, update every 15, desk 5, management 15, takeover 15', () => {
    const s = opened('SEV1');
    expect(dueAt(s, 'ack')).toBe(T0 + 5 * MIN);
    expect(dueAt(s, 'engage')).toBe(T0 + 15 * MIN);
    expect(dueAt(s, 'status_update')).toBe(T0 + 15 * MIN);
    expect(dueAt(s, 'notify_desk')).toBe(T0 + 5 * MIN);
    expect(dueAt(s, 'notify_management')).toBe(T0 + 15 * MIN);
    expect(dueAt(s, 'secondary_takeover')).toBe(T0 + 15 * MIN);
    expect(dueAt(s, 'escalate_l2')).toBe(T0 + 5 * MIN);
    expect(dueAt(s, 'escalate_l3')).toBe(T0 + 120 * MIN);
    expect(dueOf(s, 'notify_desk')?.contactId).toBe('trading-desk');
    expect(dueOf(s, 'escalate_l2')?.contactId).toBe('level2-senior');
  });

  it('SEV2: ack 15, engage 30, update every 30, no desk or management clock', () => {
    const s = opened('SEV2');
    expect([dueAt(s, 'ack'), dueAt(s, 'engage'), dueAt(s, 'status_update')]).toEqual([T0 + 15 * MIN, T0 + 30 * MIN, T0 + 30 * MIN]);
    expect(kindsDue(s)).not.toContain('notify_desk');
    expect(kindsDue(s)).not.toContain('notify_management');
    expect(dueAt(s, 'secondary_takeover')).toBe(T0 + 15 * MIN);
  });

  it('SEV3: ack 1 h, engage 4 h, updates only when resolved', () => {
    const s = opened('SEV3');
    expect([dueAt(s, 'ack'), dueAt(s, 'engage')]).toEqual([T0 + 60 * MIN, T0 + 240 * MIN]);
    expect(kindsDue(s)).not.toContain('status_update');
  });

  it('SEV4: next business day at 17:00 UTC, no takeover', () => {
    const s = opened('SEV4');
    expect(dueAt(s, 'ack')).toBe(Date.parse('2026-11-25T17:00:00Z'));
    expect(dueAt(s, 'engage')).toBe(Date.parse('2026-11-25T17:00:00Z'));
    expect(kindsDue(s)).not.toContain('secondary_takeover');
  });

  it('SEV4 raised on a Friday evening is due Monday, in the zone given', () => {
    const friday = Date.parse('2026-11-27T22:00:00Z');
    const s = opened('SEV4', friday);
    expect(dueAt(s, 'ack')).toBe(Date.parse('2026-11-30T17:00:00Z'));
    // In Tokyo it is already Saturday 07:00; Monday 17:00 JST is 08:00 UTC.
    expect(dueItems(only(s), PB, { timeZone: 'Asia/Tokyo' }).find((d) => d.kind === 'ack')?.dueAt).toBe(Date.parse('2026-11-30T08:00:00Z'));
  });
});

describe('clocks follow the severity', () => {
  it('an upgrade starts the faster clocks at the upgrade', () => {
    const s = apply(opened('SEV3'), T0 + 30 * MIN, { type: 'change_severity', severity: 'SEV1', by: 'ana' });
    expect(severityClockStart(only(s))).toBe(T0 + 30 * MIN);
    expect(dueAt(s, 'ack')).toBe(T0 + 35 * MIN);
    expect(dueAt(s, 'notify_desk')).toBe(T0 + 35 * MIN);
    expect(dueAt(s, 'escalate_l3')).toBe(T0 + 150 * MIN);
    // A SEV1's Level 2 page counts from when it became SEV1.
    expect(dueAt(s, 'escalate_l2')).toBe(T0 + 35 * MIN);
  });

  it('a raise by the alert rules restarts the clocks at the raise, to the millisecond', () => {
    const sig = (kind: 'raise' | 'update', severity: Severity, at: number): IncidentEvent => ({
      type: 'signal',
      signal: { kind, conditionKey: 'high_latency', scenario: 'high_latency', severity, title: 'Latency', detail: 'p99 high', subjects: [], at },
    });
    const raisedAt = T0 + 7 * MIN + 1;
    let s = applyIncidentEvent(initialIncidentsState(), sig('raise', 'SEV3', T0), T0, PB);
    s = applyIncidentEvent(s, sig('update', 'SEV2', raisedAt), raisedAt, PB);
    expect(only(s).severity).toBe('SEV2');
    expect(severityClockStart(only(s))).toBe(raisedAt);
    // SEV2 acknowledges within 15 min of becoming SEV2: not from the start (T0 + 15 min), not a day late.
    expect(dueAt(s, 'ack')).toBe(raisedAt + 15 * MIN);
    const ack = (now: number) => nextDeadlines(s, now).find((d) => d.kind === 'ack');
    expect(ack(raisedAt + 15 * MIN - 1)?.dueAt).toBe(raisedAt + 15 * MIN);
    expect(ack(raisedAt + 15 * MIN - 1)!.dueAt - (raisedAt + 15 * MIN - 1)).toBe(1);
    // The same update at the same severity moves nothing.
    const again = applyIncidentEvent(s, sig('update', 'SEV2', raisedAt + MIN), raisedAt + MIN, PB);
    expect(dueAt(again, 'ack')).toBe(raisedAt + 15 * MIN);
  });

  it('a downgrade keeps counting from the start', () => {
    const s = apply(opened('SEV1'), T0 + 2 * MIN, { type: 'change_severity', severity: 'SEV3', by: 'ana' });
    expect(dueAt(s, 'ack')).toBe(T0 + 60 * MIN);
    expect(kindsDue(s)).not.toContain('notify_desk');
  });

  it('a brief upgrade and back does not extend the original clock', () => {
    let s = apply(opened('SEV3'), T0 + 30 * MIN, { type: 'change_severity', severity: 'SEV1', by: 'ana' });
    s = apply(s, T0 + 31 * MIN, { type: 'change_severity', severity: 'SEV3', by: 'ana' });
    expect(dueAt(s, 'ack')).toBe(T0 + 60 * MIN);
  });
});

describe('done-marks and status updates', () => {
  it('acknowledging marks the ack done with who and when, and drops the takeover', () => {
    const s = apply(opened('SEV1'), T0 + 3 * MIN, { type: 'acknowledge', by: 'ben' });
    expect(dueOf(s, 'ack')?.done).toEqual({ by: 'ben', at: T0 + 3 * MIN });
    expect(kindsDue(s)).not.toContain('secondary_takeover');
    expect(nextDeadlines(s, T0 + 3 * MIN).map((d) => d.kind)).not.toContain('ack');
  });

  it('the secondary taking over is a done-mark that stays on the record', () => {
    let s = apply(opened('SEV1'), T0 + 16 * MIN, { type: 'mark_done', item: 'secondary_takeover', by: 'carla' });
    s = apply(s, T0 + 17 * MIN, { type: 'acknowledge', by: 'carla' });
    expect(dueOf(s, 'secondary_takeover')?.done).toEqual({ by: 'carla', at: T0 + 16 * MIN });
  });

  it('a logged status update resets the cadence', () => {
    const s = apply(opened('SEV1'), T0 + 12 * MIN, { type: 'status_update', by: 'ben', text: 'Binance down on their side.' });
    expect(dueAt(s, 'status_update')).toBe(T0 + 27 * MIN);
    const marked = apply(s, T0 + 20 * MIN, { type: 'mark_done', item: 'status_update', by: 'ben' });
    expect(dueAt(marked, 'status_update')).toBe(T0 + 35 * MIN);
  });

  it('marking the desk told takes it off the pending list and onto the timeline', () => {
    const s = apply(opened('SEV1'), T0 + 4 * MIN, { type: 'mark_done', item: 'notify_desk', by: 'ben' });
    expect(dueOf(s, 'notify_desk')?.done).toEqual({ by: 'ben', at: T0 + 4 * MIN });
    expect(only(s).timeline.at(-1)).toMatchObject({ kind: 'done', by: 'ben', text: 'Done: trading desk told.' });
  });

  it('escalating to Level 2 or 3 satisfies those clocks', () => {
    const s = apply(opened('SEV1'), T0 + 40 * MIN, { type: 'escalate', level: 3, by: 'ben' });
    expect(dueOf(s, 'escalate_l2')?.done?.by).toBe('ben');
    expect(dueOf(s, 'escalate_l3')?.done?.by).toBe('ben');
    expect(only(s).escalationLevel).toBe(3);
  });
});

describe('nextDeadlines', () => {
  it('lists pending clocks soonest first, with breach and share of time left', () => {
    const s = opened('SEV1');
    const at4 = nextDeadlines(s, T0 + 4 * MIN);
    expect(at4[0]).toMatchObject({ kind: 'ack', incidentId: 'INC-1', severity: 'SEV1', breached: false, msLeft: MIN });
    expect(at4[0]!.shareLeft).toBeCloseTo(0.2);
    const at5 = nextDeadlines(s, T0 + 5 * MIN);
    expect(at5.find((d) => d.kind === 'ack')).toMatchObject({ breached: true, shareLeft: 0 });
    expect(nextDeadlines(s, T0 + 5 * MIN - 1).find((d) => d.kind === 'ack')?.breached).toBe(false);
  });

  it('says when the scheduler should next wake', () => {
    const s = opened('SEV2');
    expect(nextWakeAt(s, T0)).toBe(T0 + 15 * MIN);
    expect(nextWakeAt(s, T0 + 15 * MIN)).toBe(T0 + 30 * MIN);
  });

  it('reads a clock due at once as due now, not breached, until its grace is over', () => {
    const flaggedAt = T0 + 20 * MIN;
    const s = apply(opened('SEV3'), flaggedAt, { type: 'flag', flag: 'security', by: 'ana', detail: 'API key used from an unknown IP' });
    const security = (now: number) => nextDeadlines(s, now).find((d) => d.kind === 'notify_security')!;
    expect(security(flaggedAt)).toMatchObject({ msLeft: 0, breached: false, breachesAt: flaggedAt + AT_ONCE_GRACE_MS });
    expect(security(flaggedAt + AT_ONCE_GRACE_MS - 1).breached).toBe(false);
    expect(security(flaggedAt + AT_ONCE_GRACE_MS).breached).toBe(true);
    // A clock with a span breaches at its due time, with no grace.
    const ack = (now: number) => nextDeadlines(s, now).find((d) => d.kind === 'ack')!;
    expect(ack(T0 + 60 * MIN)).toMatchObject({ breached: true, breachesAt: T0 + 60 * MIN });
    // The scheduler wakes when the grace ends, not at once over and over.
    expect(nextWakeAt(s, flaggedAt)).toBe(flaggedAt + AT_ONCE_GRACE_MS);
  });

  it('has nothing pending once resolved', () => {
    const s = apply(opened('SEV1'), T0 + MIN, { type: 'resolve', by: 'ben', note: 'False positive.' });
    expect(nextDeadlines(s, T0 + 2 * MIN)).toEqual([]);
  });
});

describe('restart', () => {
  it('restores every incident, clock and done-mark, with the time that passed counted', () => {
    let s = opened('SEV1');
    s = apply(s, T0 + 2 * MIN, { type: 'acknowledge', by: 'ben' }, { type: 'mark_done', item: 'notify_desk', by: 'ben' });
    const saved = JSON.stringify(s);
    const restored = IncidentsState.parse(JSON.parse(saved));
    expect(restored).toEqual(s);
    // Quit at T0+2, start again at T0+40: the same absolute deadlines, now breached where due.
    const later = nextDeadlines(restored, T0 + 40 * MIN);
    expect(later.map((d) => [d.kind, d.breached])).toEqual([
      ['escalate_l2', true],
      ['engage', true],
      ['status_update', true],
      ['notify_management', true],
      ['not_understood', true],
      ['escalate_l3', false],
    ]);
    expect(later.find((d) => d.kind === 'escalate_l3')?.msLeft).toBe(80 * MIN);
    const resumed = apply(restored, T0 + 41 * MIN, { type: 'engage', by: 'ben' });
    expect(dueOf(resumed, 'engage')?.done).toEqual({ by: 'ben', at: T0 + 41 * MIN });
    expect(dueOf(resumed, 'ack')?.done).toEqual({ by: 'ben', at: T0 + 2 * MIN });
  });
});
