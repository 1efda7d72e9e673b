import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALARM_REPEAT_MS, SevOneAlarm } from './alarm.js';

/** An AudioContext as Chromium runs one: suspended until resumed, counting the tones started. */
class FakeContext {
  state: AudioContextState;
  tones = 0;
  currentTime = 0;
  destination = {};
  constructor(startsRunning: boolean) {
    this.state = startsRunning ? 'running' : 'suspended';
  }
  /** Like Chromium's, the state changes when the promise settles, not when asked. */
  resume() {
    return Promise.resolve().then(() => {
      this.state = 'running';
    });
  }
  suspend() {
    return Promise.resolve().then(() => {
      this.state = 'suspended';
    });
  }
  close() {
    this.state = 'closed';
    return Promise.resolve();
  }
  createOscillator() {
    const node = { type: '', frequency: { value: 0 }, connect: (next: unknown) => next, start: () => this.tones++, stop() {} };
    return node;
  }
  createGain() {
    return { gain: { setValueAtTime() {}, linearRampToValueAtTime() {} }, connect: (next: unknown) => next };
  }
}

const alarmWith = (ctx: FakeContext) => new SevOneAlarm(() => ctx as unknown as AudioContext);
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the SEV1 alarm sound', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps its audio suspended after a key press while nothing rings', async () => {
    const ctx = new FakeContext(true);
    const alarm = alarmWith(ctx);
    alarm.unlock();
    await settle();
    expect(ctx.state).toBe('suspended');
    alarm.unlock();
    await settle();
    expect(ctx.state).toBe('suspended');
  });

  it('resumes to ring, beeps two tones every repeat, and suspends when it stops', async () => {
    const ctx = new FakeContext(false);
    const alarm = alarmWith(ctx);
    alarm.unlock();
    alarm.set(true);
    await settle();
    expect(ctx.state).toBe('running');
    expect(ctx.tones).toBe(2);
    await vi.advanceTimersByTimeAsync(ALARM_REPEAT_MS);
    expect(ctx.tones).toBe(4);
    alarm.set(false);
    await settle();
    expect(ctx.state).toBe('suspended');
    await vi.advanceTimersByTimeAsync(3 * ALARM_REPEAT_MS);
    expect(ctx.tones).toBe(4);
  });

  it('a key press while it rings keeps it running', async () => {
    const ctx = new FakeContext(true);
    const alarm = alarmWith(ctx);
    alarm.set(true);
    alarm.unlock();
    await settle();
    expect(ctx.state).toBe('running');
    expect(ctx.tones).toBe(2);
  });

  it('stopped before its resume came back, it suspends again and plays nothing', async () => {
    const ctx = new FakeContext(false);
    const alarm = alarmWith(ctx);
    alarm.set(true);
    alarm.set(false);
    await settle();
    expect(ctx.state).toBe('suspended');
    expect(ctx.tones).toBe(0);
  });
});
