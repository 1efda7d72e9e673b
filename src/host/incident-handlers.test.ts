/**
 * The incident calls and events through the whole backend: a hand-driven
 * feed, fake time, the real incident service on a temp data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentAlert, IncidentsDelta, IncidentsLinkView, IncidentsView, Result, TimelinePage } from '../contract/index.js';
import { TIMELINE_WINDOW } from '../core/incidents/link.js';
import { DEFAULT_PLAYBOOK, exportPlaybook } from '../core/playbook/index.js';
import { FakeTime, flushPromises } from '../../test/support/hft-fakes.js';
import { viewsOf, type Facts } from '../../test/support/incidents-harness.js';
import { createMemorySettingsStore } from '../services/settings.js';
import { createBackend, type Backend } from './backend.js';
import { createFakeFeed, type FakeFeed } from '../../test/support/fake-feed.js';

let dataDir: string;
let time: FakeTime;
let feed: FakeFeed;
let backend: Backend;
let events: [string, unknown][];
const settings = createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' });

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-incident-calls-'));
  time = new FakeTime();
  feed = createFakeFeed();
  backend = await createBackend({ apiUrl: 'http://127.0.0.1:1', dataDir, hostKind: 'browser', clock: time, timers: time, settings, feed, log: () => {} });
  events = [];
  backend.subscribe((name, payload) => events.push([name, payload]));
});
afterEach(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const value = <T>(result: Result<unknown>) => {
  expect(result).toMatchObject({ ok: true });
  return (result as { value: T }).value;
};
const list = async () => value<IncidentsView>(await backend.handle('incidents.list', {}));

/** One poll round with these facts; waits (bounded) until the incident list has `count` incidents. */
async function poll(facts: Facts, count: number) {
  feed.push({ endpoints: viewsOf(facts, time.now()), pollMs: 1000, at: time.now() });
  for (let i = 0; i < 200 && (await list()).incidents.length < count; i++) {
    await flushPromises();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('incident calls through the backend', () => {
  it('counts every kept incident in the weekly trend, also those the list no longer shows', async () => {
    await backend.handle('incidents.open', { title: 'Old one', severity: 'SEV3' });
    const opened = value<Incident>(await backend.handle('incidents.open', { title: 'Resolved long ago', severity: 'SEV2' }));
    await backend.handle('incidents.act', { incidentId: opened.id, action: { type: 'resolve', note: 'x', falsePositive: true, finalUpdate: { text: 'Final: nothing was wrong.' } } });
    await time.advance(2 * 24 * 60 * 60 * 1000);
    expect((await list()).incidents.map((i) => i.id)).toEqual(['INC-1']);
    const trend = value<{ thisWeek: { total: number; falsePositives: number; openedByHand: number }; lastWeek: { total: number } }>(await backend.handle('incidents.trend', {}));
    expect(trend.thisWeek).toMatchObject({ total: 2, falsePositives: 1, openedByHand: 2 });
    expect(trend.lastWeek.total).toBe(0);
  });

  it('opens an incident from the feed and tells subscribers', async () => {
    expect(await list()).toEqual({ incidents: [], operator: 'ana', auditProblem: null, seq: 0 });
    await poll({ down: ['kraken'] }, 1);
    expect((await list()).incidents[0]).toMatchObject({ id: 'INC-1', severity: 'SEV2' });
    const alerts = events.filter(([n]) => n === 'incidents.alert').map(([, p]) => p as IncidentAlert);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'new', incidentId: 'INC-1' })]);
    const changed = events.filter(([n]) => n === 'incidents.changed').at(-1)![1] as IncidentsDelta;
    expect(changed.order).toEqual(['INC-1']);
    expect(changed.changed.map((i) => i.id)).toEqual(['INC-1']);
  });

  it('sends only the incident that changed, its timeline windowed, and pages the older entries', async () => {
    await poll({ down: ['kraken'] }, 1);
    const opened = value<Incident>(await backend.handle('incidents.open', { title: 'Disk filling on hft-prod-02', severity: 'SEV3' }));
    for (let n = 1; n <= TIMELINE_WINDOW + 5; n++) {
      await backend.handle('incidents.act', { incidentId: 'INC-1', action: { type: 'note', text: `note ${n}` } });
    }
    const deltas = events.filter(([n]) => n === 'incidents.changed').map(([, p]) => p as IncidentsDelta);
    const last = deltas.at(-1)!;
    expect(last.seq).toBe(deltas.length);
    expect(last.changed.map((i) => i.id)).toEqual(['INC-1']);
    expect(last.order.sort()).toEqual(['INC-1', opened.id].sort());
    const sent = last.changed[0]!;
    expect(sent.timeline).toHaveLength(TIMELINE_WINDOW);
    expect(sent.timeline.at(-1)?.text).toBe(`note ${TIMELINE_WINDOW + 5}`);
    const total = sent.timelineTotal!;
    expect(total).toBeGreaterThan(TIMELINE_WINDOW + 5);
    const listed = await list();
    expect((listed as IncidentsLinkView).seq).toBe(last.seq);
    expect(listed.incidents.find((i) => i.id === 'INC-1')).toEqual(sent);
    // The rest, in pages, oldest last.
    const older = value<TimelinePage>(await backend.handle('incidents.timeline', { incidentId: 'INC-1', before: total - TIMELINE_WINDOW, limit: 3 }));
    expect(older).toMatchObject({ from: total - TIMELINE_WINDOW - 3, total });
    expect(older.entries.map((e) => e.text)).toEqual(['note 3', 'note 4', 'note 5']);
    const first = value<TimelinePage>(await backend.handle('incidents.timeline', { incidentId: 'INC-1', before: 2, limit: 100 }));
    expect(first.from).toBe(0);
    expect(first.entries).toHaveLength(2);
    expect(await backend.handle('incidents.timeline', { incidentId: 'INC-99', before: 2, limit: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers actions with the incident, and refusals with their codes', async () => {
    await poll({ down: ['kraken'] }, 1);
    const acked = value<Incident>(await backend.handle('incidents.act', { incidentId: 'INC-1', action: { type: 'acknowledge' } }));
    expect(acked.acknowledged?.by).toBe('ana');
    expect(await backend.handle('incidents.act', { incidentId: 'INC-1', action: { type: 'acknowledge' } })).toMatchObject({
      ok: false, error: { code: 'conflict', message: expect.stringContaining('already acknowledged') },
    });
    expect(await backend.handle('incidents.act', { incidentId: 'INC-4', action: { type: 'engage' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await backend.handle('incidents.act', { incidentId: 'INC-1', action: { type: 'dance' } })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    settings.update({ operatorName: 'bo' });
    const engaged = value<Incident>(await backend.handle('incidents.act', { incidentId: 'INC-1', action: { type: 'engage' } }));
    expect(engaged.engaged?.by).toBe('bo');
    settings.update({ operatorName: 'ana' });

    const file = value<{ filename: string }>(await backend.handle('incidents.export', { incidentId: 'INC-1' }));
    expect(file.filename).toBe('INC-1-exchange-disconnected-2026-11-24.md');
  });

  it('opens incidents by hand and serves the playbook', async () => {
    const opened = value<Incident>(await backend.handle('incidents.open', { title: 'Odd fills on okx', severity: 'SEV3' }));
    expect(opened).toMatchObject({ id: 'INC-1', openedBy: 'ana' });
    expect(value(await backend.handle('playbook.get', {}))).toEqual(DEFAULT_PLAYBOOK);
    expect(await backend.handle('playbook.import', { text: '{"format": 1}' })).toMatchObject({
      ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/the one in force stays: version/) },
    });
    expect(value<{ text: string }>(await backend.handle('playbook.export', {})).text).toBe(exportPlaybook(DEFAULT_PLAYBOOK));
  });
});
