import { describe, expect, it } from 'vitest';
import { AT_ONCE_GRACE_MS } from '../../../src/core/incidents/clocks.js';
import { afterActions, SAMPLE_T0, sampleIncident } from '../../store/incident-fixtures.js';
import { countdownText, formatClock, incidentDeadlines, pageTitle, queueCountdownText, urgencyOf } from './countdown.js';

const MIN = 60_000;

describe('countdown text', () => {
  it('reads minutes and seconds, rounding up so 00:00 means due', () => {
    expect(formatClock(299_001)).toBe('05:00');
    expect(formatClock(299_000)).toBe('04:59');
    expect(formatClock(1)).toBe('00:01');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 04:00:00');
  });

  it('turns into BREACHED with the time over once due', () => {
    expect(countdownText({ msLeft: 134_000, breached: false })).toBe('02:14');
    expect(countdownText({ msLeft: 0, breached: true })).toBe('BREACHED +00:00');
    expect(countdownText({ msLeft: -134_900, breached: true })).toBe('BREACHED +02:14');
  });

  it('keeps a queue row\'s breached clock to its time over, and every other clock as it reads elsewhere', () => {
    expect(queueCountdownText({ msLeft: -134_900, breached: true })).toBe('+02:14');
    expect(queueCountdownText({ msLeft: -3_723_000, breached: true })).toBe('+1:02:03');
    expect(queueCountdownText({ msLeft: 134_000, breached: false })).toBe('02:14');
    expect(queueCountdownText({ msLeft: 0, breached: false })).toBe('due now');
  });

  it('reads "due now" for a clock due at once, until its grace is over', () => {
    const flaggedAt = SAMPLE_T0 + 3 * MIN;
    const flagged = afterActions(sampleIncident(), [[{ type: 'flag', incidentId: 'INC-1', flag: 'security', by: 'alice', detail: 'key leaked' }, flaggedAt]]);
    const security = (now: number) => incidentDeadlines(flagged, now).find((d) => d.kind === 'notify_security')!;
    expect(countdownText(security(flaggedAt))).toBe('due now');
    expect(urgencyOf(security(flaggedAt))).toBe('due');
    expect(countdownText(security(flaggedAt + AT_ONCE_GRACE_MS - 1000))).toBe('due now');
    expect(countdownText(security(flaggedAt + AT_ONCE_GRACE_MS))).toBe('BREACHED +01:00');
    expect(urgencyOf(security(flaggedAt + AT_ONCE_GRACE_MS))).toBe('breached');
  });

  it('colours by the share of time left, with a breached state of its own', () => {
    expect(urgencyOf({ breached: false, shareLeft: 0.8, msLeft: 8 * MIN })).toBe('calm');
    expect(urgencyOf({ breached: false, shareLeft: 0.5, msLeft: 5 * MIN })).toBe('warning');
    expect(urgencyOf({ breached: false, shareLeft: 0.2, msLeft: 2 * MIN })).toBe('warning');
    expect(urgencyOf({ breached: false, shareLeft: 0.19, msLeft: MIN })).toBe('urgent');
    expect(urgencyOf({ breached: true, shareLeft: 0, msLeft: 0 })).toBe('breached');
  });
});

describe('the clocks of an incident', () => {
  it('counts to the acknowledgement first, then to engagement once acknowledged', () => {
    const raised = sampleIncident();
    const before = incidentDeadlines(raised, SAMPLE_T0 + 3 * MIN);
    expect(before[0]).toMatchObject({ kind: 'ack', msLeft: 12 * MIN });
    const acked = afterActions(raised, [[{ type: 'acknowledge', incidentId: raised.id, by: 'alice' }, SAMPLE_T0 + 3 * MIN]]);
    const after = incidentDeadlines(acked, SAMPLE_T0 + 4 * MIN);
    // Acknowledged but not engaged: "not understood" comes 15 minutes after the acknowledgement, before engage.
    expect(after.slice(0, 2)).toMatchObject([{ kind: 'not_understood', msLeft: 14 * MIN }, { kind: 'engage', msLeft: 26 * MIN }]);
    expect(after.map((d) => d.kind)).not.toContain('ack');
  });

  it('has no running clock once resolved', () => {
    const raised = sampleIncident();
    const done = afterActions(raised, [[{ type: 'resolve', incidentId: raised.id, by: 'alice', note: 'back' }, SAMPLE_T0 + MIN]]);
    expect(incidentDeadlines(done, SAMPLE_T0 + 2 * MIN)).toEqual([]);
  });
});

describe('the page title', () => {
  it('names the count of open incidents and the most urgent clock', () => {
    const sev2 = sampleIncident();
    const sev1 = { ...sampleIncident(SAMPLE_T0 + MIN, 'SEV1'), id: 'INC-2' };
    expect(pageTitle([], SAMPLE_T0)).toBe('On-call cockpit');
    expect(pageTitle([sev2, sev1], SAMPLE_T0 + 2 * MIN)).toBe('(2) ⚠ ACK 04:00 INC-2 — On-call cockpit');
    expect(pageTitle([sev2], SAMPLE_T0 + 16 * MIN)).toBe('(1) ⚠ ACK BREACHED +01:00 INC-1 — On-call cockpit');
  });

  it('leads with the SEV1 even while a SEV2 clock is overdue', () => {
    const sev2 = sampleIncident(SAMPLE_T0 - 30 * MIN);
    const sev1 = { ...sampleIncident(SAMPLE_T0, 'SEV1'), id: 'INC-2' };
    expect(pageTitle([sev2, sev1], SAMPLE_T0 + MIN)).toBe('(2) ⚠ ACK 04:00 INC-2 — On-call cockpit');
  });
});
