import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShiftView } from '../../contract/checks.js';
import type { AuditEntry } from '../../services/audit-log.js';
import { applyIncidentEvent, initialIncidentsState, type IncidentsState } from '../../core/incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/index.js';
import { createMemorySettingsStore } from '../../services/settings.js';
import { createShiftHost } from './shift-host.js';

/** Thursday 2026-11-26 12:00 UTC; the shift began Friday 20th 17:00 and ends Friday 27th 17:00 (UTC). */
const THURSDAY_NOON = Date.UTC(2026, 10, 26, 12, 0);
const HOUR = 3_600_000;
const noIncidents = { state: () => initialIncidentsState(), playbook: () => DEFAULT_PLAYBOOK };

function fakeTimers() {
  const pending = new Map<number, { fn: () => void; at: number }>();
  let next = 1;
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { fn: () => (pending.delete(id), fn()), at: ms });
      return id;
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(at: number, incidents: { state(): IncidentsState; playbook(): typeof DEFAULT_PLAYBOOK } = noIncidents) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-shift-'));
  dirs.push(dataDir);
  let now = at;
  const timers = fakeTimers();
  const events: ShiftView[] = [];
  const settings = createMemorySettingsStore({ timeZone: 'UTC' });
  const audit: AuditEntry[] = [];
  const host = createShiftHost({
    dataDir,
    settings,
    clock: { now: () => now, monotonic: () => now },
    timers,
    emit: (name, payload) => name === 'shift.changed' && events.push(payload as ShiftView),
    timeZone: () => 'UTC',
    audit: { append: async (e) => void audit.push(e) },
    operator: () => 'ana',
    incidents,
  });
  return { host, dataDir, settings, timers, events, audit, setNow: (t: number) => (now = t) };
}

describe('the shift host', () => {
  it('places the shift between Friday 17:00 handoffs, with the reminder 30 minutes before the end', async () => {
    const { host } = setup(THURSDAY_NOON);
    const view = await host.view();
    expect(view.role).toBe('primary');
    expect(view.startsAt).toBe(Date.UTC(2026, 10, 20, 17, 0));
    expect(view.endsAt).toBe(Date.UTC(2026, 10, 27, 17, 0));
    expect(view.handoffReminderAt).toBe(Date.UTC(2026, 10, 27, 16, 30));
    expect(view.reminderDue).toBe(false);
    expect(view.routines.map((r) => r.id)).toEqual(['morning-review', 'midday-health', 'evening-review', 'weekly', 'shift-end']);
    host.close();
  });

  it('follows the rotation and role in settings', async () => {
    const { host, settings } = setup(THURSDAY_NOON);
    settings.update({ onCallRole: 'secondary', handoffWeekday: 1, handoffTime: '09:00' });
    const view = await host.view();
    expect(view.role).toBe('secondary');
    expect(view.startsAt).toBe(Date.UTC(2026, 10, 23, 9, 0));
    expect(view.endsAt).toBe(Date.UTC(2026, 10, 30, 9, 0));
    host.close();
  });

  it('keeps ticks through a restart, and a daily list starts blank the next day while the weekly one does not', async () => {
    const first = setup(THURSDAY_NOON);
    await first.host.handlers['shift.tick']({ listId: 'morning-review', itemId: 'exchanges', done: true });
    await first.host.handlers['shift.tick']({ listId: 'weekly', itemId: 'docs', done: true });
    expect(first.events.at(-1)!.routines.find((r) => r.id === 'morning-review')!.done).toBe(1);
    first.host.close();

    const again = createShiftHost({
      dataDir: first.dataDir,
      settings: first.settings,
      clock: { now: () => THURSDAY_NOON + HOUR, monotonic: () => 0 },
      timers: fakeTimers(),
      emit: () => {},
      timeZone: () => 'UTC',
    audit: { append: async () => undefined },
    operator: () => 'ana',
    incidents: noIncidents,
    });
    const sameDay = await again.view();
    expect(sameDay.routines.find((r) => r.id === 'morning-review')!.items.find((i) => i.id === 'exchanges')!.doneAt).toBe(THURSDAY_NOON);
    again.close();

    const friday = createShiftHost({
      dataDir: first.dataDir,
      settings: first.settings,
      clock: { now: () => THURSDAY_NOON + 24 * HOUR, monotonic: () => 0 },
      timers: fakeTimers(),
      emit: () => {},
      timeZone: () => 'UTC',
    audit: { append: async () => undefined },
    operator: () => 'ana',
    incidents: noIncidents,
    });
    const view = await friday.view();
    expect(view.routines.find((r) => r.id === 'morning-review')!.done).toBe(0);
    expect(view.routines.find((r) => r.id === 'weekly')!.done).toBe(1);
    friday.close();
  });

  it('records every tick of the shift-end steps on the audit log, the call included', async () => {
    const { host, audit } = setup(Date.UTC(2026, 10, 27, 16, 40));
    const view = await host.handlers['shift.tick']({ listId: 'shift-end', itemId: 'handoff-call', done: true });
    await host.handlers['shift.tick']({ listId: 'shift-end', itemId: 'handoff-call', done: false });
    expect(audit).toEqual([
      { type: 'shift.ticked', actor: 'ana', at: Date.UTC(2026, 10, 27, 16, 40), data: { listId: 'shift-end', itemId: 'handoff-call', label: 'Hold the handoff call with the incoming engineer', done: true } },
      { type: 'shift.ticked', actor: 'ana', at: Date.UTC(2026, 10, 27, 16, 40), data: { listId: 'shift-end', itemId: 'handoff-call', label: 'Hold the handoff call with the incoming engineer', done: false } },
    ]);
    expect(view.routines.find((r) => r.id === 'shift-end')).toMatchObject({ cadence: 'shift_end', done: 1, total: 6 });
    host.close();
  });

  it('lists a debrief after a resolved SEV1, due the next business day, and records it held across a restart', async () => {
    let state = initialIncidentsState();
    state = applyIncidentEvent(state, { type: 'open', by: 'ana', severity: 'SEV1', title: 'Trading system not responding', scenario: 'system_down' }, THURSDAY_NOON - 2 * HOUR, DEFAULT_PLAYBOOK);
    state = applyIncidentEvent(state, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Failed over.' }, THURSDAY_NOON - HOUR, DEFAULT_PLAYBOOK);
    const history = { state: () => state, playbook: () => DEFAULT_PLAYBOOK };
    const { host, audit, dataDir, settings } = setup(THURSDAY_NOON, history);
    const view = await host.view();
    // Thursday's resolve: due Friday by the playbook's 17:00.
    expect(view.debriefs).toEqual([
      { incidentId: 'INC-1', title: 'Trading system not responding', resolvedAt: THURSDAY_NOON - HOUR, dueAt: Date.UTC(2026, 10, 27, 17, 0), heldAt: null, overdue: false },
    ]);
    const held = await host.handlers['shift.debriefHeld']({ incidentId: 'INC-1' });
    expect(held.debriefs[0]).toMatchObject({ heldAt: THURSDAY_NOON, overdue: false });
    expect(audit.at(-1)).toMatchObject({ type: 'shift.debrief_held', actor: 'ana', incidentId: 'INC-1' });
    await expect(host.handlers['shift.debriefHeld']({ incidentId: 'INC-1' })).rejects.toThrow(/no debrief due/);
    await expect(host.handlers['shift.debriefHeld']({ incidentId: 'INC-9' })).rejects.toThrow(/no debrief due/);
    host.close();
    const again = createShiftHost({
      dataDir, settings, clock: { now: () => THURSDAY_NOON + HOUR, monotonic: () => 0 }, timers: fakeTimers(), emit: () => {}, timeZone: () => 'UTC',
      audit: { append: async () => undefined }, operator: () => 'ana', incidents: history,
    });
    expect((await again.view()).debriefs[0]?.heldAt).toBe(THURSDAY_NOON);
    again.close();
  });

  it('records a break with who covers and the alarm, keeps it across a restart, and ends it', async () => {
    const { host, audit, dataDir, settings, timers, events } = setup(THURSDAY_NOON);
    const view = await host.handlers['shift.breakStart']({ minutes: 15, coveredBy: 'bob', incidentId: 'INC-4' });
    expect(view.onBreak).toEqual({ startedAt: THURSDAY_NOON, backAt: THURSDAY_NOON + 15 * 60_000, coveredBy: 'bob', incidentId: 'INC-4' });
    expect(audit.at(-1)).toMatchObject({ type: 'shift.break_started', actor: 'ana', incidentId: 'INC-4' });
    // The one timer wakes for the alarm, the soonest change.
    expect([...timers.pending.values()].map((t) => t.at)).toEqual([15 * 60_000]);
    await expect(host.handlers['shift.breakStart']({ minutes: 5, coveredBy: 'bob', incidentId: null })).rejects.toThrow(/already on a break/);
    host.close();

    const again = createShiftHost({
      dataDir, settings, clock: { now: () => THURSDAY_NOON + 20 * 60_000, monotonic: () => 0 }, timers: fakeTimers(), emit: () => {}, timeZone: () => 'UTC',
      audit: { append: async (e) => void audit.push(e) }, operator: () => 'ana', incidents: noIncidents,
    });
    expect((await again.view()).onBreak?.coveredBy).toBe('bob');
    expect((await again.handlers['shift.breakEnd']({})).onBreak).toBeNull();
    expect(audit.at(-1)).toMatchObject({ type: 'shift.break_ended', data: { endedAt: THURSDAY_NOON + 20 * 60_000 } });
    await expect(again.handlers['shift.breakEnd']({})).rejects.toThrow(/no break/);
    again.close();
    expect(events.length).toBeGreaterThan(0);
  });

  it('refuses an item that is not in the routine', async () => {
    const { host } = setup(THURSDAY_NOON);
    await expect(host.handlers['shift.tick']({ listId: 'morning-review', itemId: 'nope', done: true })).rejects.toThrow(/no routine item/);
    host.close();
  });

  it('sets one timer to the next change and announces the reminder when it falls due', async () => {
    const { host, timers, events, setNow } = setup(Date.UTC(2026, 10, 27, 16, 0));
    await host.view();
    expect(timers.pending.size).toBe(1);
    const [timer] = [...timers.pending.values()];
    // Friday 16:00: the next change is the reminder at 16:30.
    expect(timer!.at).toBe(30 * 60_000);
    setNow(Date.UTC(2026, 10, 27, 16, 30));
    timer!.fn();
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]!.reminderDue).toBe(true);
    host.close();
    expect(timers.pending.size).toBe(0);
  });
});
