/**
 * The incident desk of the running cockpit: it watches every poll for the
 * five alert conditions, keeps the incidents and their clocks, takes the
 * engineer's actions, announces what must be heard at once, and keeps all
 * of it across restarts and crashes.
 *
 * Every change is one core event batch, written to the audit log (fsync'd)
 * before the call that caused it answers and before anyone is told; the
 * snapshot file only shortens the replay on the next start (journal.ts).
 * Changes run one at a time, in order, so what is on disk is what was shown.
 */
import type { ExportedFile, IncidentActRequest, IncidentAlert, IncidentOpenRequest, IncidentsView } from '../../contract/incidents.js';
import type { EndpointViews } from '../../contract/live.js';
import { evaluateAlerts, forgetCondition, nextAlertCheckAt, stillHolds, toAlertSnapshot, type AlertState } from '../../core/alerts/index.js';
import {
  applyIncidentEvents,
  findIncident,
  incidentToMarkdown,
  nextDeadlines,
  nextWakeAt,
  signalEvents,
  triageDeadlines,
  DUE_LABELS,
  financialImpactEvents,
  type Incident,
  type IncidentEvent,
  type IncidentsState,
} from '../../core/incidents/index.js';
import { gatherRefusal } from '../../core/incidents/gather.js';
import { externalAlertEvents, type ExternalAlert } from '../../core/external/alertmanager.js';
import { exportPlaybook, importPlaybook, type Playbook } from '../../core/playbook/index.js';
import type { AuditLog } from '../audit-log.js';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_POLL_MS } from '../hft/poller.js';
import { systemTimers, type Timers } from '../hft/timers.js';
import { actionEvent, actionRefusal } from './actions.js';
import { incidentEntry, playbookEntry, type IncidentRecordData } from './journal.js';
import { PLAYBOOK_FILE, writePlaybookFile } from './playbook-file.js';
import { recoverIncidents } from './recover.js';
import { SNAPSHOT_FORMAT, writeSnapshot } from './snapshot-file.js';
import { alertsBetween, breachAlert, breachKey, incidentsView, reportFilename } from './view.js';
import { createWakeTimer } from './wake-timer.js';
import { Refusal } from '../refusal.js';

export interface IncidentsServiceOptions {
  dataDir: string;
  /** The cockpit's one audit log (shared with the other services that record actions). */
  audit: AuditLog;
  clock?: Clock;
  timers?: Timers;
  /** Whom actions are recorded under; asked on every action, so a settings change applies at once. */
  operator: () => string;
  /** IANA zone for next-business-day clocks and reports. */
  timeZone: () => string;
  /** One line per thing a person should know about (broken audit chain, unreadable files). */
  log?: (line: string) => void;
  /** The health check's poll interval, ms: when the next check is due after a failed one. */
  pollMs?: number;
}

export type IncidentsNotice =
  | { name: 'incidents.changed'; payload: IncidentsView }
  | { name: 'incidents.alert'; payload: IncidentAlert };

/** Why a call was refused, with the contract's error code; the host turns it into the answer. */
export class IncidentsRefusal extends Refusal<'not_found' | 'conflict' | 'invalid_request' | 'needs_confirmation'> {}

export interface IncidentsService {
  view(): IncidentsView;
  state(): IncidentsState;
  playbook(): Playbook;
  /** Runs the alert rules over one poll's endpoint views. */
  observe(endpoints: EndpointViews): Promise<void>;
  /** Takes one successful read of another alert source (Alertmanager): raises, notes and clears, one incident per condition. */
  observeExternal(alerts: readonly ExternalAlert[], source?: string): Promise<void>;
  open(request: IncidentOpenRequest): Promise<Incident>;
  /** `by` names someone other than this cockpit's operator: a change made in PagerDuty, by its user. */
  act(request: IncidentActRequest, by?: string): Promise<Incident>;
  /** Attaches what was gathered on a host (already bounded) to the open incident's timeline, as this cockpit's operator. */
  recordGathered(incidentId: string, text: string): Promise<Incident>;
  exportIncident(incidentId: string): ExportedFile;
  importPlaybook(text: string): Promise<Playbook>;
  exportPlaybook(): ExportedFile;
  subscribe(listener: (notice: IncidentsNotice) => void): () => void;
  /**
   * While a drill runs (`drill` set), every incident the changes open is
   * marked a drill's in the same recorded batch; null ends the marking.
   */
  setDrill(drill: { id: string; label: string } | null): void;
  /** What start-up found wrong (broken audit chain, unreadable snapshot or playbook file). */
  readonly problems: readonly string[];
  /** Resolves once the changes in flight are recorded and the snapshot written. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function openIncidentsService(options: IncidentsServiceOptions): Promise<IncidentsService> {
  const { dataDir, audit, operator, timeZone } = options;
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const log = options.log ?? ((line: string) => console.error(line));
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;

  const recovered = await recoverIncidents({ dataDir, audit, operator: operator(), now: clock.now(), log });
  let { incidents, alerts, playbook, auditSeq } = recovered.state;
  const announced = recovered.state.announced;
  let auditProblem = recovered.auditProblem;
  const listeners = new Set<(notice: IncidentsNotice) => void>();
  let closed = false;
  let drill: { id: string; label: string } | null = null;

  const notify = (notice: IncidentsNotice) => {
    for (const listener of [...listeners]) {
      try {
        listener(notice);
      } catch {
        // One broken subscriber must not keep the others from hearing.
      }
    }
  };
  const view = () => incidentsView(incidents, clock.now(), operator(), auditProblem);

  // One change at a time, in order; a failed change does not stop the next.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(() => {
      if (closed) throw new Error('the incident service is closed');
      return task();
    });
    queue = result.catch(() => undefined);
    return result;
  };

  // The snapshot is rewritten after changes, one write at a time; a burst of changes makes one more write.
  let snapshotWrite: Promise<void> | null = null;
  let snapshotDirty = false;
  const saveSnapshot = (): Promise<void> => {
    if (snapshotWrite) {
      snapshotDirty = true;
      return snapshotWrite;
    }
    snapshotWrite = (async () => {
      do {
        snapshotDirty = false;
        const open = new Set(incidents.incidents.filter((i) => i.phase !== 'resolved').map((i) => i.id));
        const keep = [...announced].filter((key) => open.has(key.split('|')[0] ?? ''));
        await writeSnapshot(dataDir, { format: SNAPSHOT_FORMAT, auditSeq, incidents, alerts, announced: keep, playbook }).catch((e: Error) =>
          log(`incidents: could not save ${dataDir}/incidents.json (${e.message}); the audit log still has every change`),
        );
      } while (snapshotDirty);
      snapshotWrite = null;
    })();
    return snapshotWrite;
  };

  /** When the clocks next need looking at: now if a passed deadline is still unannounced, else the next deadline. */
  const nextCheckAt = (): number | null => {
    const now = clock.now();
    const unannounced = nextDeadlines(incidents, now).some((d) => d.breached && !announced.has(breachKey(d)));
    return unannounced ? now : nextWakeAt(incidents, now);
  };

  /** Applies `events`, records them, then makes them the state: the record is on disk before anyone hears. */
  const commit = async (
    type: string,
    events: IncidentEvent[],
    extra: { actor: string | null; alertsAfter?: AlertState; breach?: string },
  ): Promise<{ before: IncidentsState; after: IncidentsState; at: number }> => {
    const at = clock.now();
    const zone = timeZone();
    const before = incidents;
    let after = applyIncidentEvents(before, events, at, playbook, { timeZone: zone });
    // Incidents opened while a drill runs are the drill's: marked in the same batch, so a replay marks them too.
    if (drill) {
      const known = new Set(before.incidents.map((i) => i.id));
      const marks: IncidentEvent[] = after.incidents.filter((i) => !known.has(i.id)).map((i) => ({ type: 'drill', incidentId: i.id, label: drill!.label }));
      if (marks.length > 0) {
        events = [...events, ...marks];
        after = applyIncidentEvents(after, marks, at, playbook, { timeZone: zone });
      }
    }
    const alertsAfter = extra.alertsAfter ?? alerts;
    const touched = after.incidents.filter((i) => !before.incidents.includes(i)).map((i) => i.id);
    const data: IncidentRecordData = { events, alerts: alertsAfter, timeZone: zone, ...(extra.breach ? { breach: extra.breach } : {}) };
    let record;
    try {
      record = await audit.append(incidentEntry(type, data, at, extra.actor, touched.length === 1 ? touched[0]! : null));
    } catch (e) {
      auditProblem = `The audit log could not be written (${(e as Error).message}); changes are refused until the cockpit restarts.`;
      log(`incidents: ${auditProblem}`);
      throw e;
    }
    incidents = after;
    alerts = alertsAfter;
    auditSeq = record.seq;
    if (extra.breach) announced.add(extra.breach);
    void saveSnapshot();
    wake.arm(nextCheckAt());
    notify({ name: 'incidents.changed', payload: view() });
    return { before, after, at };
  };

  /** Announces every deadline that has passed and was not announced yet, once each. */
  const announceBreaches = async () => {
    const now = clock.now();
    // Several clocks passing at once (a restart after a night off) are announced in triage order: the SEV1's first.
    for (const d of triageDeadlines(incidents, now)) {
      const key = breachKey(d);
      if (!d.breached || announced.has(key)) continue;
      const note: IncidentEvent = {
        type: 'note', incidentId: d.incidentId, by: null,
        text: `Overdue: ${DUE_LABELS[d.kind]} was due ${new Date(d.dueAt).toISOString().slice(0, 19).replace('T', ' ')}Z.`,
      };
      const { at } = await commit('breach', [note], { actor: null, breach: key });
      notify({ name: 'incidents.alert', payload: breachAlert(d, at, findIncident(incidents, d.incidentId)?.drill) });
    }
    wake.arm(nextCheckAt());
  };
  const wake = createWakeTimer(clock, timers, () => {
    void serial(announceBreaches).catch((e: Error) => log(`incidents: announcing overdue items failed: ${e.message}`));
  });

  let pendingEndpoints: EndpointViews | null = null;
  let lastEndpoints: EndpointViews | null = null;
  let observing: Promise<void> | null = null;

  /**
   * Runs the alert rules over `views` now, records what they signalled, and
   * arms a look at the same views when a hold or clear window ends before
   * the next poll (a poller backing off from a dead system polls seldom).
   */
  const evaluate = async (views: EndpointViews) => {
    const snapshot = toAlertSnapshot(views, pollMs);
    const evaluated = evaluateAlerts(alerts, snapshot, clock.now(), playbook);
    const signalled = applyIncidentEvents(incidents, signalEvents(evaluated.signals), clock.now(), playbook, { timeZone: timeZone() });
    // The day's loss is judged against the incidents open after this poll's signals, new ones included.
    const flags = financialImpactEvents(signalled, snapshot.risk?.dailyPnlUsd ?? null, playbook);
    if (evaluated.signals.length === 0 && flags.length === 0) alerts = evaluated.state;
    else {
      const { before, after, at } = await commit('signals', [...signalEvents(evaluated.signals), ...flags], { actor: null, alertsAfter: evaluated.state });
      const heard = alertsBetween(before, after, at);
      for (const alert of heard) notify({ name: 'incidents.alert', payload: alert });
      // A clock a flag makes due at once was just announced as such: not again as overdue a moment later.
      for (const alert of heard) {
        const item = alert.kind === 'flagged' ? findIncident(after, alert.incidentId)?.due.find((d) => d.kind === alert.item) : undefined;
        if (!item) continue;
        const key = breachKey({ incidentId: alert.incidentId, kind: item.kind, dueAt: item.dueAt });
        if (!announced.has(key)) await commit('breach', [], { actor: null, breach: key });
      }
    }
    alertWake.arm(nextAlertCheckAt(alerts, playbook));
  };
  const alertWake = createWakeTimer(clock, timers, () => {
    if (!lastEndpoints || observing) return;
    const views = lastEndpoints;
    void serial(() => evaluate(views)).catch((e: Error) => log(`incidents: looking again at the alert rules failed: ${e.message}`));
  });

  const incidentOrRefuse = (id: string): Incident => {
    const incident = findIncident(incidents, id);
    if (!incident) throw new IncidentsRefusal('not_found', `no incident ${id}`);
    return incident;
  };

  await saveSnapshot();
  // Deadlines that passed while the cockpit was closed are announced once it runs, after subscribers attach.
  wake.arm(clock.now());

  return {
    view,
    state: () => incidents,
    setDrill(next) {
      drill = next;
    },
    playbook: () => playbook,
    get problems() {
      return recovered.problems;
    },

    observe(endpoints) {
      // Polls that arrive while one is being recorded collapse into the newest: the rules judge the latest view.
      pendingEndpoints = endpoints;
      lastEndpoints = endpoints;
      observing ??= serial(async () => {
        const views = pendingEndpoints!;
        pendingEndpoints = null;
        observing = null;
        await evaluate(views);
      });
      return observing;
    },

    observeExternal(external, source) {
      return serial(async () => {
        const events = externalAlertEvents(incidents, external, Object.keys(alerts.open), source);
        if (events.length === 0) return;
        const { before, after, at } = await commit('external', events, { actor: null });
        for (const alert of alertsBetween(before, after, at)) notify({ name: 'incidents.alert', payload: alert });
      });
    },

    open(request) {
      return serial(async () => {
        const by = operator();
        const event: IncidentEvent = {
          type: 'open', by, severity: request.severity, title: request.title,
          ...(request.detail ? { detail: request.detail } : {}), scenario: request.scenario ?? null,
        };
        const { after } = await commit('open', [event], { actor: by });
        return after.incidents.at(-1)!;
      });
    },

    act({ incidentId, action }, someoneElse) {
      return serial(async () => {
        const incident = incidentOrRefuse(incidentId);
        const refusal = actionRefusal(incident, action, playbook, timeZone(), someoneElse === undefined);
        if (refusal) throw new IncidentsRefusal('conflict', refusal);
        const by = someoneElse ?? operator();
        let event = actionEvent(incidentId, action, by, playbook);
        let alertsAfter = alerts;
        if (event.type === 'resolve' && incident.conditionKey) {
          const holding = stillHolds(alerts, incident.conditionKey, playbook);
          // Only the engineer at this cockpit can be asked; a resolve made elsewhere (PagerDuty) is taken as meant.
          if (holding && !(action.type === 'resolve' && action.anyway) && someoneElse === undefined) {
            throw new IncidentsRefusal('needs_confirmation', `${holding}: resolve anyway?`);
          }
          // Resolved anyway: the rules keep tracking it, so it reopens when it changes or comes back, not on the next poll.
          // Resolved while clear or clearing: they forget it, so a return is seen as one.
          if (holding) event = { ...event, despite: holding };
          else alertsAfter = forgetCondition(alerts, incident.conditionKey);
        }
        const { after } = await commit(action.type, [event], { actor: by, alertsAfter });
        return findIncident(after, incidentId)!;
      });
    },

    recordGathered(incidentId, text) {
      return serial(async () => {
        const refusal = gatherRefusal(incidentOrRefuse(incidentId));
        if (refusal) throw new IncidentsRefusal('conflict', refusal);
        const by = operator();
        const { after } = await commit('gathered', [{ type: 'gathered', incidentId, by, text }], { actor: by });
        return findIncident(after, incidentId)!;
      });
    },

    exportIncident(incidentId) {
      const incident = incidentOrRefuse(incidentId);
      const zone = timeZone();
      return { filename: reportFilename(incident, zone), mediaType: 'text/markdown', text: incidentToMarkdown(incident, { timeZone: zone }) };
    },

    importPlaybook(text) {
      return serial(async () => {
        const result = importPlaybook(playbook, text);
        if (result.error !== null) throw new IncidentsRefusal('invalid_request', `playbook not imported, the one in force stays: ${result.error}`);
        // File first, record second: a crash between the two leaves a newer file, which the next start records.
        await writePlaybookFile(dataDir, result.playbook);
        const record = await audit.append(playbookEntry(result.playbook, clock.now(), operator()));
        playbook = result.playbook;
        auditSeq = record.seq;
        void saveSnapshot();
        wake.arm(nextCheckAt());
        return playbook;
      });
    },

    exportPlaybook: () => ({ filename: PLAYBOOK_FILE, mediaType: 'application/json', text: exportPlaybook(playbook) }),

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async idle() {
      await queue;
      await snapshotWrite;
    },

    async close() {
      if (closed) return;
      await queue;
      closed = true;
      wake.cancel();
      alertWake.cancel();
      listeners.clear();
      await saveSnapshot();
    },
  };
}
