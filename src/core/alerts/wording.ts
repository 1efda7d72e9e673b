/**
 * What the alert rules say in the timeline and in questions, in the
 * engineer's words: how long a condition held, what the not-responding
 * incident holds back, what still holds when someone resolves.
 */
import type { Playbook, ScenarioId } from '../playbook/schema.js';
import type { AlertState, ConditionTrack, Inhibition } from './evaluate.js';

const MINUTE_S = 60;
const HOUR_S = 3600;

/** "12 s", "4 min", "2 h 5 min": whole units, rounded down, as a person reads a span of time. */
export function spanWords(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < MINUTE_S) return `${s} s`;
  if (s < HOUR_S) return `${Math.floor(s / MINUTE_S)} min`;
  const h = Math.floor(s / HOUR_S);
  const min = Math.floor((s % HOUR_S) / MINUTE_S);
  return min === 0 ? `${h} h` : `${h} h ${min} min`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Order p99 above 10 ms for 12 s". */
export const heldFor = (holding: string, ms: number): string => `${capitalised(holding)} for ${spanWords(ms)}`;

const TITLE_WHEN_DOWN: Record<Exclude<ScenarioId, 'system_down'>, string> = {
  exchange_disconnected: 'exchanges',
  high_latency: 'latency',
  loss_limit: 'loss limit',
  disk_low: 'disk',
};

/**
 * The not-responding incident's account of what it holds back: which rules
 * wait, which open conditions stay as they are, and which waits start again.
 */
export function holdsBackText(open: AlertState['open'], inhibition: Inhibition, playbook: Playbook): string {
  const rules = Object.values(TITLE_WHEN_DOWN).join(', ');
  const parts = [`Held back until it answers again: new incidents, severity rises and clears from the ${rules} rules.`];
  const kept = Object.values(open)
    .filter((t) => t.scenario !== 'system_down')
    .map((t) => trackTitle(t, playbook));
  if (kept.length > 0) parts.push(`Kept open as they were: ${kept.join('; ')}.`);
  if (inhibition.interrupted.length > 0) {
    const waits = inhibition.interrupted.map((w) => `${w.title} (had held ${spanWords(w.heldMs)})`);
    parts.push(`Waiting again for the full hold time: ${waits.join('; ')}.`);
  }
  return parts.join(' ');
}

function trackTitle(track: ConditionTrack, playbook: Playbook): string {
  const title = playbook.scenarios[track.scenario].title;
  return track.subjects.length > 0 ? `${title}: ${track.subjects.join(', ')}` : title;
}

const andList = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/**
 * What still holds for the condition `key`, as a person would say it ("binance
 * is still disconnected"), or null when it is clear, clearing or not tracked:
 * resolving then needs no second thought.
 */
export function stillHolds(state: AlertState, key: string, playbook: Playbook): string | null {
  const track = state.open[key];
  if (!track || track.clearSince !== null) return null;
  switch (track.scenario) {
    case 'exchange_disconnected':
      return track.subjects.length > 0
        ? `${andList(track.subjects)} ${track.subjects.length > 1 ? 'are' : 'is'} still disconnected`
        : 'an exchange is still disconnected';
    case 'high_latency':
      return `order p99 is still above ${playbook.scenarios.high_latency.detection.orderP99ThresholdMs} ms`;
    case 'loss_limit':
      return `the loss limit is still ${playbook.scenarios.loss_limit.detection.approachingPct}% or more used`;
    case 'system_down':
      return 'the system is still not responding';
    case 'disk_low':
      return `disk use is still above ${playbook.scenarios.disk_low.detection.warnPct}%`;
  }
}
