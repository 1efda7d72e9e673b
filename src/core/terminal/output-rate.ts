/**
 * Whether a terminal is pouring out bulk output now, from the bytes
 * xterm.js parsed and when: the page then gives the terminal its thread
 * and holds the live view's routine updates back a little
 * (src/core/live-link/flood-hold.ts). Typing, a prompt, `ls` or a log
 * tail stay far below the threshold; a `cat` of a large file or a `yes`
 * passes it within a frame or two.
 */

/** Bytes parsed within FLOOD_SPAN_MS that make a flood: 256 KiB, a quarter of a second at 1 MB/s. */
export const FLOOD_BYTES = 256 * 1024;
/** How far back the parsed bytes count, ms. */
export const FLOOD_SPAN_MS = 500;

export class OutputRate {
  /** [when, bytes] of each parse, oldest first, none older than FLOOD_SPAN_MS before the latest. */
  private readonly parsed: [number, number][] = [];
  private bytes = 0;

  /** `bytes` of output parsed at `now` (monotonic ms). */
  record(bytes: number, now: number): void {
    if (!(bytes > 0)) return;
    this.parsed.push([now, bytes]);
    this.bytes += bytes;
    this.forget(now);
  }

  /** At least FLOOD_BYTES were parsed in the FLOOD_SPAN_MS up to `now`. */
  flooding(now: number): boolean {
    this.forget(now);
    return this.bytes >= FLOOD_BYTES;
  }

  private forget(now: number): void {
    while (this.parsed.length > 0 && this.parsed[0]![0] <= now - FLOOD_SPAN_MS) this.bytes -= this.parsed.shift()![1];
  }
}
