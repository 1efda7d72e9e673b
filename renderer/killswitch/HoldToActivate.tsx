/**
 * "Hold to activate": the button that fires the killswitch only after one
 * uninterrupted press of HOLD_MS, by mouse, touch, or Space/Enter held
 * down. The rules (what starts, cancels and completes a hold; auto-repeat,
 * a key held since before arming, a second press) are the core's hold
 * guard; this component only feeds it events and animation frames, and
 * draws the progress.
 *
 * The button never acts on `click`: a double click, a stray Enter or a
 * focus accident produces clicks and key presses, never a 1.5 s hold.
 */
import { useEffect, useReducer, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import {
  applyHoldInput,
  holdCompletesAt,
  holdProgress,
  HOLD_MS,
  initialHoldState,
  isHoldKey,
  type HoldInput,
  type HoldState,
} from '../../src/core/killswitch/hold-guard.js';

export interface HoldToActivateProps {
  /** A reason is given: only then can a hold start. */
  armed: boolean;
  /** Called once, when a hold completes. */
  onActivate(): void;
  disabled?: boolean;
}

const CANCEL_HINTS: Record<NonNullable<HoldState['lastCancel']>, string> = {
  'released-early': 'Released early: nothing was sent. Hold for the full 1.5 seconds.',
  blur: 'Focus moved away: nothing was sent.',
  escape: 'Cancelled: nothing was sent.',
  'pointer-leave': 'The pointer left the button: nothing was sent.',
  'reason-cleared': 'The reason was cleared: nothing was sent.',
};

export function HoldToActivate({ armed, onActivate, disabled = false }: HoldToActivateProps) {
  const state = useRef<HoldState>(initialHoldState(armed));
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const activated = useRef(false);
  const onActivateRef = useRef(onActivate);
  onActivateRef.current = onActivate;

  const feed = (input: HoldInput) => {
    const before = state.current;
    const after = applyHoldInput(before, input, performance.now());
    state.current = after;
    if (after.phase === 'fired' && !activated.current) {
      activated.current = true;
      onActivateRef.current();
    }
    if (after !== before) redraw();
  };

  useEffect(() => {
    feed({ type: 'reason', given: armed });
  }, [armed]);

  // While holding: a frame per repaint for the progress, and one timer at the completion time,
  // so the hold completes on time even when frames are throttled (a window in the background).
  const holding = state.current.phase === 'holding';
  useEffect(() => {
    if (!holding) return;
    let frame = requestAnimationFrame(function tick() {
      feed({ type: 'tick' });
      if (state.current.phase === 'holding') frame = requestAnimationFrame(tick);
    });
    const completesAt = holdCompletesAt(state.current);
    const timer = completesAt === null ? null : window.setTimeout(() => feed({ type: 'tick' }), Math.max(0, completesAt - performance.now()) + 5);
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [holding]);

  const s = state.current;
  const pct = Math.round(holdProgress(s, performance.now()) * 100);
  const source = (e: PointerEvent) => (e.pointerType === 'touch' ? 'touch' : 'pointer');
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    e.preventDefault(); // keeps focus where it is and stops text selection; the hold alone counts
    feed({ type: 'press', source: source(e) });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!isHoldKey(e.key)) return;
    e.preventDefault(); // no click from Space or Enter: only the hold acts
    feed({ type: 'press', source: 'key', key: e.key, repeat: e.repeat });
  };
  const onKeyUp = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!isHoldKey(e.key)) return;
    e.preventDefault();
    feed({ type: 'release', source: 'key', key: e.key });
  };

  const hint =
    s.phase === 'disarmed'
      ? 'Choose or write a reason first.'
      : s.phase === 'holding'
        ? 'Keep holding…'
        : s.phase === 'fired'
          ? 'Sending the killswitch…'
          : s.lastCancel
            ? CANCEL_HINTS[s.lastCancel]
            : `Hold the button (mouse, touch, or Space/Enter) for ${HOLD_MS / 1000} seconds.`;

  return (
    <div className={`hold ${s.phase}`}>
      <button
        type="button"
        className="hold-button"
        // From the prop, not the guard's phase: the guard hears of the reason in an effect, one render later,
        // and a button still drawn disabled by then cannot take the focus a keyboard hold starts from.
        disabled={disabled || !armed || s.phase === 'fired'}
        aria-describedby="killswitch-hold-hint"
        data-phase={s.phase}
        onPointerDown={onPointerDown}
        onPointerUp={(e) => feed({ type: 'release', source: source(e) })}
        onPointerLeave={() => feed({ type: 'cancel', cause: 'pointer-leave' })}
        onPointerCancel={() => feed({ type: 'cancel', cause: 'pointer-leave' })}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={() => feed({ type: 'cancel', cause: 'blur' })}
        onClick={(e) => e.preventDefault()}
        onContextMenu={(e) => e.preventDefault()}
      >
        <span className="hold-fill" style={{ transform: `scaleX(${pct / 100})` }} aria-hidden="true" />
        <span className="hold-label">Hold to activate</span>
      </button>
      <div role="progressbar" aria-label="Hold progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="hold-meter">
        {pct}%
      </div>
      <p id="killswitch-hold-hint" className="hold-hint" aria-live="polite">
        {hint}
      </p>
    </div>
  );
}
