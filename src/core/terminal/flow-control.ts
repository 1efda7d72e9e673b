/**
 * Flow control between a terminal's producer (a PTY or an SSH channel) and
 * its consumer (xterm.js in the renderer), counted in characters (UTF-16 code
 * units, what `string.length` and xterm.js's write callback count).
 *
 * The values are VS Code's FlowControlConstants
 * (src/vs/platform/terminal/common/terminal.ts) and follow the xterm.js
 * flow-control guide (https://xtermjs.org/docs/guides/flowcontrol/): xterm.js
 * 6 throws once more than 50 MB wait in its write queue, so a flood must be
 * held back at the producer, not buffered on the way.
 */

/** Pause the producer once this many characters are sent but not yet acknowledged. */
export const HIGH_WATERMARK_CHARS = 100_000;
/** Resume the producer once the unacknowledged count falls below this. */
export const LOW_WATERMARK_CHARS = 5_000;
/** The consumer acknowledges in steps of this many characters (one message per step). */
export const CHAR_COUNT_ACK_SIZE = 5_000;

export type FlowAction = 'pause' | 'resume' | null;

/** The producer side: counts what went out and says when to pause or resume. */
export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly high = HIGH_WATERMARK_CHARS,
    private readonly low = LOW_WATERMARK_CHARS,
  ) {
    if (!(low < high)) throw new Error(`low watermark ${low} must be below high watermark ${high}`);
  }

  /** Characters handed to the consumer and not acknowledged yet. */
  get unacknowledged(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Records `chars` sent; answers 'pause' the moment the high watermark is crossed. */
  sent(chars: number): FlowAction {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      return 'pause';
    }
    return null;
  }

  /** Records `chars` acknowledged; answers 'resume' once below the low watermark. */
  acknowledged(chars: number): FlowAction {
    // A consumer that acknowledges more than it was sent (a replayed ack after
    // a renderer reload) must not drive the count negative and pre-pay a flood.
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }

  /** Forgets everything in flight: a new consumer attached and starts from zero. */
  reset(): FlowAction {
    this.unacked = 0;
    if (this.paused) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }
}

/**
 * The consumer side: add what the terminal has rendered, get back how much
 * to acknowledge, in whole steps of `step` so acks stay few.
 */
export class AckCounter {
  private pending = 0;

  constructor(private readonly step = CHAR_COUNT_ACK_SIZE) {}

  /** Characters rendered; returns the number to acknowledge now (0 or a multiple of step). */
  rendered(chars: number): number {
    this.pending += chars;
    if (this.pending < this.step) return 0;
    const due = this.pending - (this.pending % this.step);
    this.pending -= due;
    return due;
  }

  /** Whatever is left, for when the stream ends or the tab goes idle. */
  flush(): number {
    const due = this.pending;
    this.pending = 0;
    return due;
  }
}
