/**
 * The host's copy of a terminal's recent output, capped in characters, so a
 * renderer that reloads (or a tab re-attached after reconnect) can replay the
 * screen instead of starting blank. xterm.js keeps its own scrollback in
 * lines; this cap is in characters because that is what the host counts.
 */

/** About 10,000 lines of 100 columns; the setting may change it. */
export const DEFAULT_SCROLLBACK_CHARS = 1_000_000;

export class ScrollbackBuffer {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly maxChars = DEFAULT_SCROLLBACK_CHARS) {
    if (!(maxChars > 0)) throw new Error(`scrollback cap must be positive, got ${maxChars}`);
  }

  append(chunk: string): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxChars && this.chunks.length > 0) {
      const excess = this.size - this.maxChars;
      const first = this.chunks[0]!;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        // Do not cut a surrogate pair in half.
        let cut = excess;
        const code = first.charCodeAt(cut);
        if (code >= 0xdc00 && code <= 0xdfff) cut++;
        this.chunks[0] = first.slice(cut);
        this.size -= cut;
      }
    }
  }

  /** Everything kept, oldest first. */
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  get length(): number {
    return this.size;
  }
}
