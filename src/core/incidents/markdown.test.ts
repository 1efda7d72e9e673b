import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import { applyIncidentEvents } from './apply.js';
import { incidentToMarkdown } from './markdown.js';
import { initialIncidentsState } from './model.js';

const T0 = Date.parse('2026-11-24T18:00:00Z');
const MIN = 60_000;

describe('incidentToMarkdown', () => {
  const state = applyIncidentEvents(initialIncidentsState(), [
    { type: 'open', by: 'ana', severity: 'SEV1', title: 'Exchange disconnected: binance | kraken', subjects: ['binance'] },
  ], T0, PB);
  const later = applyIncidentEvents(state, [
    { type: 'acknowledge', incidentId: 'INC-1', by: 'ana' },
    { type: 'status_update', incidentId: 'INC-1', by: 'ana', text: 'Binance down on their side.\nDesk told.' },
  ], T0 + 3 * MIN, PB);
  const resolved = applyIncidentEvents(later, [
    { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Binance back.' },
  ], T0 + 75 * MIN, PB);
  const incident = resolved.incidents[0]!;

  it('heads the report with id, severity and title, escaping table pipes', () => {
    const md = incidentToMarkdown(incident);
    expect(md.split('\n')[0]).toBe('# INC-1 SEV1: Exchange disconnected: binance \\| kraken');
    expect(md).toContain('- Severity: SEV1');
    expect(md).toContain('- Resolved: 2026-11-24 19:15:00Z by ana, after 1 h 15 min');
  });

  it('lists the clocks and the timeline in UTC, one row each, newlines folded', () => {
    const md = incidentToMarkdown(incident);
    expect(md).toContain('| Acknowledge | 2026-11-24 18:05:00Z | 2026-11-24 18:03:00Z by ana |');
    expect(md).toContain('| Tell the trading desk | 2026-11-24 18:05:00Z | not done |');
    expect(md).toContain('| 2026-11-24 18:03:00Z | ana | Binance down on their side. Desk told. |');
    expect(md).toContain('| 2026-11-24 19:15:00Z | ana | Resolved. Binance back. |');
  });

  it('writes local times when given a zone', () => {
    expect(incidentToMarkdown(incident, { timeZone: 'Europe/Berlin' })).toContain('- Started: 2026-11-24 19:00 Europe/Berlin (opened by ana)');
  });
});

describe('a drill incident', () => {
  const drilled = applyIncidentEvents(initialIncidentsState(), [
    { type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange disconnected: binance' },
    { type: 'drill', incidentId: 'INC-1', label: 'Exchange down' },
  ], T0, PB).incidents[0]!;

  it('is marked on the incident and its timeline, once', () => {
    expect(drilled.drill).toBe(true);
    expect(drilled.timeline.filter((t) => t.text.startsWith('DRILL:'))).toHaveLength(1);
    const twice = applyIncidentEvents({ incidents: [drilled], nextNumber: 2 }, [{ type: 'drill', incidentId: 'INC-1', label: 'Exchange down' }], T0 + MIN, PB);
    expect(twice.incidents[0]!.timeline).toHaveLength(drilled.timeline.length);
  });

  it('says DRILL at the head of its export', () => {
    const md = incidentToMarkdown(drilled);
    expect(md.split('\n')[0]).toBe('# DRILL INC-1 SEV2: Exchange disconnected: binance');
    expect(md).toContain('A drill on a simulator, not a real incident');
    const real = applyIncidentEvents(initialIncidentsState(), [{ type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange disconnected: binance' }], T0, PB).incidents[0]!;
    expect(incidentToMarkdown(real).split('\n')[0]).not.toContain('DRILL');
  });
});
