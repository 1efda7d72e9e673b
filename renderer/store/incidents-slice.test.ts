import { describe, expect, it } from 'vitest';
import { ok } from '../../src/contract/result.js';
import { createCockpitStore } from './cockpit-store.js';
import { afterActions, SAMPLE_T0, sampleIncident } from './incident-fixtures.js';
import { ALERTS_KEPT, shareIncidents } from './incidents-slice.js';

const view = (incidents = [sampleIncident()]) => ({ incidents, operator: 'alice', auditProblem: null });
const alert = (n: number) => ({ kind: 'new' as const, incidentId: `INC-${n}`, severity: 'SEV2' as const, title: 't', body: '', item: null, at: n });

describe('incidents slice', () => {
  it('keeps the object of an incident that did not change, and replaces one that did', () => {
    const a = sampleIncident();
    const acked = afterActions(a, [[{ type: 'acknowledge', incidentId: a.id, by: 'alice' }, SAMPLE_T0 + 60_000]]);
    const copy = structuredClone(a);
    expect(shareIncidents([a], [copy])[0]).toBe(a);
    expect(shareIncidents([a], [acked])[0]).toBe(acked);
  });

  it('does not replace the list when the host resends the same incidents', () => {
    const store = createCockpitStore();
    store.getState().setIncidentsView(view());
    const first = store.getState().incidents;
    store.getState().setIncidentsView(structuredClone(view()));
    expect(store.getState().incidents).toBe(first);
    expect(store.getState()).toMatchObject({ operator: 'alice', auditProblem: null });
  });

  it('puts an acted-on incident in place, ahead of the next change event', () => {
    const store = createCockpitStore();
    const a = sampleIncident();
    store.getState().setIncidentsView(view([a]));
    const acked = afterActions(a, [[{ type: 'acknowledge', incidentId: a.id, by: 'alice' }, SAMPLE_T0 + 60_000]]);
    store.getState().upsertIncident(acked);
    expect(store.getState().incidents).toEqual([acked]);
    const opened = { ...sampleIncident(), id: 'INC-2' };
    store.getState().upsertIncident(opened);
    expect(store.getState().incidents?.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
  });

  it('an answer closes the form it was sent from, never one opened since', () => {
    const store = createCockpitStore();
    store.getState().setIncidentForm({ incidentId: 'INC-1', form: 'note' });
    // U pressed while the note was on its way: the status update form is open when the note's answer comes.
    store.getState().setIncidentForm({ incidentId: 'INC-1', form: 'status_update' });
    expect(store.getState().closeIncidentForm('INC-1', 'note')).toBe(false);
    expect(store.getState().incidentForm).toEqual({ incidentId: 'INC-1', form: 'status_update' });
    // The same form on another incident is another form.
    expect(store.getState().closeIncidentForm('INC-2', 'status_update')).toBe(false);
    expect(store.getState().incidentForm).not.toBeNull();
    expect(store.getState().closeIncidentForm('INC-1', 'status_update')).toBe(true);
    expect(store.getState().incidentForm).toBeNull();
  });

  it('numbers alerts and keeps only the latest ones', () => {
    const store = createCockpitStore();
    for (let n = 1; n <= ALERTS_KEPT + 5; n++) store.getState().pushAlert(alert(n));
    const alerts = store.getState().alerts;
    expect(alerts).toHaveLength(ALERTS_KEPT);
    expect(alerts[0]!.seq).toBe(6);
    expect(alerts.at(-1)!.seq).toBe(ALERTS_KEPT + 5);
  });

  it('answers unavailable until connected to a host, then calls through it', async () => {
    const store = createCockpitStore();
    const before = await store.getState().callIncidents('incidents.list', {});
    expect(before).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const seen: string[] = [];
    store.getState().bindIncidentCalls(async (name) => {
      seen.push(name);
      return ok(view()) as never;
    });
    const after = await store.getState().callIncidents('incidents.list', {});
    expect(after.ok).toBe(true);
    expect(seen).toEqual(['incidents.list']);
  });
});
