import { describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { isOffHours, restartRule } from './restart-rule.js';

// 2026-12-02 is a Wednesday, 2026-12-05 a Saturday.
const WED = (h: number, m = 0) => Date.UTC(2026, 11, 2, h, m);
const SAT = (h: number) => Date.UTC(2026, 11, 5, h);

const withIncident = (over: { severity: 'SEV1' | 'SEV2'; scenario: 'system_down' | 'loss_limit' }, at: number, resolved = false): IncidentsState => {
  let s = applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', title: 'Trading system not responding', ...over }, at, DEFAULT_PLAYBOOK);
  if (resolved) s = applyIncidentEvent(s, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'back' }, at + 60_000, DEFAULT_PLAYBOOK);
  return s;
};

describe('isOffHours', () => {
  it('is off-hours outside 09:00-18:00 on business days and all weekend, in the engineer’s zone', () => {
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(8, 59), 'UTC')).toBe(true);
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(9), 'UTC')).toBe(false);
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(17, 59), 'UTC')).toBe(false);
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(18), 'UTC')).toBe(true);
    expect(isOffHours(DEFAULT_PLAYBOOK, SAT(12), 'UTC')).toBe(true);
    // 08:00 UTC is 17:00 in Tokyo: still working hours there.
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(8), 'Asia/Tokyo')).toBe(false);
    expect(isOffHours(DEFAULT_PLAYBOOK, WED(9), 'Asia/Tokyo')).toBe(true);
  });

  it('counts a holiday as off-hours', () => {
    const playbook = { ...DEFAULT_PLAYBOOK, businessDays: { ...DEFAULT_PLAYBOOK.businessDays, holidays: ['2026-12-02'] } };
    expect(isOffHours(playbook, WED(12), 'UTC')).toBe(true);
  });
});

describe('restartRule', () => {
  it('needs no approval for a SEV1 outage off-hours, and names the incident', () => {
    const rule = restartRule(withIncident({ severity: 'SEV1', scenario: 'system_down' }, WED(21)).incidents, DEFAULT_PLAYBOOK, WED(22), 'UTC');
    expect(rule).toMatchObject({ approvalNeeded: false, incidentId: 'INC-1' });
    expect(rule.why).toBe('No approval needed: INC-1 is a SEV1 outage and it is off-hours (working hours 09:00-18:00 on business days, UTC).');
  });

  it('needs approval for a SEV1 outage in working hours, another SEV1, a lower severity, or a resolved outage', () => {
    expect(restartRule(withIncident({ severity: 'SEV1', scenario: 'system_down' }, WED(11)).incidents, DEFAULT_PLAYBOOK, WED(12), 'UTC')).toMatchObject({
      approvalNeeded: true, why: 'Approval needed: INC-1 is a SEV1 outage, but it is working hours (09:00-18:00 on business days, UTC).',
    });
    expect(restartRule(withIncident({ severity: 'SEV1', scenario: 'loss_limit' }, WED(21)).incidents, DEFAULT_PLAYBOOK, WED(22), 'UTC').approvalNeeded).toBe(true);
    expect(restartRule(withIncident({ severity: 'SEV2', scenario: 'system_down' }, WED(21)).incidents, DEFAULT_PLAYBOOK, WED(22), 'UTC').approvalNeeded).toBe(true);
    expect(restartRule(withIncident({ severity: 'SEV1', scenario: 'system_down' }, WED(21), true).incidents, DEFAULT_PLAYBOOK, WED(22), 'UTC').approvalNeeded).toBe(true);
    expect(restartRule([], DEFAULT_PLAYBOOK, SAT(3), 'UTC')).toEqual({
      approvalNeeded: true, why: 'Approval needed: a restart without approval is only for a SEV1 outage off-hours, and no SEV1 outage is open.', duringAvoided: [],
    });
  });

  it('names the market open a restart falls in, in the engineer’s zone', () => {
    // 14:45 UTC on a December Wednesday is 09:45 in New York: the US open.
    expect(restartRule([], DEFAULT_PLAYBOOK, WED(14, 45), 'UTC').duringAvoided).toEqual(['US equity market open (14:30-15:30 UTC)']);
    expect(restartRule([], DEFAULT_PLAYBOOK, WED(14, 45), 'Europe/Berlin').duringAvoided).toEqual(['US equity market open (15:30-16:30 Europe/Berlin)']);
    expect(restartRule([], DEFAULT_PLAYBOOK, WED(13), 'UTC').duringAvoided).toEqual([]);
  });
});
