/**
 * Keeps multi-byte UTF-8 characters whole across chunk boundaries. A PTY or
 * an SSH channel hands over bytes in arbitrary slices; decoding each slice on
 * its own turns a character cut in two into two U+FFFD marks. The splitter
 * holds back an incomplete trailing sequence (at most 3 bytes) and prepends it
 * to the next chunk (the idea of Tabby's UTF8Splitter).
 */

/** How many bytes a sequence starting with `lead` has; 0 for a continuation or invalid byte. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

export class Utf8Splitter {
  private held: Uint8Array = new Uint8Array(0);

  /** Returns the bytes that end on a character boundary; holds back the rest. */
  push(chunk: Uint8Array): Uint8Array {
    const data = this.held.length === 0 ? chunk : concat(this.held, chunk);
    const cut = completeLength(data);
    this.held = data.slice(cut);
    return cut === data.length ? data : data.subarray(0, cut);
  }

  /** Whatever is held back; call at end of stream so nothing is silently dropped. */
  flush(): Uint8Array {
    const rest = this.held;
    this.held = new Uint8Array(0);
    return rest;
  }

  /** Bytes held back right now (0 to 3). */
  get pending(): number {
    return this.held.length;
  }
}

/**
 * Length of the prefix of `data` that does not end inside a multi-byte
 * sequence. Only the last 3 bytes can belong to an unfinished one; invalid
 * bytes are let through for the decoder to replace, never held forever.
 */
export function completeLength(data: Uint8Array): number {
  const end = data.length;
  for (let back = 1; back <= Math.min(3, end); back++) {
    const byte = data[end - back]!;
    if (isContinuation(byte)) continue;
    const need = sequenceLength(byte);
    return need > back ? end - back : end;
  }
  return end;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
