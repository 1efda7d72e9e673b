/**
 * Parsing a book's answer (positions, strategies) without parsing again the
 * rows whose text did not change.
 *
 * At 10,000 positions with 10% moving, JSON.parse of the whole 2 MB answer
 * was the largest cost of a poll, and the 9,000 objects it built for rows
 * that had not moved were garbage at once (reuse-rows.ts keeps the held
 * ones). Here the answer's text is walked row by row: a row whose text is
 * byte for byte the text of the held row at its place (or one place either
 * side, for a row added or removed before it) parses into what that row
 * did, so it is not parsed at all; the held parsed row takes its place.
 *
 * Nothing is taken on trust from the walk. What JSON.parse is given is the
 * answer itself with each such row's text replaced by `0`: a complete JSON
 * value replaced by another, so that text is valid JSON exactly when the
 * answer is, and parses to the same value but for those elements. The walk
 * reads the answer's outer object, its keys and the row list's separators
 * itself, and gives up (null: parse the answer whole) on anything it does
 * not expect, so a `0` it puts in can only stand where a row stood. Any
 * answer that is not JSON fails in the caller's whole JSON.parse, with the
 * very error text it always had.
 */
import type { RowsSpec } from '../../core/live-link/rows.js';

/** The held answer's rows: each row's exact text and what it parsed into, index for index. */
export interface HeldText {
  readonly slices: readonly string[];
  readonly raw: readonly unknown[];
}

export interface TextRows {
  /** The answer parsed; held rows stand in for the rows whose text did not change. */
  json: unknown;
  /** Each row's exact text in this answer, index for index with its rows. */
  slices: string[];
  /** How many rows were taken over from the held answer. */
  reused: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string that opens at `i` (a quote), or -1 if it does not close. */
function stringEnd(text: string, i: number): number {
  let from = i + 1;
  for (;;) {
    // indexOf runs far faster than a loop over the characters.
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    // The quote closes the string unless an odd number of backslashes escapes it.
    let b = q - 1;
    while (b > i && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/**
 * Index just past the value that starts at `i`, or -1. Objects and arrays end
 * where their brackets balance (strings skipped); anything else where a
 * separator or space comes. It only finds the end: whether the value is
 * valid JSON is JSON.parse's to say.
 */
function valueEnd(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return stringEnd(text, i);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === QUOTE) {
        j = stringEnd(text, j);
        if (j < 0) return -1;
        j--;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c) || c === QUOTE || c === OPEN_BRACE || c === OPEN_BRACKET) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * Parses a book's answer, taking over the held rows whose text is unchanged.
 * Null when the answer is not an object with one `spec.list` array of
 * objects laid out as the walk expects, or is not JSON: the caller then
 * parses it whole, as any other answer.
 */
export function parseRowsText(text: string, spec: RowsSpec, held: HeldText | null): TextRows | null {
  const slices: string[] = [];
  /** The text handed to JSON.parse, in pieces: the answer's own text between rows taken over, and a `0` for each. */
  const pieces: string[] = [];
  /** Where each row comes from in `held`, index for index with `slices`; -1 for a row parsed here. */
  const from: number[] = [];
  let copiedTo = 0;
  let listSeen = false;

  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return null;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    // A key spelt with escapes is not compared: it might be the list's, so give up.
    const key = text.slice(i + 1, keyEnd - 1);
    if (key.includes('\\')) return null;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return null;
    i = skipSpace(text, i + 1);
    if (key === spec.list) {
      // Twice the list's key: JSON.parse keeps the last, the walk would read the first.
      if (listSeen || text.charCodeAt(i) !== OPEN_BRACKET) return null;
      listSeen = true;
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === CLOSE_BRACKET) i++;
      else {
        /** Index in `held` expected for the next row, and the last one taken over (each is taken once). */
        let at = 0;
        let last = -1;
        for (;;) {
          if (text.charCodeAt(i) !== OPEN_BRACE) return null;
          let end = -1;
          let slice = '';
          let same = -1;
          if (held !== null && at < held.slices.length) {
            const before = held.slices[at]!;
            slice = text.slice(i, i + before.length);
            if (slice === before) {
              same = at;
              end = i + before.length;
            }
          }
          if (same < 0) {
            end = valueEnd(text, i);
            if (end < 0) return null;
            slice = text.slice(i, end);
            // A row added or removed before this one shifts the rest by one.
            if (held !== null) {
              if (held.slices[at + 1] === slice) same = at + 1;
              else if (at - 1 > last && held.slices[at - 1] === slice) same = at - 1;
            }
          }
          slices.push(slice);
          if (same >= 0) {
            pieces.push(text.slice(copiedTo, i), '0');
            copiedTo = end;
            last = same;
            at = same + 1;
          } else at++;
          from.push(same);
          i = skipSpace(text, end);
          const c = text.charCodeAt(i);
          if (c === CLOSE_BRACKET) {
            i++;
            break;
          }
          if (c !== COMMA) return null;
          i = skipSpace(text, i + 1);
        }
      }
    } else {
      const end = valueEnd(text, i);
      if (end < 0) return null;
      i = end;
    }
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === CLOSE_BRACE) break;
    if (c !== COMMA) return null;
    i = skipSpace(text, i + 1);
  }
  if (!listSeen || skipSpace(text, i + 1) !== text.length) return null;

  pieces.push(text.slice(copiedTo));
  let json: unknown;
  try {
    json = JSON.parse(pieces.length === 1 ? text : pieces.join(''));
  } catch {
    return null;
  }
  // What the walk read must be what JSON.parse read; it is, but a mismatch costs only the whole parse.
  const rows = (json as Record<string, unknown>)[spec.list];
  if (!Array.isArray(rows) || rows.length !== slices.length) return null;
  let reused = 0;
  for (let r = 0; r < rows.length; r++) {
    const source = from[r]!;
    if (source < 0) {
      if (typeof rows[r] !== 'object' || rows[r] === null || rows[r] === 0) return null;
    } else {
      if (!Object.is(rows[r], 0)) return null;
      rows[r] = held!.raw[source];
      reused++;
    }
  }
  return { json, slices, reused };
}
