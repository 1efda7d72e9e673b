import { describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/index.js';
import { escalationCallScript, MAX_TRIED_LINES } from './call-script.js';

const T0 = Date.UTC(2026, 10, 24, 14, 0);
const MIN = 60_000;

function latencyIncident(): IncidentsState {
  let s = initialIncidentsState();
  const act = (event: Parameters<typeof applyIncidentEvent>[1], at: number) => {
    s = applyIncidentEvent(s, event, at, DEFAULT_PLAYBOOK);
  };
  act({ type: 'open', by: 'ana', severity: 'SEV2', title: 'High latency', scenario: 'high_latency', subjects: ['order path'], detail: 'p99 at 25 ms' }, T0);
  act({ type: 'acknowledge', incidentId: 'INC-1', by: 'ana' }, T0 + MIN);
  act({ type: 'engage', incidentId: 'INC-1', by: 'ana' }, T0 + 2 * MIN);
  act({ type: 'tick_step', incidentId: 'INC-1', by: 'ana', stepId: 'latency-report' }, T0 + 5 * MIN);
  act({ type: 'status_update', incidentId: 'INC-1', by: 'ana', text: 'Latency high on all exchanges; trading continues.' }, T0 + 10 * MIN);
  return s;
}

const script = (over: Partial<Parameters<typeof escalationCallScript>[0]> = {}) =>
  escalationCallScript({ incident: latencyIncident().incidents[0]!, level: 2, playbook: DEFAULT_PLAYBOOK, caller: 'ana', now: T0 + 70 * MIN, timeZone: 'UTC', ...over });

describe('escalationCallScript', () => {
  it('opens with who calls, about which incident, to which level', () => {
    expect(script().split('\n')[0]).toBe('Hello, this is ana, on call for the trading system. I am escalating INC-1 to you (Level 2, Senior platform engineer).');
  });

  it('says what happened, since when, and the impact', () => {
    const text = script();
    expect(text).toContain('What happened: High latency. SEV2 (high), started 14:00, 1 h 10 min ago.');
    expect(text).toContain('Detail: p99 at 25 ms');
    expect(text).toContain('Impact: affected: order path. Status page updates apply.');
  });

  it('lists what was tried from the timeline, with the form note last, and never the alert’s own entries', () => {
    const text = script({ note: 'Restarted the latency-sensitive strategy' });
    const tried = text.split('What I have tried:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(tried).toEqual([
      '- 14:02 Engaged: investigating.',
      '- 14:05 Runbook step done: Run the latency report',
      '- 14:10 Latency high on all exchanges; trading continues.',
      '- Also: Restarted the latency-sensitive strategy',
    ]);
  });

  it('keeps only the latest actions when many were taken', () => {
    let s = latencyIncident();
    for (let i = 0; i < 20; i++) s = applyIncidentEvent(s, { type: 'note', incidentId: 'INC-1', by: 'ana', text: `try ${i}` }, T0 + (20 + i) * MIN, DEFAULT_PLAYBOOK);
    const tried = script({ incident: s.incidents[0]! }).split('What I have tried:\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(tried).toHaveLength(MAX_TRIED_LINES);
    expect(tried.at(-1)).toBe('- 14:39 try 19');
  });

  it('says where it stands, the runbook steps left, and what is asked', () => {
    const text = script();
    expect(text).toContain('Where it stands: being worked on. Last update at 14:10: Latency high on all exchanges; trading continues.');
    expect(text).toMatch(/Runbook steps not done yet: Look at CPU.*; Look at memory/);
    expect(text).not.toMatch(/not done yet:.*Run the latency report/);
    expect(text).toMatch(/What I need from you: take this on with me now \(Complex problems.*\)\. I will stay on the incident until you have it\.$/);
  });

  it('reads plainly for an incident opened by hand with nothing done yet', () => {
    let s = initialIncidentsState();
    s = applyIncidentEvent(s, { type: 'open', by: 'ana', severity: 'SEV1', title: 'Fills missing' }, T0, DEFAULT_PLAYBOOK);
    const text = script({ incident: s.incidents[0]!, level: 3, now: T0 + 5 * MIN });
    expect(text).toContain('(Level 3, Engineering lead / VP engineering)');
    expect(text).toContain('Impact: affected: see the detail. Status page updates apply.');
    expect(text).toContain('- Nothing yet beyond looking at the alert.');
    expect(text).toContain('Where it stands: not yet acknowledged.');
    expect(text).not.toContain('Runbook steps');
  });
});
