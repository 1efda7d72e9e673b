/**
 * The alert engine: one poll snapshot in, the signals for the incident list
 * out, with the memory between polls carried in a plain JSON state.
 *
 * - One open condition per key (the scenario id): a second exchange going
 *   down, or latency becoming sustained, is an `update` on the open one.
 * - Severity only ever goes up on its own; lowering it is a person's call.
 * - Flapping: a condition must be seen clear for the playbook's
 *   `alerting.clearAfterSeconds` before `cleared` is signalled. Coming back
 *   within that window says nothing new. After `cleared`, a return is a new
 *   `raise`; the incident list folds it into the incident still open for
 *   the same condition (see incidents/apply.ts), so no second incident.
 * - Unseen is not clear: while a rule cannot see its data the clear window
 *   does not run, and nothing is raised.
 */
import { moreUrgent, severityRank, type Playbook, type ScenarioId, type Severity } from '../playbook/schema.js';
import {
  observeDisk,
  observeExchanges,
  observeLatency,
  observeLossLimit,
  observeSystem,
  type LossMark,
  type Observation,
} from './conditions.js';
import type { AlertSnapshot } from './snapshot.js';

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

export interface AlertState {
  /** Conditions raised and not yet signalled clear, by condition key. */
  open: Record<string, ConditionTrack>;
  /** Epoch ms the current unbroken run of high latency readings began; null when not high. */
  latencyHighSince: number | null;
}

export const initialAlertState = (): AlertState => ({ open: {}, latencyHighSince: null });

const MARK_TEXT: Record<LossMark, string> = {
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
  const observations: Observation[] = [
    observeSystem(snapshot, playbook),
    observeExchanges(snapshot, playbook),
    observeLossLimit(snapshot, playbook),
    observeLatency(snapshot, playbook, state.latencyHighSince, now),
    observeDisk(snapshot, playbook),
  ];
  const latency = observations[3]!;
  const latencyHighSince = latency.visible ? (latency.active ? (state.latencyHighSince ?? now) : null) : state.latencyHighSince;

  const open: Record<string, ConditionTrack> = { ...state.open };
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
      continue;
    }

    if (obs.active) {
      const marksBefore = track?.marks ?? [];
      if (!track) {
        signals.push(signal('raise', obs.severity));
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
  return { state: { open, latencyHighSince }, signals };
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
