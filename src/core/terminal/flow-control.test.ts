import { describe, expect, it } from 'vitest';
import {
  AckCounter,
  FlowControl,
  HIGH_WATERMARK_CHARS,
  INITIAL_WINDOW_CHARS,
  MIN_WINDOW_CHARS,
  TARGET_QUEUE_MS,
  TYPING_CREDIT_CHARS,
  TYPING_HOLD_MS,
  TYPING_WINDOW_CHARS,
} from './flow-control.js';

describe('FlowControl', () => {
  it('pauses once past the window, and only once', () => {
    const flow = new FlowControl();
    expect(flow.sent(INITIAL_WINDOW_CHARS, 0)).toBeNull();
    expect(flow.sent(1, 0)).toBe('pause');
    expect(flow.sent(10_000, 1)).toBeNull();
    expect(flow.isPaused).toBe(true);
    expect(flow.unacknowledged).toBe(INITIAL_WINDOW_CHARS + 10_001);
  });

  it('resumes below half the window, so the pipe never drains empty', () => {
    const flow = new FlowControl({ initialWindow: 100_000, minWindow: 100_000, maxWindow: 100_000 });
    flow.sent(120_000, 0);
    expect(flow.acknowledged(70_000, 1)).toBeNull();
    expect(flow.unacknowledged).toBe(50_000);
    expect(flow.isPaused).toBe(true); // exactly half is not below
    expect(flow.acknowledged(1, 1)).toBe('resume');
    expect(flow.isPaused).toBe(false);
  });

  it('never counts below zero when acks exceed what was sent', () => {
    const flow = new FlowControl({ initialWindow: 10, minWindow: 10, maxWindow: 10 });
    flow.sent(5, 0);
    flow.acknowledged(50, 1);
    expect(flow.unacknowledged).toBe(0);
    expect(flow.sent(10, 2)).toBeNull();
    expect(flow.sent(1, 2)).toBe('pause');
  });

  it('reset resumes a paused producer and starts the window afresh', () => {
    const flow = new FlowControl({ initialWindow: 10, minWindow: 10, maxWindow: 40 });
    flow.sent(11, 0);
    expect(flow.reset()).toBe('resume');
    expect(flow.reset()).toBeNull();
    expect(flow.unacknowledged).toBe(0);
    expect(flow.window).toBe(10);
  });

  it('rejects window limits in the wrong order', () => {
    expect(() => new FlowControl({ minWindow: 5, initialWindow: 4 })).toThrow(/min/);
    expect(() => new FlowControl({ initialWindow: 5, maxWindow: 4, minWindow: 1 })).toThrow(/max/);
    expect(() => new FlowControl({ targetQueueMs: 0 })).toThrow(/positive/);
  });

  it('measures the lag from when the acknowledged character was sent', () => {
    const flow = new FlowControl();
    flow.sent(1_000, 10);
    flow.sent(1_000, 20);
    flow.acknowledged(500, 25); // inside the first send
    expect(flow.lag).toBe(15);
    flow.acknowledged(1_000, 40); // ends inside the second
    expect(flow.lag).toBe(20);
    flow.acknowledged(500, 41); // ends exactly at the second's end
    expect(flow.lag).toBe(21);
  });

  it('grows the window while output is parsed as fast as it arrives', () => {
    const flow = new FlowControl({ initialWindow: 100_000 });
    let now = 0;
    // Every batch comes back 3 ms later whatever its size: no queue builds up.
    for (let i = 0; i < 2_000; i++) {
      flow.sent(20_000, now);
      flow.acknowledged(20_000, now + 3);
      now += 4;
    }
    expect(flow.window).toBe(HIGH_WATERMARK_CHARS);
    expect(flow.queueing).toBe(0);
  });

  it('shrinks the window when a slow consumer lets output queue up, to about the target delay', () => {
    // A target far below what a full window takes this consumer, so the window must come down to it.
    const targetQueueMs = 16;
    const flow = new FlowControl({ targetQueueMs, maxWindow: 1_000_000, initialWindow: 100_000 });
    // A consumer that parses 2,000 chars per ms (`yes` output in the cockpit's Chromium),
    // 2 ms away: what is in flight waits its turn in its queue.
    const charsPerMs = 2_000;
    const baseMs = 2;
    let now = 0;
    let parsedUntil = 0;
    const inFlight: { chars: number; doneAt: number }[] = [];
    for (let step = 0; step < 20_000; step++) {
      now += 0.25;
      while (inFlight.length > 0 && inFlight[0]!.doneAt <= now) flow.acknowledged(inFlight.shift()!.chars, now);
      if (!flow.isPaused) {
        const chars = 4_000;
        flow.sent(chars, now);
        parsedUntil = Math.max(parsedUntil, now + baseMs) + chars / charsPerMs;
        inFlight.push({ chars, doneAt: parsedUntil });
      }
    }
    // The longest an echo could wait behind a full window here, ms.
    const fullWindowMs = flow.window / charsPerMs;
    expect(flow.window).toBeLessThan(100_000);
    expect(flow.window).toBeGreaterThanOrEqual(MIN_WINDOW_CHARS);
    expect(fullWindowMs).toBeLessThanOrEqual(targetQueueMs * 2 + baseMs + 1);
  });

  it('with its defaults, opens the window for text parsed fast and holds slow text to about the target delay', () => {
    // A consumer parsing `charsPerMs`, 2 ms away, fed 64 KiB at a time for 60 s.
    const run = (charsPerMs: number) => {
      const flow = new FlowControl();
      let now = 0;
      let parsedUntil = 0;
      const inFlight: { chars: number; doneAt: number }[] = [];
      for (let step = 0; step < 60_000; step++) {
        now += 1;
        while (inFlight.length > 0 && inFlight[0]!.doneAt <= now) flow.acknowledged(inFlight.shift()!.chars, now);
        while (!flow.isPaused) {
          const chars = 65_536;
          flow.sent(chars, now);
          parsedUntil = Math.max(parsedUntil, now + 2) + chars / charsPerMs;
          inFlight.push({ chars, doneAt: parsedUntil });
        }
      }
      return flow.window;
    };
    // base64 from a `cat`, as the bench's ceiling parses it (~15 MB/s): well past where it started.
    const fast = run(15_000);
    expect(fast).toBeGreaterThan(2 * INITIAL_WINDOW_CHARS);
    expect(fast).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS);
    // `yes` (~2 MB/s): what a full window takes to parse stays near the target.
    const slow = run(2_000);
    expect(slow).toBeLessThan(HIGH_WATERMARK_CHARS);
    expect(slow).toBeLessThan(fast);
    // One 64 KiB batch past the window is its own parse time more.
    expect(slow / 2_000).toBeLessThanOrEqual(TARGET_QUEUE_MS * 2 + 65_536 / 2_000 + 3);
  });

  it('ignores one late delivery among prompt ones', () => {
    const flow = new FlowControl({ initialWindow: 200_000, minWindow: 50_000, maxWindow: 400_000 });
    let now = 0;
    for (let i = 0; i < 20; i++) {
      flow.sent(10_000, now);
      flow.acknowledged(10_000, now + 2);
      now += 3;
    }
    const before = flow.window;
    flow.sent(10_000, now);
    flow.acknowledged(10_000, now + 80); // one frame the browser was busy elsewhere
    expect(flow.window).toBeGreaterThanOrEqual(before);
  });
});

describe('FlowControl while the engineer types', () => {
  it('holds the window to the typing window for TYPING_HOLD_MS after a keystroke', () => {
    const flow = new FlowControl();
    flow.sent(1_000, 0);
    flow.acknowledged(1_000, 2);
    const flood = flow.window;
    flow.typed(10);
    expect(flow.isTyping).toBe(true);
    expect(flow.window).toBe(TYPING_WINDOW_CHARS);
    // The echo, parsed at once.
    flow.sent(10, 10);
    flow.acknowledged(10, 10);
    flow.sent(10, 10 + TYPING_HOLD_MS - 1);
    expect(flow.window).toBe(TYPING_WINDOW_CHARS);
    flow.sent(10, 10 + TYPING_HOLD_MS);
    expect(flow.isTyping).toBe(false);
    expect(flow.window).toBe(flood);
  });

  it('resumes a paused producer at a keystroke and lets the pty backlog through before pausing again', () => {
    const flow = new FlowControl();
    expect(flow.sent(INITIAL_WINDOW_CHARS + 1, 0)).toBe('pause');
    expect(flow.typed(1)).toBe('resume');
    // The echo comes after what the pty holds: that is read at once, past the window.
    let read = 0;
    while (read + 4_095 <= TYPING_CREDIT_CHARS) {
      expect(flow.sent(4_095, 2)).toBeNull();
      read += 4_095;
    }
    expect(flow.sent(4_095, 2)).toBe('pause');
    // Then the typing window: resumes only below half of it.
    expect(flow.acknowledged(flow.unacknowledged - TYPING_WINDOW_CHARS / 2, 3)).toBeNull();
    expect(flow.acknowledged(1, 3)).toBe('resume');
  });

  it("Enter ends typing mode at once but keeps the keystroke's credit", () => {
    const flow = new FlowControl();
    expect(flow.sent(INITIAL_WINDOW_CHARS + 1, 0)).toBe('pause');
    expect(flow.typed(1)).toBe('resume');
    flow.lineSubmitted();
    expect(flow.isTyping).toBe(false);
    expect(flow.window).toBe(INITIAL_WINDOW_CHARS);
    expect(flow.sent(TYPING_CREDIT_CHARS - 1, 2)).toBeNull();
    expect(flow.sent(1, 2)).toBe('pause');
  });

  it('keeps the typing window until the keystroke\'s echo is parsed, however long that takes, then holds it TYPING_HOLD_MS more', () => {
    const flow = new FlowControl();
    // A flood's full window in flight when the key is pressed.
    expect(flow.sent(INITIAL_WINDOW_CHARS + 1, 0)).toBe('pause');
    flow.typed(1);
    flow.sent(TYPING_CREDIT_CHARS, 2);
    // Parsing what was in flight takes longer than the hold: the echo is not on screen yet.
    const later = 1 + TYPING_HOLD_MS * 3;
    flow.acknowledged(INITIAL_WINDOW_CHARS, later);
    expect(flow.isTyping).toBe(true);
    expect(flow.window).toBe(TYPING_WINDOW_CHARS);
    // What the keystroke let through is parsed: the echo is shown, the hold runs from now.
    flow.acknowledged(flow.unacknowledged, later + 1);
    flow.sent(1, later + TYPING_HOLD_MS);
    expect(flow.isTyping).toBe(true);
    flow.sent(1, later + 1 + TYPING_HOLD_MS);
    expect(flow.isTyping).toBe(false);
    expect(flow.window).toBe(INITIAL_WINDOW_CHARS);
  });

  it('Enter does not wait for the echo: the flood window applies again at once', () => {
    const flow = new FlowControl();
    flow.sent(INITIAL_WINDOW_CHARS + 1, 0);
    flow.typed(1);
    flow.lineSubmitted();
    expect(flow.isTyping).toBe(false);
  });

  it('a keystroke with little in flight pauses nothing', () => {
    const flow = new FlowControl();
    flow.sent(5_000, 0);
    expect(flow.typed(1)).toBeNull();
    expect(flow.isPaused).toBe(false);
  });

  it('leaves the flood window where it was while typing keeps the lag low', () => {
    const flow = new FlowControl();
    let now = 0;
    // A slow consumer first: the window shrinks to what it can take.
    for (let i = 0; i < 50; i++) {
      flow.sent(20_000, now);
      flow.acknowledged(20_000, now + 40);
      now += 41;
    }
    const flood = flow.window;
    flow.typed(now);
    for (let i = 0; i < 50; i++) {
      flow.sent(5_000, now);
      flow.acknowledged(5_000, now + 1);
      now += 2;
    }
    expect(flow.window).toBe(Math.min(flood, TYPING_WINDOW_CHARS));
    now += TYPING_HOLD_MS;
    flow.sent(1, now);
    expect(flow.window).toBe(flood);
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

  it('never acknowledges a replay, however it is split, and counts live output after it', () => {
    const acks = new AckCounter(100);
    acks.replaying(250);
    expect(acks.rendered(200, true)).toBe(0);
    // The last 50 bytes of the replay and 70 of live output came in one write.
    expect(acks.rendered(120, true)).toBe(70);
    expect(acks.rendered(130)).toBe(100);
    expect(acks.flush()).toBe(30);
  });

  it('acknowledges everything pending once the terminal is idle', () => {
    const acks = new AckCounter(100);
    expect(acks.rendered(60)).toBe(0);
    expect(acks.rendered(3, true)).toBe(63);
    expect(acks.rendered(250, true)).toBe(250);
    expect(acks.flush()).toBe(0);
  });

  it('a quiet echo, acknowledged whole, teaches the producer the base lag a flood hid', () => {
    // A target below the flood's 40 ms lag, so a queue seen for what it is shrinks the window.
    const flow = new FlowControl({ targetQueueMs: 16, maxWindow: 1_000_000, initialWindow: 100_000 });
    const acks = new AckCounter();
    // A flood with a standing queue: every acknowledgement comes 40 ms after its send.
    for (let t = 0; t < 2_000; t += 10) {
      flow.sent(10_000, t);
      flow.acknowledged(acks.rendered(10_000), t + 40);
    }
    const floodWindow = flow.window;
    expect(flow.queueing).toBe(0); // the standing queue passes for the base
    // The prompt, then an echo of one byte: parsed 2 ms after it was sent, nothing else waiting.
    flow.sent(30, 3_000);
    flow.acknowledged(acks.rendered(30, true), 3_002);
    flow.sent(1, 3_500);
    flow.acknowledged(acks.rendered(1, true), 3_502);
    // The next flood with the same 40 ms lag is now seen as 38 ms of queue and the window shrinks.
    for (let t = 4_000; t < 4_100; t += 10) {
      flow.sent(10_000, t);
      flow.acknowledged(acks.rendered(10_000), t + 40);
    }
    expect(flow.queueing).toBe(38);
    expect(flow.window).toBeLessThan(floodWindow);
  });

  it('producer and consumer together stay within one send of the largest window', () => {
    const flow = new FlowControl();
    const acks = new AckCounter();
    let maxInFlight = 0;
    let paused = false;
    let queued = 0; // sent to the consumer, not rendered yet
    let rendered = 0;
    for (let round = 0; round < 5_000; round++) {
      if (!paused) {
        queued += 4_096;
        if (flow.sent(4_096, round) === 'pause') paused = true;
      }
      maxInFlight = Math.max(maxInFlight, flow.unacknowledged);
      // A slow consumer: renders 3,000 chars every third round.
      const now = round % 3 === 0 ? Math.min(queued, 3_000) : 0;
      queued -= now;
      rendered += now;
      if (flow.acknowledged(acks.rendered(now), round) === 'resume') paused = false;
    }
    expect(rendered).toBeGreaterThan(1_000_000);
    expect(maxInFlight).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + 4_096);
  });
});
