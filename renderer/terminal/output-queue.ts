/**
 * Output waiting for xterm.js while it parses the previous write. Live
 * output from the browser host is UTF-8 bytes; replayed scrollback and the
 * Electron host's output are text. Consecutive chunks of one kind go in as
 * one write; xterm.js keeps a character split across two byte writes whole.
 */
export type TerminalOutput = string | Uint8Array;

/**
 * Removes the leading run of chunks of one kind from `waiting`, up to
 * `maxLength` in all (code units or bytes; the first chunk whatever its
 * length), and returns it joined.
 */
export function takeNextWrite(waiting: TerminalOutput[], maxLength = Infinity): TerminalOutput | null {
  const first = waiting[0];
  if (first === undefined) return null;
  const isText = typeof first === 'string';
  let count = 1;
  let length = first.length;
  while (count < waiting.length && (typeof waiting[count] === 'string') === isText && length + waiting[count]!.length <= maxLength) {
    length += waiting[count]!.length;
    count++;
  }
  const run = waiting.splice(0, count);
  if (count === 1) return first;
  if (isText) return (run as string[]).join('');
  const bytes = run as Uint8Array[];
  const joined = new Uint8Array(bytes.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of bytes) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}
