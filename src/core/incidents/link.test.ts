import { describe, expect, it } from 'vitest';
import { IncidentsDelta } from '../../contract/incidents.js';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import { applyIncidentEvent, type IncidentEvent } from './apply.js';
import {
  encodeIncidents,
  initialIncidentsSender,
  linkView,
  receiveIncidents,
  receiveIncidentsView,
  timelinePage,
  TIMELINE_WINDOW,
  windowTimeline,
  type IncidentsSenderState,
} from './link.js';
import { initialIncidentsState, type IncidentsState } from './model.js';

const T0 = Date.parse('2026-11-24T18:00:00Z');
const act = (state: IncidentsState, event: IncidentEvent, at = T0) => applyIncidentEvent(state, event, at, PB);
const viewOf = (state: IncidentsState) => ({ incidents: [...state.incidents].reverse(), operator: 'ana', auditProblem: null });
const note = (state: IncidentsState, id: string, text: string) => act(state, { type: 'note', incidentId: id, by: 'ana', text });

function twoOpen(): IncidentsState {
  let s = act(initialIncidentsState(), { type: 'open', by: 'ana', severity: 'SEV2', title: 'binance down' });
  s = act(s, { type: 'open', by: 'ana', severity: 'SEV3', title: 'disk filling' });
  return s;
}

describe('incidents on the link', () => {
  it('sends only the incidents that changed, and the receiver rebuilds the whole view in order', () => {
    let s = twoOpen();
    let sender: IncidentsSenderState = initialIncidentsSender();
    const first = encodeIncidents(sender, viewOf(s));
    sender = first.state;
    expect(first.delta.changed.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    let receiver = receiveIncidentsView(linkView(initialIncidentsSender(), { incidents: [], operator: 'ana', auditProblem: null }));
    const got = receiveIncidents(receiver, first.delta);
    expect(got.kind).toBe('apply');
    if (got.kind !== 'apply') return;
    receiver = got.state;

    s = note(s, 'INC-1', 'called the exchange');
    const second = encodeIncidents(sender, viewOf(s));
    sender = second.state;
    expect(second.delta.seq).toBe(2);
    expect(second.delta.changed.map((i) => i.id)).toEqual(['INC-1']);
    expect(IncidentsDelta.safeParse(second.delta).success).toBe(true);
    const next = receiveIncidents(receiver, second.delta);
    expect(next.kind === 'apply' && next.state.view).toEqual(viewOf(s));
    // The unchanged incident is the object held before.
    expect(next.kind === 'apply' && next.state.view.incidents[0]).toBe(receiver.view.incidents[0]);
  });

  it('removes incidents that left the view, even ones the receiver no longer holds', () => {
    const s = twoOpen();
    const first = encodeIncidents(initialIncidentsSender(), viewOf(s));
    const onlyOne = { ...viewOf(s), incidents: viewOf(s).incidents.slice(0, 1) };
    const second = encodeIncidents(first.state, onlyOne);
    expect(second.delta.removed).toEqual(['INC-1']);
    expect(second.delta.changed).toEqual([]);
    // A receiver whose list already left INC-1 out (it aged out of the view when listed).
    const receiver = receiveIncidentsView({ ...linkView(first.state, onlyOne) });
    const got = receiveIncidents(receiver, second.delta);
    expect(got.kind === 'apply' && got.state.view.incidents.map((i) => i.id)).toEqual(['INC-2']);
  });

  it('asks for the list again on a skipped number or an order naming an incident not held, and ignores old deltas', () => {
    const s = twoOpen();
    const first = encodeIncidents(initialIncidentsSender(), viewOf(s));
    const second = encodeIncidents(first.state, viewOf(note(s, 'INC-2', 'x')));
    const empty = receiveIncidentsView({ incidents: [], operator: 'ana', auditProblem: null, seq: 0 });
    expect(receiveIncidents(empty, second.delta)).toEqual({ kind: 'resync', reason: 'incident update 1 missing (got 2)' });
    // Delta 2 names INC-1 in its order but does not carry it: it changed in delta 1.
    const atOne = receiveIncidentsView({ incidents: [], operator: 'ana', auditProblem: null, seq: 1 });
    expect(receiveIncidents(atOne, second.delta)).toEqual({ kind: 'resync', reason: 'incident INC-1 is not held' });
    const listed = receiveIncidentsView(linkView(second.state, viewOf(note(s, 'INC-2', 'x'))));
    expect(receiveIncidents(listed, first.delta)).toEqual({ kind: 'old' });
  });

  it('windows long timelines to the newest entries and pages the older ones', () => {
    let s = twoOpen();
    for (let n = 1; n <= 30; n++) s = note(s, 'INC-1', `note ${n}`);
    const incident = s.incidents.find((i) => i.id === 'INC-1')!;
    const total = incident.timeline.length;
    const windowed = windowTimeline(incident);
    expect(windowed.timeline).toEqual(incident.timeline.slice(-TIMELINE_WINDOW));
    expect(windowed.timelineTotal).toBe(total);
    const short = s.incidents.find((i) => i.id === 'INC-2')!;
    expect(windowTimeline(short)).toBe(short);
    const sent = encodeIncidents(initialIncidentsSender(), viewOf(s)).delta.changed.find((i) => i.id === 'INC-1')!;
    expect(sent.timeline).toHaveLength(TIMELINE_WINDOW);
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(incident).length);
    expect(timelinePage(incident, total - TIMELINE_WINDOW, 5)).toEqual({
      from: total - TIMELINE_WINDOW - 5,
      entries: incident.timeline.slice(total - TIMELINE_WINDOW - 5, total - TIMELINE_WINDOW),
      total,
    });
    expect(timelinePage(incident, 3, 10)).toEqual({ from: 0, entries: incident.timeline.slice(0, 3), total });
    expect(timelinePage(incident, total + 50, 2).entries).toEqual(incident.timeline.slice(-2));
  });
});
