import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../change/record.js';
import { newReport, type AccessReport } from '../checks/model.js';
import { applyIncidentEvent, initialIncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { buildHandoffNote, EMPTY_HANDOFF_FIELDS, type HandoffInput } from './note.js';
import { escalationEvents, eventsFromAudit, preShiftEvent, type AuditFact } from './shift-events.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.UTC(2026, 10, 27, 17, 0); // Friday 17:00 UTC, the shift's start
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);

const killswitch = (when: number, verified: boolean, actor = 'bob'): AuditFact => ({
  type: 'killswitch.outcome', at: when, actor, data: { verified, reason: 'loss limit at 96%', strategiesStopped: 4, seen: [], nextSteps: [] },
});
const stop = (when: number, verified: boolean): AuditFact => ({
  type: 'strategies.stop.outcome', at: when, actor: 'bob', data: { verified, reason: 'binance down', ids: ['arb-1', 'mm-2'], notStopped: verified ? [] : ['mm-2'] },
});

describe('eventsFromAudit', () => {
  it('makes one line per killswitch and strategy stop outcome in the window, verified or not', () => {
    const events = eventsFromAudit([
      killswitch(at(26, 12), true), // the previous shift's
      killswitch(at(29, 3), true),
      stop(at(30, 10), false),
      { type: 'killswitch.intent', at: at(29, 3), actor: 'bob', data: { reason: 'x' } },
      killswitch(at(31, 9), false),
    ], START, at(34, 16));
    expect(events.map((e) => [e.at, e.kind, e.text])).toEqual([
      [at(29, 3), 'killswitch', 'Killswitch pressed by bob: loss limit at 96%; trading halted, verified, 4 strategies stopped'],
      [at(30, 10), 'strategy_stop', 'Strategies stopped by bob: arb-1, mm-2 (binance down); NOT VERIFIED (mm-2 not shown stopped)'],
      [at(31, 9), 'killswitch', 'Killswitch pressed by bob: loss limit at 96%; NOT VERIFIED: trading may still have been running'],
    ]);
  });

  it('skips a record whose data it cannot read rather than failing the note', () => {
    expect(eventsFromAudit([{ type: 'killswitch.outcome', at: at(29, 3), actor: null, data: { nothing: true } }], START, at(34, 16))).toEqual([]);
  });
});

describe('escalationEvents', () => {
  it('lists each escalation call of the window with whom it went to', () => {
    let s = initialIncidentsState();
    s = applyIncidentEvent(s, { type: 'open', by: 'bob', severity: 'SEV2', title: 'High latency', scenario: 'high_latency' }, at(28, 9), DEFAULT_PLAYBOOK);
    s = applyIncidentEvent(s, { type: 'escalate', incidentId: 'INC-1', level: 2, by: 'bob', name: 'Senior on-call', phone: '+1-555-0101' }, at(28, 10), DEFAULT_PLAYBOOK);
    expect(escalationEvents(s.incidents, START, at(34, 16))).toEqual([
      { at: at(28, 10), kind: 'escalation', text: 'INC-1 escalated to Level 2 (Senior on-call, +1-555-0101) by bob: High latency' },
    ]);
    expect(escalationEvents(s.incidents, at(28, 11), at(34, 16))).toEqual([]);
  });
});

describe('preShiftEvent', () => {
  const report = (startedAt: number): AccessReport => {
    const r = newReport('bob', [
      { id: 'ssh:a', kind: 'ssh', label: 'SSH to hft-prod-01', target: 'hft-prod-01', dependsOn: [], timeoutMs: 5000 },
      { id: 'db', kind: 'database', label: 'Database', target: 'db', dependsOn: [], timeoutMs: 5000 },
    ], startedAt);
    return {
      ...r,
      finishedAt: startedAt + 4000,
      checks: [{ ...r.checks[0]!, state: 'passed' }, { ...r.checks[1]!, state: 'failed' }],
    };
  };
  it('names what failed, and speaks only for a run near the shift start', () => {
    expect(preShiftEvent(report(START - HOUR), START, 12 * HOUR, 'UTC')).toEqual({ at: START - HOUR + 4000, kind: 'preshift', text: 'Pre-shift check by bob: 1/2 ok; failed: Database' });
    expect(preShiftEvent(report(START - 13 * HOUR), START, 12 * HOUR, 'UTC')).toBeNull();
    expect(preShiftEvent(null, START, 12 * HOUR, 'UTC')).toBeNull();
  });
});

describe('the note’s shift events and changes', () => {
  const change = (over: Partial<ChangeRecord>): ChangeRecord => ({
    id: 'c1', ticket: 'CHG-1042', kind: 'normal', summary: 'Gateway 2.15 rollout', risk: 'medium', testPlan: 'staging soak', rollbackPlan: 'redeploy 2.14',
    approvals: [{ name: 'Lee', at: at(27, 9), verbal: false }], communicated: true, window: { start: at(29, 2), end: at(29, 4) },
    recordedAt: at(27, 9), documentedAt: null, reviewedAt: null, ...over,
  });
  const note = (over: Partial<HandoffInput>) => buildHandoffNote({
    from: 'bob', fields: EMPTY_HANDOFF_FIELDS, incidents: [], playbook: DEFAULT_PLAYBOOK, shiftStartedAt: START, now: at(34, 16, 30), timeZone: 'UTC', ...over,
  });
  const section = (text: string, heading: string) => text.split(`## ${heading}\n`)[1]!.split('\n## ')[0]!.trim().split('\n');

  it('lists the killswitch, stops and pre-shift result with dates, oldest first, and says when there were none', () => {
    const events = [
      ...eventsFromAudit([killswitch(at(31, 9), true), stop(at(30, 10), true)], START, at(34, 16, 30)),
      { at: START - HOUR, kind: 'preshift' as const, text: 'Pre-shift check by bob: 6/6 ok' },
    ];
    expect(section(note({ events }), 'Shift events')).toEqual([
      '- 2026-11-27 16:00 Pre-shift check by bob: 6/6 ok',
      '- 2026-11-30 10:00 Strategies stopped by bob: arb-1, mm-2 (binance down); verified',
      '- 2026-12-01 09:00 Killswitch pressed by bob: loss limit at 96%; trading halted, verified, 4 strategies stopped',
    ]);
    expect(section(note({}), 'Shift events')).toEqual([
      '- No pre-shift check was run for this shift.',
      '- No killswitch press, strategy stop or escalation this shift.',
    ]);
  });

  it('lists the changes that ran, run now or are planned as scheduled maintenance, an emergency one with its follow-ups', () => {
    const changes = [
      change({ id: 'old', ticket: 'CHG-1', window: { start: at(22, 2), end: at(22, 4) } }), // before the shift
      change({}),
      change({ id: 'e', ticket: '', kind: 'emergency', summary: 'Hotfix order router', window: { start: at(34, 16), end: at(34, 18) }, recordedAt: at(34, 15) }),
      change({ id: 'next', ticket: 'CHG-1050', window: { start: at(36, 2), end: at(36, 6) } }),
    ];
    expect(section(note({ changes, fields: { ...EMPTY_HANDOFF_FIELDS, maintenance: 'DB vacuum Sunday' } }), 'Scheduled maintenance')).toEqual([
      '- Ran 2026-11-29 02:00 to 2026-11-29 04:00: CHG-1042, normal change, medium risk: Gateway 2.15 rollout',
      '- IN FLIGHT since 2026-12-04 16:00, until 2026-12-04 18:00: no ticket yet, emergency change, medium risk: Hotfix order router; document the emergency change in its ticket: due 2026-12-05 15:00; hold the post-incident review: open',
      '- Planned 2026-12-06 02:00 to 2026-12-06 06:00: CHG-1050, normal change, medium risk: Gateway 2.15 rollout',
      '- DB vacuum Sunday',
    ]);
    expect(section(note({ changes: [change({ window: { start: at(22, 2), end: at(22, 4) } })] }), 'Scheduled maintenance')).toEqual(['None.']);
  });
});

describe('the note’s escalations', () => {
  it('lists an escalation made in the shift among the shift events', () => {
    let s = initialIncidentsState();
    s = applyIncidentEvent(s, { type: 'open', by: 'bob', severity: 'SEV2', title: 'High latency', scenario: 'high_latency' }, at(28, 9), DEFAULT_PLAYBOOK);
    s = applyIncidentEvent(s, { type: 'escalate', incidentId: 'INC-1', level: 2, by: 'bob' }, at(28, 10), DEFAULT_PLAYBOOK);
    const text = buildHandoffNote({ from: 'bob', fields: EMPTY_HANDOFF_FIELDS, incidents: s.incidents, playbook: DEFAULT_PLAYBOOK, shiftStartedAt: START, now: at(34, 16), timeZone: 'UTC' });
    expect(text.split('## Shift events\n')[1]!.split('\n## ')[0]).toContain('- 2026-11-28 10:00 INC-1 escalated to Level 2 by bob: High latency');
  });
});

describe('the note’s automatic killswitch', () => {
  it('lists the trading system’s own killswitch firing that the alert rules saw', () => {
    const sig = (kind: 'raise' | 'event', at: number, detail: string) => ({
      type: 'signal' as const,
      signal: { kind, conditionKey: 'loss_limit', scenario: 'loss_limit' as const, severity: 'SEV1' as const, title: 'Daily loss limit approaching', detail, subjects: [], at, ...(kind === 'event' ? { mark: 'killswitch_fired' as const } : {}) },
    });
    let s = initialIncidentsState();
    s = applyIncidentEvent(s, sig('raise', at(30, 14), '82% of the limit'), at(30, 14), DEFAULT_PLAYBOOK);
    s = applyIncidentEvent(s, sig('event', at(30, 15), 'Automatic killswitch fired: tell management.'), at(30, 15), DEFAULT_PLAYBOOK);
    const text = buildHandoffNote({ from: 'bob', fields: EMPTY_HANDOFF_FIELDS, incidents: s.incidents, playbook: DEFAULT_PLAYBOOK, shiftStartedAt: START, now: at(34, 16), timeZone: 'UTC' });
    expect(text.split('## Shift events\n')[1]!.split('\n## ')[0]).toContain('- 2026-11-30 15:00 Killswitch fired by the trading system itself at the loss limit (INC-1)');
  });
});
