import { describe, expect, it } from 'vitest';
import { applyIncidentEvents, initialIncidentsState, type IncidentEvent } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import { planMessages } from './plan.js';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);
const ALL = { pagerduty: 0, slack: 0, statuspage: 0, alertmanager: 0 };

function incidentAfter(steps: [number, IncidentEvent][]) {
  let state = initialIncidentsState();
  for (const [dt, e] of steps) state = applyIncidentEvents(state, [e], T0 + dt, DEFAULT_PLAYBOOK);
  return state.incidents[0]!;
}

describe('planning outgoing messages from the timeline', () => {
  const sev1 = incidentAfter([
    [0, { type: 'open', by: 'ana', severity: 'SEV1', title: 'Trading engine down' }],
    [60_000, { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }],
    [120_000, { type: 'status_update', incidentId: 'INC-1', by: 'ana', text: 'Failing over to the standby.' }],
    [180_000, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Standby took over.' }],
  ]);

  it('pages, posts, updates the status page and pushes the alert, each with a stable key', () => {
    const kinds = planMessages(sev1, ALL).map((m) => m.kind);
    expect(kinds).toEqual([
      'pagerduty.trigger', 'slack.post', 'alertmanager.post',
      'pagerduty.acknowledge', 'slack.post',
      'pagerduty.note', 'slack.post', 'statuspage.update',
      'pagerduty.resolve', 'slack.post', 'statuspage.resolve', 'alertmanager.resolve',
    ]);
    expect(planMessages(sev1, ALL).map((m) => m.key)).toEqual(planMessages(sev1, ALL).map((m) => m.key));
    expect(new Set(planMessages(sev1, ALL).map((m) => m.key)).size).toBe(kinds.length);
    expect(planMessages(sev1, ALL).find((m) => m.kind === 'statuspage.update')!.payload).toMatchObject({
      status: 'investigating', body: 'Failing over to the standby.', componentStatus: 'major_outage',
    });
  });

  it('plans only for the channels that are on, and only what happened since they were', () => {
    expect(planMessages(sev1, { slack: T0 + 100_000 }).map((m) => m.payload)).toEqual([
      { to: 'incident', text: 'INC-1 status update by ana: Failing over to the standby.' },
      { to: 'incident', text: 'INC-1 resolved by ana: Standby took over.' },
    ]);
  });

  it('keeps SEV3 off the status page and does not send PagerDuty its own acknowledgement back', () => {
    const sev3 = incidentAfter([
      [0, { type: 'open', by: 'ana', severity: 'SEV3', title: 'Disk 85%' }],
      [10_000, { type: 'acknowledge', incidentId: 'INC-1', by: 'bo (PagerDuty)' }],
      [20_000, { type: 'status_update', incidentId: 'INC-1', by: 'ana', text: 'Archiving old logs.' }],
    ]);
    const kinds = planMessages(sev3, ALL).map((m) => m.kind);
    expect(kinds).not.toContain('statuspage.update');
    expect(kinds).not.toContain('pagerduty.acknowledge');
    expect(kinds).toContain('pagerduty.note');
  });

  it('sends nothing at all for a drill\'s incident', () => {
    expect(planMessages({ ...sev1, drill: true }, ALL)).toEqual([]);
    expect(planMessages({ ...sev1, drill: false }, ALL).length).toBeGreaterThan(0);
  });
});
