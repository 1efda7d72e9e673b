import { describe, expect, it } from 'vitest';
import { changeGaps, changesInFlight, ChangeRecord, EMERGENCY_TICKET_WITHIN_MS, emergencyChangeClocks } from './record.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 11, 2, 3, 10);

const change = (over: Partial<ChangeRecord> = {}): ChangeRecord =>
  ChangeRecord.parse({
    id: 'chg-1',
    ticket: 'CHG-1042',
    kind: 'normal',
    summary: 'Raise the Binance order rate limit',
    risk: 'medium',
    testPlan: 'Replay yesterday on staging',
    rollbackPlan: 'Revert the config and restart the gateway',
    approvals: [{ name: 'Dana (Level 2)', at: T0 - H, verbal: false }],
    communicated: true,
    window: { start: T0, end: T0 + 2 * H },
    recordedAt: T0 - 2 * H,
    documentedAt: null,
    reviewedAt: null,
    ...over,
  });

describe('emergency change clock', () => {
  const emergency = change({ kind: 'emergency', ticket: '', approvals: [{ name: 'Dana', at: T0, verbal: true }], recordedAt: T0 });

  it('gives the ticket write-up 24 h from the record, then calls it overdue', () => {
    expect(EMERGENCY_TICKET_WITHIN_MS).toBe(24 * H);
    const [ticket, review] = emergencyChangeClocks(emergency, T0 + 23 * H);
    expect(ticket).toEqual({ label: 'Document the emergency change in its ticket', dueAt: T0 + 24 * H, msLeft: H, breached: false });
    expect(review).toEqual({ label: 'Hold the post-incident review', dueAt: null, msLeft: null, breached: false });
    expect(emergencyChangeClocks(emergency, T0 + 24 * H)[0]).toMatchObject({ msLeft: 0, breached: true });
    expect(emergencyChangeClocks(emergency, T0 + 30 * H)[0]).toMatchObject({ msLeft: -6 * H, breached: true });
  });

  it('drops each item once done, and gives other kinds none', () => {
    expect(emergencyChangeClocks({ ...emergency, documentedAt: T0 + 5 * H }, T0 + 30 * H).map((c) => c.label)).toEqual(['Hold the post-incident review']);
    expect(emergencyChangeClocks({ ...emergency, documentedAt: T0 + 5 * H, reviewedAt: T0 + 48 * H }, T0 + 50 * H)).toEqual([]);
    expect(emergencyChangeClocks(change(), T0 + 30 * H)).toEqual([]);
    expect(emergencyChangeClocks(change({ kind: 'standard' }), T0 + 30 * H)).toEqual([]);
  });
});

describe('what a change record still lacks', () => {
  it('asks a normal change for everything, its approval written', () => {
    expect(changeGaps(change())).toEqual([]);
    const blank = change({ ticket: ' ', testPlan: '', rollbackPlan: '', approvals: [], communicated: false });
    expect(changeGaps(blank)).toEqual(['ticket', 'test plan', 'rollback plan', 'approval', 'communication']);
    expect(changeGaps(change({ approvals: [{ name: 'Dana', at: T0, verbal: true }] }))).toEqual(['written approval']);
  });

  it('lets a standard change go pre-approved, and an emergency one on a verbal approval without its ticket yet', () => {
    expect(changeGaps(change({ kind: 'standard', approvals: [], testPlan: '' }))).toEqual([]);
    expect(changeGaps(change({ kind: 'emergency', ticket: '', approvals: [{ name: 'Dana', at: T0, verbal: true }] }))).toEqual([]);
    expect(changeGaps(change({ kind: 'emergency', approvals: [] }))).toEqual(['approval']);
  });
});

describe('changes in flight', () => {
  it('are those whose window holds the moment, earliest first', () => {
    const a = change({ id: 'a', window: { start: T0, end: T0 + 2 * H } });
    const b = change({ id: 'b', window: { start: T0 - H, end: T0 + H } });
    const later = change({ id: 'later', window: { start: T0 + 3 * H, end: T0 + 4 * H } });
    expect(changesInFlight([a, b, later], T0 + 30 * 60_000).map((c) => c.id)).toEqual(['b', 'a']);
    expect(changesInFlight([a, b, later], T0 + 2 * H).map((c) => c.id)).toEqual([]);
    expect(changesInFlight([a, b, later], T0 - H).map((c) => c.id)).toEqual(['b']);
  });
});
