import { describe, expect, it } from 'vitest';
import { applyHoldInput, HOLD_MS, holdCompletesAt, holdProgress, initialHoldState, type HoldInput, type HoldState } from './hold-guard.js';

/** Applies inputs at the given instants, in order. */
function run(state: HoldState, steps: [number, HoldInput][]): HoldState {
  return steps.reduce((s, [at, input]) => applyHoldInput(s, input, at), state);
}

const press = (source: 'pointer' | 'touch' | 'key' = 'pointer', key?: string, repeat?: boolean): HoldInput =>
  ({ type: 'press', source, ...(key ? { key } : {}), ...(repeat ? { repeat } : {}) });
const release = (source: 'pointer' | 'touch' | 'key' = 'pointer', key?: string): HoldInput => ({ type: 'release', source, ...(key ? { key } : {}) });
const tick: HoldInput = { type: 'tick' };

describe('the hold guard', () => {
  it('fires at exactly HOLD_MS of holding, not a millisecond before', () => {
    const holding = run(initialHoldState(true), [[1000, press()]]);
    expect(applyHoldInput(holding, tick, 1000 + HOLD_MS - 1).phase).toBe('holding');
    const fired = applyHoldInput(holding, tick, 1000 + HOLD_MS);
    expect(fired).toMatchObject({ phase: 'fired', firedAt: 1000 + HOLD_MS, progress: 1 });
    expect(holdCompletesAt(holding)).toBe(1000 + HOLD_MS);
  });

  it('shows progress from 0 to 1 over the hold', () => {
    const holding = run(initialHoldState(true), [[0, press('touch')]]);
    expect(holdProgress(holding, 0)).toBe(0);
    expect(applyHoldInput(holding, tick, 750).progress).toBe(0.5);
    expect(holdProgress(holding, 375)).toBe(0.25);
    expect(holdProgress(holding, 99_999)).toBe(1);
  });

  it('fires once: later ticks, presses and releases change nothing', () => {
    const fired = run(initialHoldState(true), [[0, press()], [HOLD_MS, tick]]);
    const after = run(fired, [[HOLD_MS + 10, tick], [HOLD_MS + 20, release()], [HOLD_MS + 30, press()], [HOLD_MS * 3, tick]]);
    expect(after).toBe(fired);
  });

  it('cancels on an early release and starts from zero on the next press', () => {
    const released = run(initialHoldState(true), [[0, press()], [1499, release()]]);
    expect(released).toMatchObject({ phase: 'armed', progress: 0, lastCancel: 'released-early' });
    const again = run(released, [[2000, press()], [2000 + HOLD_MS - 1, tick]]);
    expect(again.phase).toBe('holding');
    expect(applyHoldInput(again, tick, 2000 + HOLD_MS).phase).toBe('fired');
  });

  it('counts a release at HOLD_MS as a completed hold whose frame had not come yet', () => {
    expect(run(initialHoldState(true), [[0, press()], [HOLD_MS, release()]]).phase).toBe('fired');
  });

  it('never lets double clicks add up', () => {
    let s = initialHoldState(true);
    for (let i = 0; i < 20; i++) s = run(s, [[i * 200, press()], [i * 200 + 100, release()], [i * 200 + 150, tick]]);
    expect(s.phase).toBe('armed');
    expect(s.progress).toBe(0);
  });

  it('is cancelled by blur, Escape and the pointer leaving, even at the last moment', () => {
    for (const cause of ['blur', 'escape', 'pointer-leave'] as const) {
      const s = run(initialHoldState(true), [[0, press()], [HOLD_MS + 5, { type: 'cancel', cause }]]);
      expect(s).toMatchObject({ phase: 'armed', lastCancel: cause, firedAt: null });
    }
  });

  it('cannot be armed or held without a reason, and clearing the reason stops a hold', () => {
    const none = run(initialHoldState(false), [[0, press()], [HOLD_MS * 2, tick], [HOLD_MS * 2, release()]]);
    expect(none.phase).toBe('disarmed');
    const cleared = run(initialHoldState(true), [[0, press()], [500, { type: 'reason', given: false }], [HOLD_MS, tick]]);
    expect(cleared).toMatchObject({ phase: 'disarmed', lastCancel: 'reason-cleared' });
    expect(run(cleared, [[2000, { type: 'reason', given: true }]]).phase).toBe('armed');
  });

  it('holds with Space or Enter, and ignores other keys', () => {
    expect(run(initialHoldState(true), [[0, press('key', ' ')], [HOLD_MS, tick]]).phase).toBe('fired');
    expect(run(initialHoldState(true), [[0, press('key', 'Enter')], [HOLD_MS, tick]]).phase).toBe('fired');
    expect(run(initialHoldState(true), [[0, press('key', 'a')], [HOLD_MS, tick]]).phase).toBe('armed');
  });

  it('does not restart or speed up on key auto-repeat', () => {
    const steps: [number, HoldInput][] = [[0, press('key', 'Enter')]];
    for (let t = 30; t < HOLD_MS; t += 33) steps.push([t, press('key', 'Enter', true)], [t, tick]);
    const s = run(initialHoldState(true), steps);
    expect(s).toMatchObject({ phase: 'holding', holdStartedAt: 0 });
    expect(applyHoldInput(s, tick, HOLD_MS).phase).toBe('fired');
  });

  it('ignores an Enter held from before the dialog: auto-repeat never starts a hold', () => {
    const steps: [number, HoldInput][] = [];
    for (let t = 0; t < 3000; t += 33) steps.push([t, press('key', 'Enter', true)], [t, tick]);
    expect(run(initialHoldState(true), steps).phase).toBe('armed');
  });

  it('ignores a key that went down before arming until it is released and pressed afresh', () => {
    const stale = run(initialHoldState(false), [[0, press('key', 'Enter')], [100, { type: 'reason', given: true }]]);
    const stillStale = run(stale, [[200, press('key', 'Enter')], [200 + HOLD_MS, tick]]);
    expect(stillStale.phase).toBe('armed');
    const fresh = run(stillStale, [[2000, release('key', 'Enter')], [2100, press('key', 'Enter')], [2100 + HOLD_MS, tick]]);
    expect(fresh.phase).toBe('fired');
  });

  it('ignores a second press while one is active, and its release', () => {
    const s = run(initialHoldState(true), [
      [0, press('touch')],
      [10, press('pointer')], // the mouse event a browser emulates for a touch
      [600, release('pointer')],
      [700, press('key', ' ')],
      [800, release('key', ' ')],
    ]);
    expect(s).toMatchObject({ phase: 'holding', source: 'touch', holdStartedAt: 0 });
    expect(applyHoldInput(s, tick, HOLD_MS).phase).toBe('fired');
  });

  it('is released only by the key that holds it', () => {
    const s = run(initialHoldState(true), [[0, press('key', 'Enter')], [100, release('key', ' ')]]);
    expect(s.phase).toBe('holding');
    expect(applyHoldInput(s, release('key', 'Enter'), 200).phase).toBe('armed');
  });

  it('forgets keys down on blur, since their keyups go elsewhere', () => {
    const s = run(initialHoldState(true), [[0, press('key', 'a')], [10, { type: 'cancel', cause: 'blur' }]]);
    expect(s.keysDown).toEqual([]);
  });
});
