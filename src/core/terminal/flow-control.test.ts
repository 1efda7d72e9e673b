import { describe, expect, it } from 'vitest';
import { AckCounter, CHAR_COUNT_ACK_SIZE, FlowControl, HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS } from './flow-control.js';

describe('FlowControl', () => {
  it('pauses once past the high watermark, and only once', () => {
    const flow = new FlowControl();
    expect(flow.sent(HIGH_WATERMARK_CHARS)).toBeNull();
    expect(flow.sent(1)).toBe('pause');
    expect(flow.sent(10_000)).toBeNull();
    expect(flow.isPaused).toBe(true);
    expect(flow.unacknowledged).toBe(HIGH_WATERMARK_CHARS + 10_001);
  });

  it('resumes only below the low watermark', () => {
    const flow = new FlowControl();
    flow.sent(120_000);
    expect(flow.acknowledged(110_000)).toBeNull();
    expect(flow.unacknowledged).toBe(10_000);
    expect(flow.acknowledged(5_000)).toBeNull(); // exactly 5,000 is not below
    expect(flow.acknowledged(1)).toBe('resume');
    expect(flow.isPaused).toBe(false);
  });

  it('never counts below zero when acks exceed what was sent', () => {
    const flow = new FlowControl(10, 2);
    flow.sent(5);
    flow.acknowledged(50);
    expect(flow.unacknowledged).toBe(0);
    expect(flow.sent(10)).toBeNull();
    expect(flow.sent(1)).toBe('pause');
  });

  it('reset resumes a paused producer', () => {
    const flow = new FlowControl(10, 2);
    flow.sent(11);
    expect(flow.reset()).toBe('resume');
    expect(flow.reset()).toBeNull();
  });

  it('rejects watermarks in the wrong order', () => {
    expect(() => new FlowControl(5, 5)).toThrow(/below/);
  });

  it('uses the documented VS Code values', () => {
    expect([HIGH_WATERMARK_CHARS, LOW_WATERMARK_CHARS, CHAR_COUNT_ACK_SIZE]).toEqual([100_000, 5_000, 5_000]);
  });
});

describe('AckCounter', () => {
  it('acknowledges in whole steps and keeps the remainder', () => {
    const acks = new AckCounter(100);
    expect(acks.rendered(60)).toBe(0);
    expect(acks.rendered(60)).toBe(100);
    expect(acks.rendered(250)).toBe(200);
    expect(acks.flush()).toBe(70);
    expect(acks.flush()).toBe(0);
  });

  it('producer and consumer together stay within one step of the high watermark', () => {
    const flow = new FlowControl();
    const acks = new AckCounter();
    let maxInFlight = 0;
    let paused = false;
    let queued = 0; // sent to the consumer, not rendered yet
    let rendered = 0;
    for (let round = 0; round < 5_000; round++) {
      if (!paused) {
        queued += 4_096;
        if (flow.sent(4_096) === 'pause') paused = true;
      }
      maxInFlight = Math.max(maxInFlight, flow.unacknowledged);
      // A slow consumer: renders 3,000 chars every third round.
      const now = round % 3 === 0 ? Math.min(queued, 3_000) : 0;
      queued -= now;
      rendered += now;
      if (flow.acknowledged(acks.rendered(now)) === 'resume') paused = false;
    }
    expect(rendered).toBeGreaterThan(1_000_000);
    expect(maxInFlight).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + 4_096);
  });
});
