/**
 * The shift as the backend keeps it: which seat the engineer holds, the
 * window of the current shift (from the rotation in settings), the routine
 * checklists with today's ticks, and the handoff reminder. Ticks are saved
 * in the data folder; one timer wakes at the next moment the view changes on
 * its own (the reminder falls due, a list resets, the shift ends) and pushes
 * `shift.changed`. Every tick and untick is also on the audit log
 * (`shift.ticked`), under who did it, before the file: the shift-end steps
 * are a record of the handoff, the call included.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { EventName } from '../../contract/index.js';
import type { ShiftView } from '../../contract/checks.js';
import { handoffReminderDue, nextShiftDeadline, shiftAt, type Rotation } from '../../core/shift/rotation.js';
import { checklistViews, DEFAULT_ROUTINES, pruneTicks, tickItem, type ChecklistTicks } from '../../core/shift/routines.js';
import type { AuditEntry } from '../../services/audit-log.js';
import type { IncidentsState } from '../../core/incidents/model.js';
import type { Playbook } from '../../core/playbook/schema.js';
import { debriefItems, HELD_DEBRIEF_SHOWN_MS } from '../../core/shift/debriefs.js';
import { ShiftBreak } from '../../core/shift/breaks.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';
import type { SettingsStore } from '../../services/settings.js';
import { CallFailure, type CallHandlers } from '../dispatch.js';
import { JsonFile } from './json-file.js';

export const SHIFT_TICKS_FILE = 'shift-routines.json';
/** Ticks older than this many local days are dropped: two shifts' worth is enough to look back on. */
export const KEEP_TICK_DAYS = 14;
/** Node's setTimeout fires at once beyond 2^31-1 ms (about 24.8 days); wake earlier and look again. */
const MAX_TIMER_MS = 2_147_483_647;

const TicksFile = z.object({
  version: z.literal(1),
  ticks: z.record(z.string(), z.record(z.string(), z.number())),
  /** Incident id → epoch ms its debrief was held. */
  debriefs: z.record(z.string(), z.number()).default({}),
  /** The break being taken. */
  onBreak: ShiftBreak.nullable().default(null),
});

export type ShiftCallName = Extract<keyof CallHandlers, `shift.${string}`>;
export type ShiftHandlers = Pick<CallHandlers, ShiftCallName>;

export interface ShiftHostOptions {
  dataDir: string;
  settings: SettingsStore;
  clock: Clock;
  timers: Timers;
  emit(name: EventName, payload: unknown): void;
  timeZone(): string;
  audit: { append(entry: AuditEntry): Promise<unknown> };
  operator(): string;
  /** The whole incident history and the playbook in force: the debriefs after SEV1s come from them. */
  incidents: { state(): IncidentsState; playbook(): Playbook };
}

export interface ShiftHost {
  handlers: ShiftHandlers;
  view(): Promise<ShiftView>;
  /** Something the view is made from changed (an incident resolved): push a fresh view. */
  refresh(): void;
  close(): void;
}

export function rotationFrom(settings: SettingsStore, timeZone: string): Rotation {
  const s = settings.get();
  return { handoffWeekday: s.handoffWeekday, handoffTime: s.handoffTime, timeZone };
}

export function createShiftHost(opts: ShiftHostOptions): ShiftHost {
  const file = new JsonFile(join(opts.dataDir, SHIFT_TICKS_FILE), TicksFile, () => opts.clock.now());
  let ticks: ChecklistTicks | null = null;
  let debriefsHeld: Record<string, number> = {};
  let onBreak: ShiftBreak | null = null;
  let timer: unknown = null;
  let closed = false;

  const load = async (): Promise<ChecklistTicks> => {
    if (ticks === null) {
      const saved = await file.read();
      ticks = saved?.ticks ?? {};
      debriefsHeld = saved?.debriefs ?? {};
      onBreak = saved?.onBreak ?? null;
    }
    return ticks;
  };
  const save = () => file.write({ version: 1, ticks: (ticks ?? {}) as Record<string, Record<string, number>>, debriefs: debriefsHeld, onBreak });
  const debriefs = (at: number) => {
    const playbook = opts.incidents.playbook();
    return debriefItems(opts.incidents.state().incidents, { ...playbook.businessDays, timeZone: opts.timeZone() }, debriefsHeld, at);
  };

  const makeView = (all: ChecklistTicks, at: number): ShiftView => {
    const timeZone = opts.timeZone();
    const rotation = rotationFrom(opts.settings, timeZone);
    const shift = shiftAt(rotation, opts.settings.get().onCallRole, at);
    const routines = checklistViews(DEFAULT_ROUTINES, all, rotation, at).map((v) => ({
      id: v.checklist.id,
      label: v.checklist.label,
      cadence: v.checklist.cadence,
      dueBy: v.checklist.dueBy,
      items: v.items,
      done: v.done,
      total: v.total,
      resetsAt: v.resetsAt,
    }));
    return { ...shift, reminderDue: handoffReminderDue(shift, at), timeZone, routines, debriefs: debriefs(at), onBreak, at };
  };

  /** One timer, to the next moment the view changes without anyone touching it. */
  const schedule = (view: ShiftView) => {
    if (closed) return;
    if (timer !== null) opts.timers.clearTimeout(timer);
    const shift = { role: view.role, startsAt: view.startsAt, endsAt: view.endsAt, handoffReminderAt: view.handoffReminderAt };
    // A debrief turns overdue, and a held one leaves the list a day later, on its own too.
    const debriefTimes = view.debriefs.flatMap((d) => [d.dueAt, ...(d.heldAt === null ? [] : [d.heldAt + HELD_DEBRIEF_SHOWN_MS])]).filter((t) => t > view.at);
    const alarm = view.onBreak && view.onBreak.backAt > view.at ? [view.onBreak.backAt] : [];
    const next = Math.min(nextShiftDeadline(shift, view.at), ...view.routines.map((r) => r.resetsAt), ...debriefTimes, ...alarm);
    timer = opts.timers.setTimeout(
      () => {
        timer = null;
        void view$().then((fresh) => opts.emit('shift.changed', fresh)).catch(() => {});
      },
      Math.min(MAX_TIMER_MS, Math.max(0, next - view.at)),
    );
  };

  const view$ = async (): Promise<ShiftView> => {
    const view = makeView(await load(), opts.clock.now());
    schedule(view);
    return view;
  };

  const handlers: ShiftHandlers = {
    'shift.get': () => view$(),
    'shift.tick': async ({ listId, itemId, done }) => {
      const checklist = DEFAULT_ROUTINES.find((c) => c.id === listId);
      if (!checklist || !checklist.items.some((i) => i.id === itemId)) throw new CallFailure('not_found', `no routine item ${listId}/${itemId}`);
      const at = opts.clock.now();
      const rotation = rotationFrom(opts.settings, opts.timeZone());
      const item = checklist.items.find((i) => i.id === itemId)!;
      await opts.audit.append({ type: 'shift.ticked', actor: opts.operator(), at, data: { listId, itemId, label: item.label, done } });
      ticks = pruneTicks(tickItem(await load(), checklist, itemId, done, rotation, at), rotation, at, KEEP_TICK_DAYS);
      await save();
      const view = await view$();
      opts.emit('shift.changed', view);
      return view;
    },
    'shift.breakStart': async ({ minutes, coveredBy, incidentId }) => {
      await load();
      const at = opts.clock.now();
      if (onBreak) throw new CallFailure('conflict', `already on a break until ${new Date(onBreak.backAt).toISOString()}`);
      const brk: ShiftBreak = { startedAt: at, backAt: at + minutes * 60_000, coveredBy, incidentId };
      await opts.audit.append({ type: 'shift.break_started', actor: opts.operator(), at, ...(incidentId ? { incidentId } : {}), data: brk });
      onBreak = brk;
      await save();
      const view = await view$();
      opts.emit('shift.changed', view);
      return view;
    },
    'shift.breakEnd': async () => {
      await load();
      if (!onBreak) throw new CallFailure('not_found', 'no break is running');
      const at = opts.clock.now();
      await opts.audit.append({ type: 'shift.break_ended', actor: opts.operator(), at, ...(onBreak.incidentId ? { incidentId: onBreak.incidentId } : {}), data: { ...onBreak, endedAt: at } });
      onBreak = null;
      await save();
      const view = await view$();
      opts.emit('shift.changed', view);
      return view;
    },
    'shift.debriefHeld': async ({ incidentId }) => {
      await load();
      const at = opts.clock.now();
      const item = debriefs(at).find((d) => d.incidentId === incidentId);
      if (!item || item.heldAt !== null) throw new CallFailure('not_found', `no debrief due for ${incidentId}`);
      await opts.audit.append({ type: 'shift.debrief_held', actor: opts.operator(), at, incidentId, data: { title: item.title, dueAt: item.dueAt } });
      debriefsHeld = { ...debriefsHeld, [incidentId]: at };
      await save();
      const view = await view$();
      opts.emit('shift.changed', view);
      return view;
    },
  };

  return {
    handlers,
    view: view$,
    refresh() {
      if (closed) return;
      void view$().then((fresh) => opts.emit('shift.changed', fresh)).catch(() => {});
    },
    close() {
      closed = true;
      if (timer !== null) opts.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
