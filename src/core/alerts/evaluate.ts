/**
 * The alert engine: one poll snapshot in, the signals for the incident list
 * out, with the memory between polls carried in a plain JSON state.
 *
 * - Hold time (`holdSeconds` per scenario, Prometheus' `for`): a condition
 *   is pending until it has held that long without a break, then `raise`.
 *   A reading that does not show it ends the wait; the next sighting starts
 *   it again. A reading the rule cannot see (stale data) neither ends nor
 *   confirms it; the system not responding ends it. `nextAlertCheckAt` says when a wait ends, so
 *   the host can look again then rather than at the next poll.
 * - One open condition per key (the scenario id): a second exchange going
 *   down, or latency becoming sustained, is an `update` on the open one.
 * - Severity only ever goes up on its own; lowering it is a person's call.
 * - Flapping: a condition must be seen clear for the playbook's
 *   `alerting.clearAfterSeconds` before `cleared` is signalled. Coming back
 *   within that window says nothing new. After `cleared`, a return is a new
 *   `raise`; the incident list folds it into the incident still open for
 *   the same condition, or reopens the one resolved lately (incidents/apply.ts).
 * - Unseen is not clear: while a rule cannot see its data the clear window
 *   does not run, and nothing is raised.
 * - Inhibition: while the system is not responding (pending or open), the
 *   other rules read its data as unseen: nothing new opens, nothing is
 *   raised in severity, nothing clears, and their waits start afresh once
 *   it answers. The not-responding incident says what it holds back.
 */
import { moreUrgent, severityRank, type Playbook, type ScenarioId, type Severity } from '../playbook/schema.js';
import {
  observeDisk,
  observeExchanges,
  observeLatency,
  observeLossLimit,
  observeSystem,
  unseen,
  type LossMark,
  type Observation,
} from './conditions.js';
import type { AlertSnapshot } from './snapshot.js';
import { heldFor, holdsBackText } from './wording.js';

export type SignalKind = 'raise' | 'update' | 'cleared' | 'event';

export interface AlertSignal {
  kind: SignalKind;
  /** Identifies the condition; one open incident per key. */
  conditionKey: string;
  scenario: ScenarioId;
  severity: Severity;
  /** Names the subject, e.g. "Exchange disconnected: binance". */
  title: string;
  detail: string;
  subjects: string[];
  /** For `event` signals: which loss-limit mark was reached. */
  mark?: LossMark;
  /** Epoch ms of the poll that produced it. */
  at: number;
  /** For `raise`: how long the condition had held, ms. */
  heldMs?: number;
}

export interface ConditionTrack {
  scenario: ScenarioId;
  /** Highest severity signalled so far. */
  severity: Severity;
  subjects: string[];
  raisedAt: number;
  /** Epoch ms the condition was first seen clear in the current clear window; null while present or unseen. */
  clearSince: number | null;
  /** Loss-limit marks already signalled. */
  marks: LossMark[];
}

export interface PendingTrack {
  /** Epoch ms of the first reading of the current unbroken run. */
  since: number;
}

export interface Inhibition {
  /** Epoch ms the system was first seen not responding. */
  since: number;
  /** The conditions that were waiting out their hold then, with how long they had held: they start again after. */
  interrupted: { title: string; heldMs: number }[];
}

export interface AlertState {
  /** Conditions raised and not yet signalled clear, by condition key. */
  open: Record<string, ConditionTrack>;
  /** Conditions present but not yet held for their hold time, by condition key. */
  pending: Record<string, PendingTrack>;
  /** Epoch ms the current unbroken run of high latency readings began; null when not high. */
  latencyHighSince: number | null;
  /** Set while the system is not responding and the other rules are held back. */
  inhibited: Inhibition | null;
}

export const initialAlertState = (): AlertState => ({ open: {}, pending: {}, latencyHighSince: null, inhibited: null });

/** What the timeline says when a loss-limit mark is reached; the handoff note finds the automatic killswitch by it. */
export const MARK_TEXT: Readonly<Record<LossMark, string>> = {
  prepare_kill: 'Loss limit mark reached: get ready to press the killswitch and stop the losing strategies',
  limit_reached: 'Daily loss limit reached',
  killswitch_fired: 'Automatic killswitch fired: tell management',
};

const sameSubjects = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

function markDetail(mark: LossMark, playbook: Playbook): string {
  const d = playbook.scenarios.loss_limit.detection;
  if (mark === 'prepare_kill') return `${MARK_TEXT[mark]} (${d.prepareKillPct}% of the limit).`;
  if (mark === 'limit_reached') return `${MARK_TEXT[mark]} (${d.killswitchPct}%).`;
  return `${MARK_TEXT[mark]}.`;
}

export function evaluateAlerts(
  state: AlertState,
  snapshot: AlertSnapshot,
  now: number,
  playbook: Playbook,
): { state: AlertState; signals: AlertSignal[] } {
  const system = observeSystem(snapshot, playbook, now);
  const inhibiting = system.visible && system.active;
  const pendingBefore = state.pending;
  const inhibited: Inhibition | null = !inhibiting
    ? null
    : (state.inhibited ?? {
        since: system.seenAt,
        interrupted: Object.entries(pendingBefore)
          .filter(([key]) => key !== system.scenario)
          .map(([key, p]) => ({ title: playbook.scenarios[key as ScenarioId]?.title ?? key, heldMs: Math.max(0, now - p.since) })),
      });
  const heldBack = (obs: Observation) => (inhibiting ? unseen(obs.scenario, obs.title, now) : obs);
  const latencyHighBefore = inhibiting ? null : state.latencyHighSince;
  const latency = heldBack(observeLatency(snapshot, playbook, latencyHighBefore, now));
  const observations: Observation[] = [
    system,
    heldBack(observeExchanges(snapshot, playbook, now)),
    heldBack(observeLossLimit(snapshot, playbook, now)),
    latency,
    heldBack(observeDisk(snapshot, playbook, now)),
  ];
  const latencyHighSince = latency.visible ? (latency.active ? (latencyHighBefore ?? now) : null) : latencyHighBefore;

  const open: Record<string, ConditionTrack> = { ...state.open };
  const pending: Record<string, PendingTrack> = { ...pendingBefore };
  const signals: AlertSignal[] = [];
  const clearAfterMs = playbook.alerting.clearAfterSeconds * 1000;

  for (const obs of observations) {
    const key = obs.scenario;
    const track = open[key];
    const signal = (kind: SignalKind, severity: Severity, extra: Partial<AlertSignal> = {}): AlertSignal => ({
      kind, conditionKey: key, scenario: obs.scenario, severity, title: obs.title, detail: obs.detail,
      subjects: obs.subjects, at: now, ...extra,
    });

    if (!obs.visible) {
      if (track && track.clearSince !== null) open[key] = { ...track, clearSince: null };
      // A reading missed here and there (a slow answer) keeps the wait, as a missed scrape keeps a
      // Prometheus alert pending; a system that stopped responding ends it (inhibition, above).
      if (inhibiting) delete pending[key];
      continue;
    }

    if (obs.active) {
      const marksBefore = track?.marks ?? [];
      if (!track) {
        const since = pending[key]?.since ?? obs.seenAt;
        const heldMs = Math.max(0, Math.min(now, obs.seenUntil) - since);
        const holdMs = playbook.scenarios[obs.scenario].holdSeconds * 1000;
        if (heldMs < holdMs || !obs.ready) {
          pending[key] = { since };
          continue;
        }
        delete pending[key];
        const held = holdMs > 0 ? ` ${heldFor(obs.holding, heldMs)}.` : '';
        const holds = key === 'system_down' && inhibited ? ` ${holdsBackText(state.open, inhibited, playbook)}` : '';
        signals.push(signal('raise', obs.severity, { detail: `${obs.detail}${held}${holds}`, heldMs }));
        open[key] = { scenario: obs.scenario, severity: obs.severity, subjects: obs.subjects, raisedAt: now, clearSince: null, marks: [] };
      } else {
        const severity = moreUrgent(track.severity, obs.severity);
        if (severityRank(severity) < severityRank(track.severity) || !sameSubjects(track.subjects, obs.subjects)) {
          signals.push(signal('update', severity));
        }
        open[key] = { ...track, severity, subjects: obs.subjects, clearSince: null };
      }
      const fresh = obs.marks.filter((m) => !marksBefore.includes(m));
      for (const mark of fresh) signals.push(signal('event', open[key]!.severity, { mark, detail: markDetail(mark, playbook) }));
      if (fresh.length > 0) open[key] = { ...open[key]!, marks: [...marksBefore, ...fresh] };
      continue;
    }

    delete pending[key];
    if (!track) continue;
    if (track.clearSince === null) {
      open[key] = { ...track, clearSince: now };
      continue;
    }
    if (now - track.clearSince >= clearAfterMs) {
      signals.push(signal('cleared', track.severity, { subjects: track.subjects, title: titleWhenCleared(obs, track) }));
      delete open[key];
    }
  }
  return { state: { open, pending, latencyHighSince, inhibited }, signals };
}

/**
 * When the rules next need to look even if no poll comes: the end of the
 * earliest hold or clear window. Null when nothing is waiting.
 */
export function nextAlertCheckAt(state: AlertState, playbook: Playbook): number | null {
  const times: number[] = [];
  for (const [key, p] of Object.entries(state.pending)) {
    const scenario = playbook.scenarios[key as ScenarioId];
    if (scenario) times.push(p.since + scenario.holdSeconds * 1000);
  }
  for (const track of Object.values(state.open)) {
    if (track.clearSince !== null) times.push(track.clearSince + playbook.alerting.clearAfterSeconds * 1000);
  }
  return times.length === 0 ? null : Math.min(...times);
}

/**
 * Forgets an open condition, so the next poll that sees it raises it afresh:
 * for when a person resolves an incident while its condition is still there.
 */
export function forgetCondition(state: AlertState, conditionKey: string): AlertState {
  if (!(conditionKey in state.open)) return state;
  const { [conditionKey]: _forgotten, ...open } = state.open;
  return { ...state, open };
}

/** A cleared exchange incident keeps naming the exchanges it was about. */
function titleWhenCleared(obs: Observation, track: ConditionTrack): string {
  if (obs.scenario !== 'exchange_disconnected' || track.subjects.length === 0) return obs.title;
  return track.subjects.length > 1
    ? `Exchanges disconnected: ${track.subjects.join(', ')}`
    : `Exchange disconnected: ${track.subjects[0]}`;
}
