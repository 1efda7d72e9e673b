/**
 * The five alert conditions of the playbook, each judged from one snapshot:
 * can the rule see its data, is the condition present, how severe, and what
 * to call it. Thresholds come from the playbook; the comparisons follow the
 * procedures' words: "above 95%" is strictly above, "at 90% of the limit"
 * is at or above.
 *
 * Memory across polls (how long latency has been high, what was already
 * signalled) lives in evaluate.ts; the one piece of it a condition needs,
 * when the current high-latency run began, is passed in.
 *
 * Each observation also says what its reading is evidence of in time:
 * fresh data counts as the state of things now; a failed health check
 * counts from when it failed until the next check is due (snapshot.ts),
 * so a poller that waits longer between failing checks never stretches a
 * blip into a hold.
 */
import type { Playbook, ScenarioId, Severity } from '../playbook/schema.js';
import type { AlertSnapshot } from './snapshot.js';

/** Threshold marks that are events on an open loss-limit incident, in order. */
export type LossMark = 'prepare_kill' | 'limit_reached' | 'killswitch_fired';

export interface Observation {
  scenario: ScenarioId;
  /** The rule's data is fresh enough to judge; when false nothing is raised or cleared. */
  visible: boolean;
  active: boolean;
  /** Severity the condition calls for now (meaningful when active). */
  severity: Severity;
  /** What is affected, e.g. the disconnected exchanges. */
  subjects: string[];
  title: string;
  detail: string;
  /** Loss-limit marks reached in this snapshot. */
  marks: LossMark[];
  /** Whatever else the rule needs before it opens, beside the hold (system: enough failed checks in a row). */
  ready: boolean;
  /** Epoch ms this reading shows the condition at. */
  seenAt: number;
  /** Epoch ms up to which this reading vouches for the condition. */
  seenUntil: number;
  /** The condition in words, for "held for": "order p99 above 10 ms". */
  holding: string;
}

const MINUTE_MS = 60_000;

const round1 = (n: number) => Math.round(n * 10) / 10;
/** Built once: toLocaleString builds a formatter on every call, and the page judges these on every host message. */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = (n: number) => `${n < 0 ? '-' : ''}$${wholeNumber.format(Math.abs(Math.round(n)))}`;

/** What every observation of fresh data shares: it stands for now, and nothing else is needed. */
const freshReading = (now: number) => ({ ready: true, seenAt: now, seenUntil: now });

export const unseen = (scenario: ScenarioId, title: string, now: number): Observation => ({
  scenario, visible: false, active: false, severity: 'SEV4', subjects: [], title, detail: '', marks: [], holding: '', ...freshReading(now),
});

export function observeExchanges(snap: AlertSnapshot, playbook: Playbook, now: number): Observation {
  const sc = playbook.scenarios.exchange_disconnected;
  if (!snap.status) return unseen('exchange_disconnected', sc.title, now);
  const down = snap.status.exchanges.filter((e) => !e.connected).map((e) => e.name).sort();
  const several = down.length >= sc.detection.severalCount;
  return {
    scenario: 'exchange_disconnected',
    visible: true,
    active: down.length > 0,
    severity: several ? sc.detection.severityWhenSeveral : sc.detection.severity,
    subjects: down,
    title: down.length > 1 ? `Exchanges disconnected: ${down.join(', ')}` : `Exchange disconnected: ${down[0] ?? 'none'}`,
    detail:
      down.length === 0
        ? 'All exchanges connected.'
        : `${down.length} of ${snap.status.exchanges.length} exchanges disconnected: ${down.join(', ')}.`,
    marks: [],
    holding: `${down.join(', ')} disconnected`,
    ...freshReading(now),
  };
}

/**
 * `highSince` is when the current unbroken run of high readings began (null
 * when the last visible reading was not high): the upgrade needs latency
 * high at every reading for longer than the sustain time, not just now.
 */
export function observeLatency(snap: AlertSnapshot, playbook: Playbook, highSince: number | null, now: number): Observation {
  const sc = playbook.scenarios.high_latency;
  if (!snap.status) return unseen('high_latency', sc.title, now);
  const d = sc.detection;
  const p99 = snap.status.orderP99Ms;
  const high = p99 > d.orderP99ThresholdMs;
  const runMs = high ? now - (highSince ?? now) : 0;
  const sustained = high && runMs > d.sustainedMinutes * MINUTE_MS;
  return {
    scenario: 'high_latency',
    visible: true,
    active: high,
    severity: sustained ? d.sustainedSeverity : d.severity,
    subjects: [],
    title: sc.title,
    detail: `Order p99 ${round1(p99)} ms (threshold ${d.orderP99ThresholdMs} ms)${sustained ? `, high for ${Math.floor(runMs / 1000)} s: sustained` : ''}.`,
    marks: [],
    holding: `order p99 above ${d.orderP99ThresholdMs} ms`,
    ...freshReading(now),
  };
}

export function observeLossLimit(snap: AlertSnapshot, playbook: Playbook, now: number): Observation {
  const sc = playbook.scenarios.loss_limit;
  if (!snap.risk) return unseen('loss_limit', sc.title, now);
  const d = sc.detection;
  const r = snap.risk;
  const pct = r.lossLimitUsedPct;
  // The status endpoint names who fired the killswitch; without it, an
  // active killswitch with the limit used up is the system's own.
  const auto = snap.status ? snap.status.killswitchSource === 'auto_loss_limit' : pct >= d.killswitchPct;
  const marks: LossMark[] = [];
  if (pct >= d.prepareKillPct) marks.push('prepare_kill');
  if (pct >= d.killswitchPct) marks.push('limit_reached');
  if (r.killswitchActive && auto) marks.push('killswitch_fired');
  return {
    scenario: 'loss_limit',
    visible: true,
    active: pct >= d.approachingPct || marks.includes('killswitch_fired'),
    severity: d.severity,
    subjects: [],
    title: sc.title,
    detail: `${round1(pct)}% of the ${usd(r.dailyLossLimitUsd)} daily loss limit used (P&L ${usd(r.dailyPnlUsd)}).`,
    marks,
    holding: `loss limit use at ${d.approachingPct}% or more`,
    ...freshReading(now),
  };
}

/**
 * Not responding: the last health check failed, or the status and risk
 * endpoints are both dead. It opens once that has held for the hold time
 * and at least `failedHealthChecks` checks failed in a row (or the API as a
 * whole is dead, which already took several failures).
 */
export function observeSystem(snap: AlertSnapshot, playbook: Playbook, now: number): Observation {
  const sc = playbook.scenarios.system_down;
  const h = snap.health;
  const failing = h.failedChecks > 0;
  const down = failing || snap.apiDead;
  // A failed check stands for the time until the next is due; a dead API is judged now.
  const evidence = failing && !snap.apiDead && h.lastFailureAt !== null && h.downUntil !== null
    ? { seenAt: h.lastFailureAt, seenUntil: h.downUntil }
    : { seenAt: now, seenUntil: now };
  return {
    scenario: 'system_down',
    // Failures are exactly what this rule reads; it can always judge "down",
    // but only a fresh good answer shows the system is back.
    visible: down || h.answering,
    active: down,
    severity: sc.detection.severity,
    subjects: [],
    title: sc.title,
    detail: failing
      ? `${h.failedChecks} health check(s) failed in a row${h.lastFailure ? ` (${h.lastFailure})` : ''}.`
      : snap.apiDead
        ? 'The status and risk endpoints are not answering.'
        : 'The health check answers.',
    marks: [],
    ready: h.failedChecks >= sc.detection.failedHealthChecks || snap.apiDead,
    holding: 'not responding',
    ...evidence,
  };
}

export function observeDisk(snap: AlertSnapshot, playbook: Playbook, now: number): Observation {
  const sc = playbook.scenarios.disk_low;
  if (!snap.status) return unseen('disk_low', sc.title, now);
  const d = sc.detection;
  const pct = snap.status.diskPct;
  return {
    scenario: 'disk_low',
    visible: true,
    active: pct > d.warnPct,
    severity: pct > d.criticalPct ? d.criticalSeverity : d.severity,
    subjects: [],
    title: sc.title,
    detail: `Disk ${round1(pct)}% used (low above ${d.warnPct}%, critical above ${d.criticalPct}%).`,
    marks: [],
    holding: `disk use above ${d.warnPct}%`,
    ...freshReading(now),
  };
}
