import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/contract/incidents.js';
import type { Severity } from '../../../src/core/playbook/schema.js';
import { SAMPLE_T0 } from '../../store/incident-fixtures.js';
import { effectiveSelection, SELECTION_STEAL_IDLE_MS, selectionAfter, selectionMoved } from './selection.js';

const MIN = 60_000;
type Listed = Pick<Incident, 'id' | 'severity' | 'startedAt' | 'due' | 'phase'>;
const inc = (id: string, severity: Severity, phase: Incident['phase'] = 'triggered', startedAt = SAMPLE_T0): Listed => ({
  id, severity, startedAt, phase, due: [],
});

describe('the selected incident', () => {
  const sev3 = inc('INC-1', 'SEV3');
  const sev2 = inc('INC-2', 'SEV2');

  it('is the first in triage order until one is picked, and none when nothing is open', () => {
    expect(effectiveSelection([sev3, sev2], null)).toBe('INC-2');
    expect(effectiveSelection([sev3, sev2], 'INC-1')).toBe('INC-1');
    expect(effectiveSelection([sev3, inc('INC-2', 'SEV2', 'resolved')], 'INC-2')).toBe('INC-1');
    expect(effectiveSelection([inc('INC-1', 'SEV1', 'resolved')], 'INC-1')).toBeNull();
    expect(effectiveSelection(null, null)).toBeNull();
  });

  it('goes to a new, more severe incident when the engineer has been idle for 10 s', () => {
    const sev1 = inc('INC-3', 'SEV1');
    const change = { before: [sev3, sev2], after: [sev3, sev2, sev1], selected: 'INC-1', now: SAMPLE_T0 + MIN };
    expect(selectionAfter({ ...change, lastInputAt: change.now - SELECTION_STEAL_IDLE_MS })).toBe('INC-3');
    expect(selectionAfter({ ...change, lastInputAt: null })).toBe('INC-3');
  });

  it('stays where it is when the engineer touched the keyboard or mouse in the last 10 s', () => {
    const sev1 = inc('INC-3', 'SEV1');
    const change = { before: [sev3, sev2], after: [sev3, sev2, sev1], selected: 'INC-1', now: SAMPLE_T0 + MIN };
    expect(selectionAfter({ ...change, lastInputAt: change.now - SELECTION_STEAL_IDLE_MS + 1 })).toBe('INC-1');
  });

  it('stays where it is, however long the engineer has been idle, while a form is open on the selected incident', () => {
    const sev1 = inc('INC-3', 'SEV1');
    const change = { before: [sev3, sev2], after: [sev3, sev2, sev1], selected: 'INC-1', now: SAMPLE_T0 + MIN, lastInputAt: null };
    expect(selectionAfter({ ...change, formOpen: true })).toBe('INC-1');
    expect(selectionAfter({ ...change, formOpen: false })).toBe('INC-3');
  });

  it('is not taken by a new incident of the same or a lower severity, nor on the first list', () => {
    const change = { selected: 'INC-2', lastInputAt: null, now: SAMPLE_T0 };
    expect(selectionAfter({ ...change, before: [sev2], after: [sev2, inc('INC-3', 'SEV2', 'triggered', SAMPLE_T0 - MIN)] })).toBe('INC-2');
    expect(selectionAfter({ ...change, before: [sev2], after: [sev2, inc('INC-3', 'SEV4')] })).toBe('INC-2');
    expect(selectionAfter({ ...change, before: null, after: [sev2, inc('INC-3', 'SEV1')] })).toBe('INC-2');
  });

  it('is taken by an incident raised above it, and moves to the next in triage order when it is resolved', () => {
    const raised = { ...sev3, severity: 'SEV1' as const };
    expect(selectionAfter({ before: [sev3, sev2], after: [raised, sev2], selected: 'INC-2', lastInputAt: null, now: SAMPLE_T0 })).toBe('INC-1');
    const gone = { ...sev2, phase: 'resolved' as const };
    expect(selectionAfter({ before: [sev3, sev2], after: [sev3, gone], selected: 'INC-2', lastInputAt: SAMPLE_T0, now: SAMPLE_T0 })).toBe('INC-1');
  });

  it('moves with J and K along the triage order and stops at the ends', () => {
    const list = [sev3, inc('INC-3', 'SEV1'), sev2];
    expect(selectionMoved(list, null, 1)).toBe('INC-2');
    expect(selectionMoved(list, 'INC-2', 1)).toBe('INC-1');
    expect(selectionMoved(list, 'INC-1', 1)).toBe('INC-1');
    expect(selectionMoved(list, 'INC-2', -1)).toBe('INC-3');
    expect(selectionMoved(list, 'INC-3', -1)).toBe('INC-3');
    expect(selectionMoved([], null, 1)).toBeNull();
  });
});
