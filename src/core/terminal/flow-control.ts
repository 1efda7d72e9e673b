/**
 * Flow control between a terminal's producer (a PTY or an SSH channel) and
 * its consumer (xterm.js in the renderer), counted in UTF-8 bytes: the browser
 * host sends output as bytes and the page acknowledges the bytes xterm.js
 * parsed (text it received is counted as its UTF-8 length). The limits below
 * keep their `_CHARS` names and were measured on ASCII output (`yes`, `cat`
 * of base64), where a byte is a character.
 *
 * It follows the xterm.js flow-control guide
 * (https://xtermjs.org/docs/guides/flowcontrol/): the consumer acknowledges
 * what xterm.js has parsed, the producer pauses while too much is
 * unacknowledged. xterm.js 6 throws once more than 50 MB wait in its write
 * queue, so a flood must be held back at the producer, not buffered on the way.
 *
 * Unlike VS Code's fixed FlowControlConstants (pause above 100,000, resume
 * below 5,000), the window here is sized in time: how long output waits
 * between leaving the host and being parsed (the "lag", measured from each
 * acknowledgement). A keystroke's echo queues behind everything in flight,
 * so the lag is what the engineer feels while typing during a flood, and
 * the right number of characters in flight depends on what they are:
 * measured in Chromium, xterm.js parses base64 text at ~50 MB/s but
 * `yes` output (a line feed every third character) at ~7 MB/s. A fixed
 * 100,000 is too small for the first (the pipe empties on every ack round
 * trip) and too large for the second (15 ms of parsing ahead of every echo).
 *
 * Input comes first: while the engineer types, the window shrinks to a few
 * milliseconds of output, and each keystroke lets the producer read what the
 * pty already holds at once, since the echo can only come after it.
 */

/**
 * Largest window, characters: the bench ceiling's best pipe (a bare
 * node-pty → WebSocket → xterm.js, 1 MiB messages) keeps 8 MB in flight,
 * still far below xterm.js's 50 MB limit. In the browser host the output
 * has a socket of its own (src/host/browser/terminal-stream.ts), so what is
 * in flight here is ahead of nothing but the terminal itself: a staged
 * exchange disconnect reached the panel during a `yes` flood as fast as
 * when quiet. While the engineer types, the typing window applies instead.
 */
export const HIGH_WATERMARK_CHARS = 8_000_000;
/** Smallest window, characters: ~5 ms of `yes` output for xterm.js, and still a few 64 KiB batches' worth. */
export const MIN_WINDOW_CHARS = 48_000;
/** Window a fresh consumer starts with, characters (VS Code's high watermark). */
export const INITIAL_WINDOW_CHARS = 100_000;
/**
 * Queueing delay the window aims for, ms: how much longer output takes from
 * the host to xterm.js's parser than it does with nothing queued (the "base
 * lag", the round trip's own latency). Enough queue that the renderer never
 * waits for output between two round trips, on a busy machine too: measured
 * in the terminal bench (100 MB `cat` in Chromium, 2 shared cores at a load
 * average of 4 to 8), the `cat` carried 48-71% of the same run's ceiling
 * with 16 ms (and a 1 MB cap; p50 54%), 51-74% with 64 ms (p50 64%) and
 * 55-92% with 250 ms (p50 91%).
 * The price is the first keystroke (or Ctrl+C) into a flood, whose echo
 * comes after what is already in flight: up to about this long plus the
 * base lag (270-440 ms measured for `yes` at that load, against 30-50 ms
 * with 16 ms). From that keystroke on, the typing window below applies.
 */
export const TARGET_QUEUE_MS = 250;
/**
 * The base lag is the smallest lag seen over this long, ms. Long, because a
 * flood keeps a queue standing: the base must come from quieter moments
 * (typing, a prompt) or a standing queue would pass for the base. When the
 * machine gets slower for good, the base follows within this time.
 */
export const BASE_LAG_HISTORY_MS = 60_000;
/**
 * Window while the engineer types, characters: 3 to 8 ms of `yes` output
 * for xterm.js in the cockpit (1.6 to 3.5 MB/s measured), so a keystroke's
 * echo queues behind little; still above two acknowledgement steps, so the
 * producer resumes between acks. Measured in the bench with a 16 ms target:
 * echo p50 46-56 ms without it, 25-27 ms with it.
 */
export const TYPING_WINDOW_CHARS = 12_000;
/**
 * What a keystroke lets the producer read past the window, characters. The
 * echo comes after what the pty already holds: in a `yes` flood through
 * node-pty, 24,500 to 28,700 characters were read after the keystroke
 * reached the pty and before its echo (6 to 7 reads of 4,095, measured on
 * Linux). Reading that much at once saves a round trip to the renderer
 * per window on the echo's way; the rest is margin.
 */
export const TYPING_CREDIT_CHARS = 40_000;
/** How long after the last keystroke the typing window holds, ms: longer than the pause between two keys. */
export const TYPING_HOLD_MS = 1_000;
/** The consumer acknowledges in steps of this many characters (VS Code's CharCountAckSize). */
export const CHAR_COUNT_ACK_SIZE = 5_000;
/** Most the window may grow or shrink over one window's worth of acknowledgements (a factor). */
const MAX_STEP = 2;
/** Lag samples the queueing delay is the minimum of (filters a single late delivery). */
const RECENT_SAMPLES = 3;
/** The base-lag history is kept as the minimum of each of this many time slices. */
const BASE_BUCKETS = 12;

export type FlowAction = 'pause' | 'resume' | null;

export interface FlowLimits {
  minWindow: number;
  maxWindow: number;
  initialWindow: number;
  targetQueueMs: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  minWindow: MIN_WINDOW_CHARS,
  maxWindow: HIGH_WATERMARK_CHARS,
  initialWindow: INITIAL_WINDOW_CHARS,
  targetQueueMs: TARGET_QUEUE_MS,
};

/**
 * The producer side: counts what went out and when, and says when to pause
 * (more unacknowledged than the window) or resume (below half the window, so
 * the pipe never drains empty between a resume and the next read).
 * Times are monotonic milliseconds, passed in.
 */
export class FlowControl {
  private sentTotal = 0;
  private ackedTotal = 0;
  private paused = false;
  private currentWindow: number;
  private lastLag: number | null = null;
  private readonly recent: number[] = [];
  /** [time slice, smallest lag in it], oldest first. */
  private readonly baseBuckets: [number, number][] = [];
  /** [sentTotal after a send, when it was sent], oldest first, for the lag of each ack. */
  private readonly marks: [number, number][] = [];
  private readonly limits: FlowLimits;
  /** Monotonic ms until which input was recent; -Infinity before any. */
  private typingUntil = -Infinity;
  private lastNow = -Infinity;
  /** sentTotal up to which the latest keystroke lets the producer read whatever the window. */
  private creditUntil = 0;
  /**
   * The latest keystroke's echo is within the output up to here: until the
   * consumer has acknowledged this far, the engineer still waits on it.
   */
  private echoBy = 0;

  constructor(limits: Partial<FlowLimits> = {}) {
    this.limits = { ...DEFAULT_FLOW_LIMITS, ...limits };
    const { minWindow, maxWindow, initialWindow, targetQueueMs } = this.limits;
    if (!(minWindow > 0 && minWindow <= initialWindow && initialWindow <= maxWindow)) {
      throw new Error(`window limits must satisfy 0 < min ${minWindow} <= initial ${initialWindow} <= max ${maxWindow}`);
    }
    if (!(targetQueueMs > 0)) throw new Error(`target queueing delay must be positive, got ${targetQueueMs}`);
    this.currentWindow = initialWindow;
  }

  /** Characters handed to the consumer and not acknowledged yet. */
  get unacknowledged(): number {
    return this.sentTotal - this.ackedTotal;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The current window, characters: the typing window while the engineer types. */
  get window(): number {
    return this.isTyping ? Math.min(this.currentWindow, TYPING_WINDOW_CHARS) : this.currentWindow;
  }

  /** The lag measured by the latest acknowledgement, ms; null before the first. */
  get lag(): number | null {
    return this.lastLag;
  }

  /**
   * Input reached the producer within the last TYPING_HOLD_MS (as of the
   * latest time passed in), or its echo is not parsed yet: behind a flood's
   * window the echo can take longer than the hold, and the window must not
   * open to the flood again before the engineer has seen it.
   */
  get isTyping(): boolean {
    return this.lastNow < this.typingUntil || this.echoPending;
  }

  /**
   * Output sent up to the latest keystroke's credit is not all parsed: its
   * echo may be in it. Over once the consumer has parsed up to the credit
   * or everything sent, whichever comes first.
   */
  private get echoPending(): boolean {
    return this.echoBy > 0 && this.ackedTotal < Math.min(this.echoBy, this.sentTotal);
  }

  /**
   * Input was written to the producer at `now`: for TYPING_HOLD_MS the
   * window shrinks to TYPING_WINDOW_CHARS, so little output queues ahead of
   * the next echo, and the producer may read TYPING_CREDIT_CHARS more at
   * once (resuming if paused), so this echo does not wait behind a pause.
   */
  typed(now: number): FlowAction {
    this.lastNow = Math.max(this.lastNow, now);
    this.typingUntil = now + TYPING_HOLD_MS;
    this.creditUntil = this.sentTotal + TYPING_CREDIT_CHARS;
    this.echoBy = this.creditUntil;
    if (this.paused) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }

  /**
   * The input just typed ended a line (Enter): what follows is the
   * command's output rather than echo the engineer waits on, so the flood
   * window applies again at once. The keystroke's credit stays.
   */
  lineSubmitted(): void {
    this.typingUntil = -Infinity;
    this.echoBy = 0;
  }

  /** Records `chars` sent at `now`; answers 'pause' the moment the window is exceeded. */
  sent(chars: number, now: number): FlowAction {
    if (!(chars > 0)) return null;
    this.lastNow = Math.max(this.lastNow, now);
    this.sentTotal += chars;
    const last = this.marks[this.marks.length - 1];
    // Sends within the same millisecond share a mark, so a burst of small reads stays one entry.
    if (last && now - last[1] < 1) last[0] = this.sentTotal;
    else this.marks.push([this.sentTotal, now]);
    if (!this.paused && this.unacknowledged > this.window && this.sentTotal >= this.creditUntil) {
      this.paused = true;
      return 'pause';
    }
    return null;
  }

  /** Records `chars` acknowledged at `now`, adapts the window to the lag, answers 'resume' once below half of it. */
  acknowledged(chars: number, now: number): FlowAction {
    if (!(chars > 0)) return null;
    this.lastNow = Math.max(this.lastNow, now);
    // A consumer that acknowledges more than it was sent (a replayed ack after
    // a renderer reload) must not drive the count negative and pre-pay a flood.
    const acked = Math.min(chars, this.unacknowledged);
    const echoPending = this.echoPending;
    this.ackedTotal += acked;
    // The echo is parsed now: the hold runs from here, for the next key.
    if (echoPending && !this.echoPending) {
      this.typingUntil = Math.max(this.typingUntil, now + TYPING_HOLD_MS);
      this.echoBy = 0;
    }
    // The lag runs from when the character the ack ends on was sent.
    let sentAt: number | null = null;
    while (this.marks.length > 0 && this.marks[0]![0] <= this.ackedTotal) {
      const [end, at] = this.marks.shift()!;
      if (end === this.ackedTotal) sentAt = at;
    }
    if (sentAt === null && this.marks.length > 0) sentAt = this.marks[0]![1];
    if (sentAt !== null && acked > 0) this.adapt(acked, Math.max(0, now - sentAt), now);
    if (this.paused && this.unacknowledged < this.window / 2) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }

  /** Forgets everything in flight: a new consumer attached and starts from zero. */
  reset(): FlowAction {
    this.ackedTotal = this.sentTotal;
    this.marks.length = 0;
    this.currentWindow = this.limits.initialWindow;
    this.creditUntil = this.sentTotal;
    this.echoBy = 0;
    this.lastLag = null;
    this.recent.length = 0;
    this.baseBuckets.length = 0;
    if (this.paused) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }

  /**
   * Multiplies the window by target/queueing delay (bounded to halving or
   * doubling), spread over one window's worth of acknowledgements: the more
   * an ack covers, the more of the correction it applies. The queueing
   * delay is the lag above the base lag, taken as the smallest of the last
   * few samples so one late frame in the browser does not shrink the window.
   */
  private adapt(acked: number, lag: number, now: number): void {
    this.lastLag = lag;
    this.recent.push(lag);
    if (this.recent.length > RECENT_SAMPLES) this.recent.shift();
    const bucket = Math.floor(now / (BASE_LAG_HISTORY_MS / BASE_BUCKETS));
    const newest = this.baseBuckets[this.baseBuckets.length - 1];
    if (newest && newest[0] === bucket) newest[1] = Math.min(newest[1], lag);
    else this.baseBuckets.push([bucket, lag]);
    while (this.baseBuckets.length > 0 && this.baseBuckets[0]![0] <= bucket - BASE_BUCKETS) this.baseBuckets.shift();
    const base = Math.min(...this.baseBuckets.map(([, min]) => min));
    const queueing = Math.max(0, Math.min(...this.recent) - base);
    const { minWindow, maxWindow, targetQueueMs } = this.limits;
    const ratio = Math.min(MAX_STEP, Math.max(1 / MAX_STEP, targetQueueMs / Math.max(queueing, 0.001)));
    const share = Math.min(1, acked / this.currentWindow);
    const next = this.currentWindow * Math.pow(ratio, share);
    // While typing, the small window keeps the lag low by construction: it says nothing of the window a flood wants.
    if (!this.isTyping) this.currentWindow = Math.round(Math.min(maxWindow, Math.max(minWindow, next)));
  }

  /** The queueing delay the window reacts to, ms: recent lag above the base lag; null before the first ack. */
  get queueing(): number | null {
    if (this.recent.length === 0) return null;
    return Math.max(0, Math.min(...this.recent) - Math.min(...this.baseBuckets.map(([, min]) => min)));
  }
}

/**
 * The consumer side: add what the terminal has rendered, get back how much
 * to acknowledge, in whole steps of `step` so acks stay few during a flood,
 * and all of it once the terminal has nothing left to parse: an echo or a
 * prompt is then acknowledged as it lands, which gives the producer the lag
 * of a quiet moment (its base lag) instead of only a flood's.
 */
export class AckCounter {
  private pending = 0;
  /** Bytes still to be rendered that were never counted by the host (a replay). */
  private replayed = 0;

  constructor(private readonly step = CHAR_COUNT_ACK_SIZE) {}

  /**
   * The next `chars` rendered are a replay of the host's scrollback, written
   * before any live output: the host never counted them against the
   * window, so acknowledging them would release live output nobody has
   * rendered yet.
   */
  replaying(chars: number): void {
    this.replayed += Math.max(0, chars);
  }

  /**
   * Characters rendered; returns the number to acknowledge now: 0 or a
   * multiple of step, or everything pending when `idle` (nothing else waits
   * to be parsed). A replay announced with `replaying` is rendered first
   * and never acknowledged.
   */
  rendered(chars: number, idle = false): number {
    const replay = Math.min(this.replayed, chars);
    this.replayed -= replay;
    this.pending += chars - replay;
    if (idle) return this.flush();
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
