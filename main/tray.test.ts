import { describe, expect, it } from 'vitest';
import type { Incident, IncidentsDelta, IncidentsLinkView, Result } from '../src/contract/index.js';
import { applyIncidentEvents, initialIncidentsState, type IncidentEvent } from '../src/core/incidents/index.js';
import { DEFAULT_PLAYBOOK, type Severity } from '../src/core/playbook/index.js';
import type { BackendListener } from '../src/host/backend.js';
import { FakeTime, flushPromises } from '../test/support/hft-fakes.js';
import { startIncidentTray, trayMenuTemplate, TRAY_REFRESH_MS } from './tray.js';
import { TRAY_COLOURS, TRAY_ICON_SIZE, trayIconBitmap } from './tray-icon.js';
import { countdown, trayStatus } from './tray-text.js';

const T0 = Date.UTC(2026, 10, 24, 18, 0, 0);
const MIN = 60_000;

function incidentsAfter(events: IncidentEvent[], at = T0): Incident[] {
  return applyIncidentEvents(initialIncidentsState(), events, at, DEFAULT_PLAYBOOK, { timeZone: 'UTC' }).incidents;
}
const open = (severity: Severity, title = 'Drill'): IncidentEvent => ({ type: 'open', by: 'ana', severity, title });

describe('tray text', () => {
  it('counts down whole seconds, with hours when needed', () => {
    expect(countdown(4 * MIN + 12_900)).toBe('4:12');
    expect(countdown(-65_000)).toBe('1:05');
    expect(countdown(62 * MIN + 3000)).toBe('1:02:03');
  });

  it('says nothing is open, in words', () => {
    expect(trayStatus([], T0)).toEqual({ title: '', tooltip: 'On-call cockpit: no open incidents', level: null });
  });

  it('shows the most urgent clock, and the next few in the tooltip', () => {
    const incidents = incidentsAfter([open('SEV3', 'Disk'), open('SEV1', 'Exchanges')]);
    const status = trayStatus(incidents, T0 + MIN + 30_000);
    expect(status.title).toBe('SEV1 INC-2 Acknowledge 3:30');
    expect(status.level).toBe('SEV1');
    expect(status.tooltip.split('\n')).toEqual([
      'On-call cockpit: 2 open incidents',
      'SEV1 INC-2 Acknowledge 3:30',
      'SEV1 INC-2 Escalate to Level 2 3:30',
      'SEV1 INC-2 Tell the trading desk 3:30',
    ]);
    expect(trayStatus(incidents, T0 + 6 * MIN).title).toBe('SEV1 INC-2 Acknowledge overdue 1:00');
  });

  it('leads with the most severe incident even when a lower one has a clock overdue', () => {
    const sev4 = incidentsAfter([open('SEV4', 'Old disk')], T0 - 3 * 60 * MIN);
    const sev1 = applyIncidentEvents({ incidents: sev4, nextNumber: 2 }, [open('SEV1', 'Exchanges')], T0, DEFAULT_PLAYBOOK, { timeZone: 'UTC' });
    const status = trayStatus(sev1.incidents, T0 + MIN);
    expect(status.title).toBe('SEV1 INC-2 Acknowledge 4:00');
    expect(status.tooltip.split('\n')[1]).toBe('SEV1 INC-2 Acknowledge 4:00');
  });

  it('leaves resolved incidents out', () => {
    const incidents = incidentsAfter([open('SEV2'), { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'fine' }]);
    expect(trayStatus(incidents, T0).level).toBeNull();
  });
});

describe('tray icon', () => {
  it('is a 16 px disc in the colour of the level, transparent in the corners', () => {
    const pixels = trayIconBitmap('SEV1');
    expect(pixels.length).toBe(TRAY_ICON_SIZE * TRAY_ICON_SIZE * 4);
    const centre = (8 * TRAY_ICON_SIZE + 8) * 4;
    const [r, g, b] = TRAY_COLOURS.SEV1;
    expect([...pixels.subarray(centre, centre + 4)]).toEqual([b, g, r, 255]);
    expect(pixels[3]).toBe(0);
    expect(trayIconBitmap(null)[centre + 2]).toBe(TRAY_COLOURS.none[0]);
  });
});

describe('tray', () => {
  it('shows the list at start, follows changes, and ticks every second until stopped', async () => {
    const time = new FakeTime();
    const listeners = new Set<BackendListener>();
    const initial = incidentsAfter([open('SEV2', 'Disk')], time.now());
    const backend = {
      subscribe: (l: BackendListener) => (listeners.add(l), () => void listeners.delete(l)),
      handle: async (): Promise<Result<unknown>> => ({ ok: true, value: { incidents: initial, operator: 'ana', auditProblem: null, seq: 0 } satisfies IncidentsLinkView }),
    };
    const seen: [string, unknown][] = [];
    const tray = startIncidentTray({
      backend,
      tray: { setTitle: (t) => seen.push(['title', t]), setToolTip: (t) => seen.push(['tip', t]), setLevel: (l) => seen.push(['level', l]) },
      now: () => time.now(),
      timers: time,
    });
    expect(tray.hasOpenIncidents()).toBe(false);
    await flushPromises();
    expect(seen.filter(([k]) => k !== 'tip')).toEqual([['level', null], ['title', 'SEV2 INC-1 Acknowledge 15:00'], ['level', 'SEV2']]);
    expect(tray.hasOpenIncidents()).toBe(true);

    await time.advance(TRAY_REFRESH_MS);
    expect(seen.at(-2)).toEqual(['title', 'SEV2 INC-1 Acknowledge 14:59']);

    // The backend's deltas, numbered on from the list's 0.
    const sev1 = incidentsAfter([open('SEV1')], time.now());
    const delta = (seq: number, incidents: typeof sev1): IncidentsDelta => ({ seq, changed: incidents, removed: [], order: incidents.map((i) => i.id), operator: 'ana', auditProblem: null });
    for (const l of listeners) l('incidents.changed', delta(1, sev1));
    expect(seen.filter(([k]) => k === 'level').at(-1)).toEqual(['level', 'SEV1']);

    const resolved = incidentsAfter([open('SEV1'), { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'fine' }], time.now());
    for (const l of listeners) l('incidents.changed', delta(2, resolved));
    expect(tray.hasOpenIncidents()).toBe(false);

    tray.stop();
    expect(listeners.size).toBe(0);
    expect(time.timerCount).toBe(0);
  });
});

describe('tray menu', () => {
  it('shows the window and quits, in that order', () => {
    const done: string[] = [];
    const menu = trayMenuTemplate({ show: () => done.push('show'), quit: () => done.push('quit') });
    expect(menu.map((item) => item.label)).toEqual(['Show cockpit', 'Quit cockpit']);
    for (const item of menu) item.click();
    expect(done).toEqual(['show', 'quit']);
  });
});
