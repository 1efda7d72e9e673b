/**
 * The "Hold to activate" control of the killswitch dialog, as a pure state
 * machine: `applyHoldInput(state, input, now) => state`. The dialog feeds it
 * pointer, touch and key events plus animation-frame ticks; it fires exactly
 * once, when one press has been held for HOLD_MS without interruption.
 *
 * What it refuses, and why:
 * - No reason chosen: it cannot be armed, so nothing can start a hold.
 * - A key already held when the dialog armed (a stray Enter from the field
 *   before): that key must be let go and pressed again. Two signals catch
 *   it: the browser marks auto-repeated keydowns `repeat`, and a key seen
 *   going down before arming is remembered until its keyup.
 * - Auto-repeat during a hold neither restarts nor speeds it up.
 * - A second press while one is active (touch plus its emulated mouse
 *   event, two keys) is ignored, and so is its release.
 * - Double clicks never add up: every new press starts from zero.
 * - Blur, Escape, the pointer leaving the button: the hold is cancelled and
 *   never fires, even if it was about to.
 *
 * Time is epoch or monotonic milliseconds, whichever the caller uses, as
 * long as it is the same throughout one state.
 */

/** How long the button must be held, ms (the 1.5 s). */
export const HOLD_MS = 1500;

export type HoldSource = 'pointer' | 'touch' | 'key';

export type HoldCancelCause = 'blur' | 'escape' | 'pointer-leave' | 'reason-cleared';

export type HoldInput =
  /** The reason field changed; an empty reason disarms. */
  | { type: 'reason'; given: boolean }
  /** keydown / pointerdown / touchstart. `key` is KeyboardEvent.key; `repeat` its auto-repeat flag. */
  | { type: 'press'; source: HoldSource; key?: string; repeat?: boolean }
  /** keyup / pointerup / touchend. */
  | { type: 'release'; source: HoldSource; key?: string }
  | { type: 'cancel'; cause: HoldCancelCause }
  /** An animation frame: moves progress and completes a hold that has lasted HOLD_MS. */
  | { type: 'tick' };

export type HoldPhase =
  /** No reason yet: nothing can start a hold. */
  | 'disarmed'
  /** Ready: a fresh press starts the hold. */
  | 'armed'
  | 'holding'
  /** The hold completed; terminal, whatever comes next. */
  | 'fired';

export interface HoldState {
  phase: HoldPhase;
  /** When the current hold began; null unless holding. */
  holdStartedAt: number | null;
  /** What is holding it, and with which key. */
  source: HoldSource | null;
  key: string | null;
  /** 0..1 of HOLD_MS, as of the last input. */
  progress: number;
  /** Keys seen going down and not yet up: they cannot start a hold until released. */
  keysDown: string[];
  firedAt: number | null;
  /** Why the last hold ended without firing, for the dialog's hint. */
  lastCancel: HoldCancelCause | 'released-early' | null;
}

/** Keys that hold the button down, as KeyboardEvent.key spells them ("Spacebar": old Edge). */
const HOLD_KEYS = new Set(['Enter', ' ', 'Spacebar']);

export const isHoldKey = (key: string | undefined): boolean => key !== undefined && HOLD_KEYS.has(key);

export function initialHoldState(reasonGiven: boolean): HoldState {
  return {
    phase: reasonGiven ? 'armed' : 'disarmed',
    holdStartedAt: null,
    source: null,
    key: null,
    progress: 0,
    keysDown: [],
    firedAt: null,
    lastCancel: null,
  };
}

/** Progress of the hold at `now`, 0..1, for drawing between inputs. */
export function holdProgress(state: HoldState, now: number): number {
  if (state.phase === 'fired') return 1;
  if (state.phase !== 'holding' || state.holdStartedAt === null) return 0;
  return Math.min(1, Math.max(0, (now - state.holdStartedAt) / HOLD_MS));
}

/** When the current hold completes, for a shell that sets one timer instead of ticking; null if not holding. */
export function holdCompletesAt(state: HoldState): number | null {
  return state.phase === 'holding' && state.holdStartedAt !== null ? state.holdStartedAt + HOLD_MS : null;
}

const stopHolding = (state: HoldState, phase: HoldPhase, cause: HoldState['lastCancel']): HoldState => ({
  ...state,
  phase,
  holdStartedAt: null,
  source: null,
  key: null,
  progress: 0,
  lastCancel: cause,
});

const fire = (state: HoldState, now: number): HoldState => ({
  ...state,
  phase: 'fired',
  holdStartedAt: null,
  source: null,
  key: null,
  progress: 1,
  firedAt: now,
  lastCancel: null,
});

const completed = (state: HoldState, now: number): boolean =>
  state.phase === 'holding' && state.holdStartedAt !== null && now - state.holdStartedAt >= HOLD_MS;

export function applyHoldInput(state: HoldState, input: HoldInput, now: number): HoldState {
  if (state.phase === 'fired') return state;
  const keysDown = trackKeys(state.keysDown, input);
  const next = keysDown === state.keysDown ? state : { ...state, keysDown };

  switch (input.type) {
    case 'reason':
      if (!input.given) return stopHolding(next, 'disarmed', next.phase === 'holding' ? 'reason-cleared' : next.lastCancel);
      return next.phase === 'disarmed' ? { ...next, phase: 'armed' } : next;

    case 'cancel':
      if (next.phase !== 'holding') return next;
      return stopHolding(next, 'armed', input.cause);

    case 'tick':
      if (next.phase !== 'holding') return next;
      if (completed(next, now)) return fire(next, now);
      return { ...next, progress: holdProgress(next, now) };

    case 'press': {
      if (next.phase !== 'armed') return next; // disarmed, or a second press while holding
      if (input.source === 'key') {
        if (!isHoldKey(input.key) || input.repeat === true) return next;
        // Held since before arming: only its keyup frees it (trackKeys added it just now otherwise).
        if (state.keysDown.includes(input.key!)) return next;
      }
      return { ...next, phase: 'holding', holdStartedAt: now, source: input.source, key: input.key ?? null, progress: 0, lastCancel: null };
    }

    case 'release': {
      if (next.phase !== 'holding' || input.source !== next.source) return next;
      if (input.source === 'key' && input.key !== next.key) return next;
      // A release at or after HOLD_MS is a completed hold whose frame had not come yet.
      if (completed(next, now)) return fire(next, now);
      return stopHolding(next, 'armed', 'released-early');
    }
  }
}

/** Keeps the set of keys down; the same array when nothing changed. */
function trackKeys(keysDown: string[], input: HoldInput): string[] {
  if (input.type === 'cancel' && input.cause === 'blur') return keysDown.length === 0 ? keysDown : []; // keyups are lost with focus
  if ((input.type !== 'press' && input.type !== 'release') || input.source !== 'key' || input.key === undefined) return keysDown;
  if (input.type === 'press' && !keysDown.includes(input.key)) return [...keysDown, input.key];
  if (input.type === 'release' && keysDown.includes(input.key)) return keysDown.filter((k) => k !== input.key);
  return keysDown;
}
