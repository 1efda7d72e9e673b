/**
 * Terminal output as one binary WebSocket frame (layout in
 * src/contract/bridge.ts): the browser host sends each `terminal.data`
 * chunk this way, so the page neither parses JSON nor decodes UTF-8 before
 * xterm.js, which takes the bytes as they are.
 */
export const TERMINAL_DATA_FRAME = 1;
/** Frame type (1 byte) and session-id length (2 bytes, big-endian). */
const HEADER_BYTES = 3;

const encoder = new TextEncoder();

/**
 * The frame is sized by the output's UTF-8 length: `utf8Bytes` when the
 * caller knows it already, counted here otherwise.
 */
export function encodeTerminalDataFrame(sessionId: string, data: string, utf8Bytes = utf8ByteLength(data)): Uint8Array {
  const id = encoder.encode(sessionId);
  const frame = new Uint8Array(HEADER_BYTES + id.length + utf8Bytes);
  frame[0] = TERMINAL_DATA_FRAME;
  frame[1] = id.length >>> 8;
  frame[2] = id.length & 0xff;
  frame.set(id, HEADER_BYTES);
  const start = HEADER_BYTES + id.length;
  const { read, written } = encoder.encodeInto(data, frame.subarray(start));
  if (read < data.length) throw new Error(`terminal output is more than the ${utf8Bytes} UTF-8 bytes it was said to be`);
  return frame.subarray(0, start + written);
}

export interface TerminalDataFrame {
  sessionId: string;
  /** The output's UTF-8 bytes, a view into the frame. */
  data: Uint8Array;
}

/** The frame's session and output, or null for anything that is not a well-formed terminal-data frame. */
export function decodeTerminalDataFrame(frame: Uint8Array): TerminalDataFrame | null {
  if (frame.length < HEADER_BYTES || frame[0] !== TERMINAL_DATA_FRAME) return null;
  const idLength = (frame[1]! << 8) | frame[2]!;
  if (idLength === 0 || HEADER_BYTES + idLength > frame.length) return null;
  const sessionId = new TextDecoder('utf-8', { fatal: false }).decode(frame.subarray(HEADER_BYTES, HEADER_BYTES + idLength));
  return { sessionId, data: frame.subarray(HEADER_BYTES + idLength) };
}

/** UTF-8 length of text, bytes: the unit terminal flow control counts in, whichever way the output travelled. */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
