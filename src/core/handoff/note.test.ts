import { describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { defaultRotation, shiftAt } from '../shift/rotation.js';
import { buildHandoffNote, EMPTY_HANDOFF_FIELDS, MAX_ACTIVITY_LINES, shiftIncidents, type HandoffInput } from './note.js';

const T0 = Date.UTC(2026, 10, 27, 9, 0); // Friday 09:00 UTC
const MIN = 60_000;

function staged(): IncidentsState {
  let s = initialIncidentsState();
  const act = (event: Parameters<typeof applyIncidentEvent>[1], at: number) => {
    s = applyIncidentEvent(s, event, at, DEFAULT_PLAYBOOK);
  };
  act({ type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange disconnected: binance', scenario: 'exchange_disconnected', subjects: ['binance'] }, T0);
  act({ type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }, T0 + 2 * MIN);
  act({ type: 'tick_step', incidentId: 'INC-1', by: 'ana', stepId: 'check-exchange' }, T0 + 4 * MIN);
  act({ type: 'status_update', incidentId: 'INC-1', by: 'ana', text: 'Binance down on their side.\nOther exchanges fine.' }, T0 + 10 * MIN);
  act({ type: 'open', by: 'ana', severity: 'SEV3', title: 'Disk filling', scenario: 'disk_low' }, T0 + 20 * MIN);
  act({ type: 'resolve', incidentId: 'INC-2', by: 'ana', note: 'Archived old logs.' }, T0 + 50 * MIN);
  return s;
}

const input = (over: Partial<HandoffInput> = {}): HandoffInput => ({
  from: 'ana',
  fields: EMPTY_HANDOFF_FIELDS,
  incidents: staged().incidents,
  playbook: DEFAULT_PLAYBOOK,
  shiftStartedAt: T0 - 60 * MIN,
  now: T0 + 60 * MIN,
  timeZone: 'UTC',
  ...over,
});

const section = (note: string, heading: string) => note.split(`## ${heading}\n`)[1]!.split('\n## ')[0]!;

describe('buildHandoffNote', () => {
  it('counts the shift: incidents, opened by hand, false positives', () => {
    let s = staged();
    s = applyIncidentEvent(s, { type: 'signal', signal: {
      kind: 'raise', conditionKey: 'disk_low', scenario: 'disk_low', severity: 'SEV3', title: 'Disk space low', detail: '86%', subjects: [], at: T0 + 30 * MIN,
    } }, T0 + 30 * MIN, DEFAULT_PLAYBOOK);
    s = applyIncidentEvent(s, { type: 'resolve', incidentId: 'INC-3', by: 'ana', note: 'A tmpfs mount.', falsePositive: true }, T0 + 40 * MIN, DEFAULT_PLAYBOOK);
    expect(buildHandoffNote(input({ incidents: s.incidents }))).toContain('This shift: 3 incidents, 2 opened by hand, 1 false positive.');
    // Before the shift began: the previous handoff's.
    expect(buildHandoffNote(input({ incidents: s.incidents, shiftStartedAt: T0 + 25 * MIN }))).toContain('This shift: 1 incident, 0 opened by hand, 1 false positive.');
  });


  it('heads the note with the date and time, who from and who to', () => {
    const note = buildHandoffNote(input({ fields: { ...EMPTY_HANDOFF_FIELDS, to: 'bob' } }));
    expect(note.split('\n').slice(0, 5)).toEqual([
      '# On-call handoff: 2026-11-27 10:00 (UTC)',
      '',
      '- From: ana',
      '- To: bob',
      '- Shift: since 2026-11-27 08:00',
    ]);
  });

  it('lists open incidents with their status, last update and next steps, and leaves resolved ones out', () => {
    const open = section(buildHandoffNote(input()), 'Open incidents');
    expect(open).toContain('### INC-1 SEV2: Exchange disconnected: binance');
    expect(open).toContain('- Status: acknowledged, not yet engaged; open 1 h (since 2026-11-27 09:00)');
    expect(open).toContain('- Affected: binance');
    expect(open).toContain('- Last status update (09:10): Binance down on their side. Other exchanges fine.');
    expect(open).toMatch(/ {2}- .*: due \d\d:\d\d \(OVERDUE\)/);
    // The ticked step is done; the next one in the runbook is offered.
    expect(open).not.toContain('Runbook: See whether the exchange itself is down');
    expect(open).toContain('Runbook: Read the connection state of every exchange');
    expect(open).not.toContain('INC-2');
  });

  it('says so when nothing is open', () => {
    expect(section(buildHandoffNote(input({ incidents: [] })), 'Open incidents').trim()).toBe('None.');
  });

  it('lists the shift activity with times, oldest first, resolved incidents included', () => {
    const activity = section(buildHandoffNote(input()), 'Recent activity').trim().split('\n');
    expect(activity[0]).toMatch(/^- 09:00 INC-1 \(Exchange disconnected: binance\): /);
    expect(activity).toContain('- 09:02 INC-1 (Exchange disconnected: binance): Acknowledged. (ana)');
    expect(activity.at(-1)).toBe('- 09:50 INC-2 (Disk filling): Resolved. Archived old logs. (ana)');
  });

  it('leaves out what happened before the shift and keeps the newest lines of a busy one', () => {
    const before = buildHandoffNote(input({ shiftStartedAt: T0 + 15 * MIN }));
    expect(section(before, 'Recent activity')).not.toContain('09:02');
    let s = initialIncidentsState();
    s = applyIncidentEvent(s, { type: 'open', by: 'ana', severity: 'SEV4', title: 'Noisy' }, T0, DEFAULT_PLAYBOOK);
    for (let i = 1; i <= 60; i++) s = applyIncidentEvent(s, { type: 'note', incidentId: 'INC-1', by: 'ana', text: `note ${i}` }, T0 + i * 1000, DEFAULT_PLAYBOOK);
    const busy = section(buildHandoffNote(input({ incidents: s.incidents })), 'Recent activity');
    expect(busy).toContain(`(${61 - MAX_ACTIVITY_LINES} earlier entries left out`);
    expect(busy).toContain('note 60 (ana)');
    expect(busy).not.toContain('note 20 ');
  });

  it('writes dates with the times when the activity spans days', () => {
    const note = buildHandoffNote(input({ now: T0 + 2 * 86_400_000 }));
    expect(section(note, 'Recent activity')).toContain('- 2026-11-27 09:02 INC-1');
  });

  it('puts the engineer’s monitoring, maintenance, notes and contact in as bullets', () => {
    const fields = { to: 'bob', monitoring: 'Binance flaky\n- memory trending up', maintenance: '', notes: 'Desk asked for higher limits', reachAt: '+1-555-0199' };
    const note = buildHandoffNote(input({ fields }));
    expect(section(note, 'Ongoing monitoring').trim()).toBe('- Binance flaky\n- memory trending up');
    expect(section(note, 'Scheduled maintenance').trim()).toBe('None.');
    expect(section(note, 'Notes').trim()).toBe('- Desk asked for higher limits');
    expect(section(note, 'How to reach me').trim()).toBe('- +1-555-0199');
  });

  it('writes times in the engineer’s zone', () => {
    const note = buildHandoffNote(input({ timeZone: 'America/New_York' }));
    expect(note).toMatch(/^# On-call handoff: 2026-11-27 05:00 \(America\/New_York\)/);
  });
});

describe('the note over a whole shift', () => {
  // Friday 17:00 London handoffs; the shift runs from 2026-11-27 17:00 to 2026-12-04 17:00 (GMT = UTC).
  const rotation = defaultRotation('Europe/London');
  const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute); // day of November; 31 = Dec 1
  const HOUR = 60 * MIN;
  let history = initialIncidentsState();
  const act = (event: Parameters<typeof applyIncidentEvent>[1], when: number) => {
    history = applyIncidentEvent(history, event, when, DEFAULT_PLAYBOOK);
  };
  // INC-1: the previous shift's, over before it ended.
  act({ type: 'open', by: 'ana', severity: 'SEV3', title: 'Disk filling', scenario: 'disk_low' }, at(26, 10));
  act({ type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Rotated logs.' }, at(26, 11));
  // INC-2: opened by the previous engineer, resolved on Saturday.
  act({ type: 'open', by: 'ana', severity: 'SEV2', title: 'High latency', scenario: 'high_latency' }, at(27, 16));
  act({ type: 'resolve', incidentId: 'INC-2', by: 'bob', note: 'Gateway restarted.' }, at(28, 9));
  // INC-3: all of it on Tuesday.
  act({ type: 'open', by: 'bob', severity: 'SEV2', title: 'Exchange disconnected: kraken', scenario: 'exchange_disconnected', subjects: ['kraken'] }, at(31, 10));
  act({ type: 'resolve', incidentId: 'INC-3', by: 'bob', note: 'Kraken back.' }, at(31, 12));
  // INC-4: opened on Wednesday, still open at the handoff.
  act({ type: 'open', by: 'bob', severity: 'SEV3', title: 'Approaching the daily loss limit', scenario: 'loss_limit' }, at(32, 8));

  const noteOn = (now: number) => {
    const shift = shiftAt(rotation, 'primary', now);
    return buildHandoffNote({ from: 'bob', fields: EMPTY_HANDOFF_FIELDS, incidents: history.incidents, playbook: DEFAULT_PLAYBOOK, shiftStartedAt: shift.startsAt, now, timeZone: 'Europe/London' });
  };
  const mentioned = (text: string) => ['INC-1', 'INC-2', 'INC-3', 'INC-4'].filter((id) => text.includes(id));

  it('starts at the shift start the rotation gives', () => {
    expect(shiftAt(rotation, 'primary', at(34, 16, 40)).startsAt).toBe(at(27, 17));
  });

  it('covers everything since the shift began, each day of the week, and nothing of the previous shift', () => {
    const expected: [number, string[]][] = [
      [28, ['INC-2']], // Saturday: INC-2 was resolved this morning
      [29, ['INC-2']],
      [30, ['INC-2']],
      [31, ['INC-2', 'INC-3']], // Tuesday
      [32, ['INC-2', 'INC-3', 'INC-4']],
      [33, ['INC-2', 'INC-3', 'INC-4']],
      [34, ['INC-2', 'INC-3', 'INC-4']], // Friday, 20 minutes before the handoff
    ];
    for (const [day, ids] of expected) {
      const now = at(day, 16, 40);
      expect(shiftIncidents(history.incidents, shiftAt(rotation, 'primary', now).startsAt, now).map((i) => i.id), `day ${day}`).toEqual(ids);
      expect(mentioned(section(noteOn(now), 'Recent activity')), `day ${day}`).toEqual(ids);
    }
  });

  it('lists an incident opened in the minute the note is built at, and none opened later', () => {
    const incidents = staged().incidents;
    // The note is built at T0 + 20 min; INC-2 opened at T0 + 20 min and 30 s of reading time later, or 2 min later.
    const later = (ms: number) => incidents.map((i) => (i.id === 'INC-2' ? { ...i, startedAt: T0 + 20 * MIN + ms, phase: 'triggered' as const } : i));
    expect(shiftIncidents(later(30_000), T0 - 60 * MIN, T0 + 20 * MIN).map((i) => i.id)).toEqual(['INC-1', 'INC-2']);
    expect(shiftIncidents(later(2 * MIN), T0 - 60 * MIN, T0 + 20 * MIN).map((i) => i.id)).toEqual(['INC-1']);
  });

  it("still lists on Friday what was resolved on Tuesday, with its date", () => {
    const note = noteOn(at(34, 16, 40));
    const activity = section(note, 'Recent activity');
    expect(activity).not.toContain('No incident activity this shift');
    expect(activity).toContain('- 2026-12-01 12:00 INC-3 (Exchange disconnected: kraken)');
    expect(section(note, 'Open incidents')).toContain('INC-4');
    expect(section(note, 'Open incidents')).not.toContain('INC-3');
  });

  it('leaves the last shift to its own note once the next handoff has passed', () => {
    const nextWeek = at(34, 17) + 2 * HOUR;
    expect(mentioned(section(noteOn(nextWeek), 'Recent activity'))).toEqual([]);
    // INC-4 is still open, so it still heads the note.
    expect(mentioned(section(noteOn(nextWeek), 'Open incidents'))).toEqual(['INC-4']);
  });
});

describe('the note built at the minute', () => {
  it('counts and tells what started within the minute it is built in, as it lists it', () => {
    // The page builds the note at the minute: INC-1 opened 40 s after it, on the trading system's reading time.
    const built = T0 - 40_000;
    const note = buildHandoffNote(input({ now: built }));
    expect(section(note, 'Open incidents')).toContain('### INC-1 SEV2');
    expect(note).toContain('This shift: 1 incident, 1 opened by hand, 0 false positives.');
    expect(section(note, 'Recent activity')).toContain('- 09:00 INC-1 (Exchange disconnected: binance): SEV2 Exchange disconnected: binance, opened by hand.');
  });
});

describe('the clockless note', () => {
  it('reads the same a minute, an hour and a day later, while the written note moves with the clock', () => {
    const at = (now: number) => buildHandoffNote(input({ now }));
    const clockless = (now: number) => buildHandoffNote(input({ now }), { clockless: true });
    const later = [T0 + 61 * MIN, T0 + 2 * 60 * MIN, T0 + 24 * 60 * MIN];
    for (const now of later) {
      expect(at(now)).not.toBe(at(T0 + 60 * MIN));
      expect(clockless(now)).toBe(clockless(T0 + 60 * MIN));
    }
    const note = clockless(T0 + 60 * MIN);
    expect(note.split('\n')[0]).toBe('# On-call handoff (UTC)');
    // How long it has been open and which deadlines are past are the clock's; when it started is not.
    expect(note).toContain('open (since 2026-11-27 09:00)');
    expect(note).not.toContain('OVERDUE');
    expect(at(T0 + 60 * MIN)).toContain('(OVERDUE)');
    // Times carry their date, as they would on another day.
    expect(section(note, 'Recent activity')).toContain('- 2026-11-27 09:02 INC-1');
  });

  it('changes with what the note says: a new entry, a field, an incident resolved', () => {
    const base = buildHandoffNote(input(), { clockless: true });
    let s = staged();
    s = applyIncidentEvent(s, { type: 'note', incidentId: 'INC-1', by: 'ana', text: 'Binance back at 10:20.' }, T0 + 59 * MIN, DEFAULT_PLAYBOOK);
    expect(buildHandoffNote(input({ incidents: s.incidents }), { clockless: true })).not.toBe(base);
    expect(buildHandoffNote(input({ fields: { ...EMPTY_HANDOFF_FIELDS, notes: 'Watch binance.' } }), { clockless: true })).not.toBe(base);
    s = applyIncidentEvent(staged(), { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Back.' }, T0 + 59 * MIN, DEFAULT_PLAYBOOK);
    expect(buildHandoffNote(input({ incidents: s.incidents }), { clockless: true })).not.toBe(base);
  });
});
