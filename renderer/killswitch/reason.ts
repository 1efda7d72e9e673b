/**
 * The reason a press is sent with: one of the presets, or the engineer's
 * own words. "Other" with nothing written is no reason, and the hold
 * button stays disarmed until there is one.
 */
import { KILL_REASONS, type KillReasonId } from '../../src/core/killswitch/select.js';
import { KILLSWITCH_REASON_MAX_CHARS } from '../../src/contract/killswitch.js';

export type ReasonChoice = KillReasonId | 'other' | null;

export interface ReasonInput {
  choice: ReasonChoice;
  /** The free text: the whole reason for "other", an optional detail after a preset. */
  text: string;
}

/** The reason as sent, or null when there is none yet. */
export function reasonText({ choice, text }: ReasonInput): string | null {
  const own = text.trim();
  if (choice === null) return null;
  if (choice === 'other') return own.length > 0 ? own.slice(0, KILLSWITCH_REASON_MAX_CHARS) : null;
  const preset = KILL_REASONS.find((r) => r.id === choice)!.text;
  return (own.length > 0 ? `${preset}: ${own}` : preset).slice(0, KILLSWITCH_REASON_MAX_CHARS);
}
