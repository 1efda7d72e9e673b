/**
 * The SEV1 alarm: a short two-tone beep repeated until someone acknowledges,
 * played with WebAudio in the page so it sounds the same in both hosts.
 *
 * Browsers keep an AudioContext suspended until the user has interacted with
 * the page (Chrome autoplay policy, https://developer.chrome.com/blog/autoplay);
 * `unlock()` is called on every click and key press, so the context exists
 * from the first one on, and a page that has had one may resume it later.
 *
 * The context runs only while the alarm rings. A running context renders
 * silence on an audio thread all the time: measured in Chromium during a
 * terminal flood, the page's two audio threads took 230 ms of CPU in 11 s.
 */

/** Time between beeps, ms: often enough to be heard across a room, not a continuous tone. */
export const ALARM_REPEAT_MS = 2_500;
/** Two tones, Hz, each this long, s: distinct from a chat notification's single chime. */
const TONES_HZ = [880, 660];
const TONE_S = 0.18;
/** Peak gain, 0..1: loud enough over a fan, not clipping. */
const PEAK_GAIN = 0.35;

type AudioContextCtor = new () => AudioContext;

export class SevOneAlarm {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly makeContext: (() => AudioContext) | null = defaultContext()) {}

  /** Whether it is ringing now. */
  get ringing(): boolean {
    return this.timer !== null;
  }

  /** After a user gesture: makes the context, running while the alarm rings and suspended otherwise. */
  unlock(): void {
    const ctx = this.ensureContext();
    if (!ctx) return;
    if (this.ringing) this.wake(ctx);
    else this.quiet();
  }

  set(ring: boolean): void {
    if (ring && this.timer === null) {
      this.timer = setInterval(() => this.beep(), ALARM_REPEAT_MS);
      this.beep();
    } else if (!ring && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
      this.quiet();
    }
  }

  dispose(): void {
    this.set(false);
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  /** Suspends a running context: nothing to play until the alarm rings again. */
  private quiet(): void {
    if (this.context?.state === 'running') void this.context.suspend().catch(() => {});
  }

  /** Resumes a suspended context, then beeps if the alarm still rings. */
  private wake(ctx: AudioContext): void {
    if (ctx.state !== 'suspended') return;
    ctx
      .resume()
      .then(() => {
        if (this.ringing) this.tones(ctx);
        else this.quiet();
      })
      .catch(() => {});
  }

  private ensureContext(): AudioContext | null {
    if (!this.context && this.makeContext) this.context = this.makeContext();
    return this.context;
  }

  private beep(): void {
    const ctx = this.ensureContext();
    if (!ctx) return;
    if (ctx.state === 'running') this.tones(ctx);
    else this.wake(ctx);
  }

  private tones(ctx: AudioContext): void {
    TONES_HZ.forEach((hz, n) => {
      const start = ctx.currentTime + n * TONE_S;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(PEAK_GAIN, start + 0.01);
      gain.gain.setValueAtTime(PEAK_GAIN, start + TONE_S - 0.02);
      gain.gain.linearRampToValueAtTime(0, start + TONE_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + TONE_S);
    });
  }
}

function defaultContext(): (() => AudioContext) | null {
  const Ctor = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext;
  return Ctor ? () => new Ctor() : null;
}
