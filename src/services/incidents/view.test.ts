import { describe, expect, it } from 'vitest';
import { applyIncidentEvents, initialIncidentsState } from '../../core/incidents/index.js';
import { DEFAULT_PLAYBOOK as PB } from '../../core/playbook/index.js';
import { alertsBetween, breachAlert, reportFilename } from './view.js';

const T0 = Date.parse('2026-11-24T18:00:00Z');

describe('a drill incident in notices and file names', () => {
  const before = initialIncidentsState();
  const real = applyIncidentEvents(before, [{ type: 'open', by: 'ana', severity: 'SEV1', title: 'Crash' }], T0, PB);
  const drilled = applyIncidentEvents(before, [
    { type: 'open', by: 'ana', severity: 'SEV1', title: 'Crash' },
    { type: 'drill', incidentId: 'INC-1', label: 'Crash and recover' },
  ], T0, PB);

  it('says DRILL in the title of every notice it makes', () => {
    expect(alertsBetween(before, drilled, T0)[0]!.title).toBe('DRILL SEV1 INC-1: Crash');
    expect(alertsBetween(before, real, T0)[0]!.title).toBe('SEV1 INC-1: Crash');
    const deadline = { incidentId: 'INC-1', severity: 'SEV1' as const, kind: 'ack' as const, dueAt: T0 + 300_000, title: 'Crash' };
    expect(breachAlert(deadline as never, T0, true).title).toMatch(/^DRILL SEV1 INC-1 overdue: /);
    expect(breachAlert(deadline as never, T0).title).toMatch(/^SEV1 INC-1 overdue: /);
  });

  it('names its export DRILL-', () => {
    expect(reportFilename(drilled.incidents[0]!, 'UTC')).toBe('DRILL-INC-1-crash-2026-11-24.md');
    expect(reportFilename(real.incidents[0]!, 'UTC')).toBe('INC-1-crash-2026-11-24.md');
  });
});
