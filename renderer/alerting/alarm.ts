/**
 * The SEV1 alarm: a short two-tone beep repeated until someone acknowledges,
 * played with WebAudio in the page so it sounds the same in both hosts.
 *
 * Browsers keep an AudioContext suspended until the user has interacted with
 * the page (Chrome autoplay policy, https://developer.chrome.com/blog/autoplay);
 * `unlock()` is called on the first click or key press to resume it.
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

  /** Resumes audio after a user gesture; harmless when already running. */
  unlock(): void {
    const ctx = this.ensureContext();
    if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => {});
  }

  set(ring: boolean): void {
    if (ring && this.timer === null) {
      this.beep();
      this.timer = setInterval(() => this.beep(), ALARM_REPEAT_MS);
    } else if (!ring && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  dispose(): void {
    this.set(false);
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private ensureContext(): AudioContext | null {
    if (!this.context && this.makeContext) this.context = this.makeContext();
    return this.context;
  }

  private beep(): void {
    const ctx = this.ensureContext();
    if (!ctx || ctx.state !== 'running') return;
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
