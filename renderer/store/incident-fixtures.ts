/**
 * Incidents for the renderer's tests, made by the pure core from real
 * events so they carry the clocks the host would compute.
 */
import type { Incident } from '../../src/contract/incidents.js';
import { applyIncidentEvent, initialIncidentsState, type IncidentEvent } from '../../src/core/incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';

/** 2026-11-24 18:00:00 UTC: a fixed start for every sample. */
export const SAMPLE_T0 = Date.parse('2026-11-24T18:00:00Z');

/** INC-1, an exchange disconnect raised by the alert rules at `at`, SEV2 unless told. */
export function sampleIncident(at = SAMPLE_T0, severity: Incident['severity'] = 'SEV2'): Incident {
  const state = applyIncidentEvent(
    initialIncidentsState(),
    {
      type: 'signal',
      signal: {
        kind: 'raise', conditionKey: 'exchange_disconnected', scenario: 'exchange_disconnected', severity,
        title: 'Exchange disconnected: kraken', detail: '1 of 12 exchanges disconnected: kraken.', subjects: ['kraken'], at,
      },
    },
    at,
    DEFAULT_PLAYBOOK,
  );
  return state.incidents[0]!;
}

/** `incident` after the engineer's `events`, each at its own time. */
export function afterActions(incident: Incident, events: [IncidentEvent, number][]): Incident {
  let state = { incidents: [incident], nextNumber: 2 };
  for (const [event, at] of events) state = applyIncidentEvent(state, event, at, DEFAULT_PLAYBOOK);
  return state.incidents[0]!;
}
