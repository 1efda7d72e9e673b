/**
 * Runs drills on a simulator through its /sim/v1 controls: stages a
 * scenario or a scripted sequence (each step at its time, through the
 * timers seam), marks every incident raised meanwhile a drill's, and at the
 * end switches the scenarios off and makes the report from the incidents'
 * timelines against the playbook's clocks (src/core/drill).
 *
 * A drill can never reach a real trading system: before a drill starts the
 * watched API is asked for GET /sim/v1/scenario and must answer it as the
 * simulator does; a system without /sim/v1 refuses the drill.
 */
import { DRILLS, drillLimits, drillReport, type Drill, type DrillControl, type DrillEvent } from '../../core/drill/drill.js';
import { moreUrgent, type Playbook, type Severity } from '../../core/playbook/index.js';
import type { Incident, IncidentsState } from '../../core/incidents/index.js';
import type { DrillDefinition, DrillRecord, DrillRun, DrillView } from '../../contract/drill.js';
import type { Clock } from '../clock.js';
import type { TimerHandle, Timers } from '../hft/timers.js';
import { Refusal } from '../refusal.js';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

/** How long the /sim/v1 question and each step may take, ms. */
export const SIM_CONTROL_TIMEOUT_MS = 3_000;

export interface DrillServiceOptions {
  /** The watched API's base URL. */
  apiUrl: string;
  fetch: FetchFn;
  clock: Clock;
  timers: Timers;
  incidents: {
    state(): IncidentsState;
    playbook(): Playbook;
    setDrill(drill: { id: string; label: string } | null): void;
  };
  /** Saved reports, newest first; `save` keeps one more. */
  reports: { list(): Promise<DrillRecord[]>; save(record: DrillRecord): Promise<void> };
  /** Told of each finished drill once its report is saved (ticks the weekly routine). */
  onReport?: (record: DrillRecord) => Promise<void>;
  operator(): string;
  emit(view: DrillView): void;
  log?: (line: string) => void;
}

export class DrillRefusal extends Refusal<'unavailable' | 'conflict' | 'not_found'> {}

export interface DrillService {
  view(): Promise<DrillView>;
  start(drillId: string): Promise<DrillRun>;
  finish(): Promise<DrillRecord>;
  /** When drills ran: each saved report's start and end, and the running drill's start to Infinity. */
  spans(): Promise<{ from: number; to: number }[]>;
  /** The kill switch was pressed and read back: its verification counts for a running drill. */
  noteKillswitch(verified: boolean, at: number, tookMs: number): void;
  close(): Promise<void>;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** A step in words, for the picker. */
export function stepText(control: DrillControl | null): string {
  if (control === null) return 'every scenario switched off: the system recovers';
  const params = Object.entries(control).filter(([k]) => k !== 'name').map(([k, v]) => `${k} ${String(v)}`).join(', ');
  return params ? `${control.name} (${params})` : control.name;
}

export function drillDefinition(drill: Drill): DrillDefinition {
  return { id: drill.id, label: drill.label, kind: drill.kind, steps: drill.steps.map((s) => ({ at_s: s.at_s, text: stepText(s.control) })) };
}

/** What the engineer did on the drill's incidents, as the report's events. */
export function drillEvents(incidents: readonly Incident[], killswitch: readonly DrillEvent[]): DrillEvent[] {
  const out: DrillEvent[] = [...killswitch];
  for (const i of incidents) {
    if (i.acknowledged) out.push({ kind: 'acknowledged', at: i.acknowledged.at });
    const desk = i.done.notify_desk;
    if (desk) out.push({ kind: 'desk_told', at: desk.at });
    const update = i.timeline.find((t) => t.kind === 'status_update' || t.kind === 'final_update');
    if (update) out.push({ kind: 'status_update', at: update.at });
    if (i.resolved) out.push({ kind: 'resolved', at: i.resolved.at });
  }
  return out;
}

export function createDrillService(opts: DrillServiceOptions): DrillService {
  const base = trimSlash(opts.apiUrl);
  const log = opts.log ?? (() => {});
  interface Running {
    drill: Drill;
    startedAt: number;
    sent: number;
    problems: string[];
    timers: TimerHandle[];
    killswitch: DrillEvent[];
  }
  let running: Running | null = null;
  let closed = false;

  const withDeadline = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const cut = new AbortController();
    const timer = opts.timers.setTimeout(() => cut.abort(), SIM_CONTROL_TIMEOUT_MS);
    try {
      return await opts.fetch(`${base}${path}`, { ...init, signal: cut.signal });
    } finally {
      opts.timers.clearTimeout(timer);
    }
  };

  /** Null when the watched API answers /sim/v1 as the simulator does; else why not. */
  const whyUnavailable = async (): Promise<string | null> => {
    let response: Response;
    try {
      response = await withDeadline('/sim/v1/scenario', { headers: { accept: 'application/json' } });
    } catch (error) {
      return `${base} did not answer GET /sim/v1/scenario (${(error as Error).message}); drills run only on a simulator`;
    }
    const text = await response.text().catch(() => '');
    if (response.status !== 200) return `${base} answers GET /sim/v1/scenario with HTTP ${response.status}: it is not a simulator, and drills run only on a simulator`;
    try {
      const body = JSON.parse(text) as { active?: unknown };
      if (Array.isArray(body.active)) return null;
    } catch {
      // Falls through: not the simulator's answer.
    }
    return `${base} answers GET /sim/v1/scenario, but not as the simulator does; drills run only on a simulator`;
  };

  const runView = (r: Running): DrillRun => ({
    drillId: r.drill.id, label: r.drill.label, startedAt: r.startedAt, stepsSent: r.sent, stepsTotal: r.drill.steps.length, problems: [...r.problems],
  });

  const view = async (): Promise<DrillView> => {
    const reason = await whyUnavailable();
    return {
      available: reason === null,
      unavailableReason: reason,
      target: base,
      drills: DRILLS.map(drillDefinition),
      running: running ? runView(running) : null,
      reports: await opts.reports.list(),
    };
  };
  const publish = () => {
    void view().then(opts.emit, (e: Error) => log(`drill: could not describe the drill state (${e.message})`));
  };

  const send = async (control: DrillControl | null): Promise<string | null> => {
    try {
      const response = control === null
        ? await withDeadline('/sim/v1/scenario', { method: 'DELETE' })
        : await withDeadline('/sim/v1/scenario', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) });
      if (response.ok) return null;
      return `${stepText(control)}: HTTP ${response.status} ${(await response.text().catch(() => '')).slice(0, 300)}`;
    } catch (error) {
      return `${stepText(control)}: ${(error as Error).message}`;
    }
  };

  const runStep = async (r: Running, index: number) => {
    if (running !== r || closed) return;
    const problem = await send(r.drill.steps[index]!.control);
    if (running !== r) return;
    r.sent += 1;
    if (problem) r.problems.push(problem);
    publish();
  };

  return {
    view,

    async start(drillId) {
      if (running) throw new DrillRefusal('conflict', `the drill "${running.drill.label}" is running; finish it first`);
      const drill = DRILLS.find((d) => d.id === drillId);
      if (!drill) throw new DrillRefusal('not_found', `no drill ${drillId}`);
      const reason = await whyUnavailable();
      if (reason) throw new DrillRefusal('unavailable', reason);
      if (running) throw new DrillRefusal('conflict', `the drill "${(running as Running).drill.label}" is running; finish it first`);
      // A clean simulator: nothing left over from an earlier drill or test.
      const cleared = await send(null);
      if (cleared) throw new DrillRefusal('unavailable', `could not clear the simulator before the drill: ${cleared}`);
      const r: Running = { drill, startedAt: opts.clock.now(), sent: 0, problems: [], timers: [], killswitch: [] };
      running = r;
      opts.incidents.setDrill({ id: drill.id, label: drill.label });
      drill.steps.forEach((step, index) => {
        if (step.at_s === 0) return;
        r.timers.push(opts.timers.setTimeout(() => void runStep(r, index), step.at_s * 1000));
      });
      // Steps at 0 s go out now, in order, before the answer.
      for (const [index, step] of drill.steps.entries()) if (step.at_s === 0) await runStep(r, index);
      publish();
      return runView(r);
    },

    async finish() {
      const r = running;
      if (!r) throw new DrillRefusal('not_found', 'no drill is running');
      running = null;
      for (const t of r.timers) opts.timers.clearTimeout(t);
      opts.incidents.setDrill(null);
      const endedAt = opts.clock.now();
      const problems = [...r.problems];
      // The simulator back to normal: scenarios off, the kill switch cleared.
      const cleared = await send(null);
      if (cleared) problems.push(`the scenarios could not be switched off: ${cleared}`);
      await withDeadline('/sim/v1/reset-killswitch', { method: 'POST' }).catch((e: Error) => problems.push(`the kill switch could not be reset: ${e.message}`));

      const incidents = opts.incidents.state().incidents.filter((i) => i.drill && i.startedAt >= r.startedAt);
      const playbook = opts.incidents.playbook();
      const severity = incidents.reduce<Severity | null>((worst, i) => (worst ? moreUrgent(worst, i.severity) : i.severity), null);
      // Without an incident the clocks are the drill's most urgent level's: what the engineer was expected to meet.
      const limits = drillLimits(playbook.severities[severity ?? 'SEV1']);
      const lines = drillReport(r.drill, r.startedAt, drillEvents(incidents, r.killswitch), limits);
      const record: DrillRecord = {
        drillId: r.drill.id, label: r.drill.label, startedAt: r.startedAt, endedAt, by: opts.operator(),
        incidentIds: incidents.map((i) => i.id), severity, lines, problems,
      };
      await opts.reports.save(record);
      await opts.onReport?.(record).catch((e: Error) => log(`drill: the weekly routine could not be ticked (${e.message})`));
      publish();
      return record;
    },

    async spans() {
      const done = (await opts.reports.list()).map((r) => ({ from: r.startedAt, to: r.endedAt }));
      return running ? [...done, { from: running.startedAt, to: Infinity }] : done;
    },

    noteKillswitch(verified, at, tookMs) {
      if (running && verified) running.killswitch.push({ kind: 'killswitch_verified', at, took_ms: tookMs });
    },

    async close() {
      closed = true;
      if (running) {
        for (const t of running.timers) opts.timers.clearTimeout(t);
        opts.incidents.setDrill(null);
        running = null;
      }
    },
  };
}
