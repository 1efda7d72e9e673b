import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/core/incidents/model.js';
import { sampleIncident } from '../../store/incident-fixtures.js';
import { shownTimeline } from './IncidentTimeline.js';

const entry = (n: number): TimelineEntry => ({ at: n * 1000, kind: 'note', by: 'ana', text: `note ${n}` });

describe('the timeline window in the page', () => {
  it('shows the held window newest first, then older pages as far back as they join up', () => {
    const all = Array.from({ length: 50 }, (_, n) => entry(n));
    const incident = { ...sampleIncident(), timeline: all.slice(-20), timelineTotal: 50 };
    const none = shownTimeline(incident, new Map());
    expect(none.total).toBe(50);
    expect(none.firstIndex).toBe(30);
    expect(none.entries.map(([i]) => i)).toEqual(Array.from({ length: 20 }, (_, k) => 49 - k));
    expect(none.entries[0]![1].text).toBe('note 49');
    // Entries 10..29 paged in: shown below the window, down to 10.
    const paged = new Map(all.slice(10, 30).map((e, k) => [10 + k, e] as [number, TimelineEntry]));
    const more = shownTimeline(incident, paged);
    expect(more.firstIndex).toBe(10);
    expect(more.entries).toHaveLength(40);
    expect(more.entries.at(-1)![1].text).toBe('note 10');
    // A page that does not join the window (the window moved on) waits for the gap to be paged.
    const gap = new Map(all.slice(0, 20).map((e, k) => [k, e] as [number, TimelineEntry]));
    expect(shownTimeline(incident, gap).firstIndex).toBe(30);
  });

  it('takes a whole timeline (no total) as all there is', () => {
    const incident = { ...sampleIncident(), timeline: [entry(1), entry(2)] };
    expect(shownTimeline(incident, new Map())).toMatchObject({ firstIndex: 0, total: 2 });
  });
});
