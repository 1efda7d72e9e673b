/**
 * The few lines of a section a search result shows, with the words that
 * matched marked. The result is a list of plain-text pieces, never HTML:
 * the renderer wraps the marked pieces in <mark>, so an imported document
 * can never inject markup.
 */

export interface SnippetPiece {
  text: string;
  match: boolean;
}

/** Characters of context shown around the first match: about two lines of a result list. */
export const SNIPPET_CHARS = 180;

/**
 * `terms` are the indexed words that matched (lower case, as the search
 * index tokenises); each is marked where a word of the text starts with it.
 */
export function buildSnippet(text: string, terms: readonly string[], maxChars = SNIPPET_CHARS): SnippetPiece[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = matchRanges(flat, terms);
  const first = ranges[0];
  let start = 0;
  if (first && first.start > maxChars / 3) start = wordStartAfter(flat, first.start - Math.floor(maxChars / 3));
  let end = Math.min(flat.length, start + maxChars);
  if (end < flat.length) end = wordEndBefore(flat, end, start);

  const pieces: SnippetPiece[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece) pieces.push({ text: piece, match });
  };
  if (start > 0) push('… ', false);
  let at = start;
  for (const r of ranges) {
    if (r.end <= at || r.start >= end) continue;
    const from = Math.max(r.start, at);
    const to = Math.min(r.end, end);
    push(flat.slice(at, from), false);
    push(flat.slice(from, to), true);
    at = to;
  }
  push(flat.slice(at, end), false);
  if (end < flat.length) push(' …', false);
  return mergeNeighbours(pieces);
}

interface Range {
  start: number;
  end: number;
}

/** Where the terms occur at word starts, longest term first at a position, ranges not overlapping. */
export function matchRanges(text: string, terms: readonly string[]): Range[] {
  const wanted = [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [];
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  let i = 0;
  while (i < lower.length) {
    if (isWordChar(lower[i]!) && (i === 0 || !isWordChar(lower[i - 1]!))) {
      const term = wanted.find((t) => lower.startsWith(t, i));
      if (term) {
        ranges.push({ start: i, end: i + term.length });
        i += term.length;
        continue;
      }
    }
    i++;
  }
  return ranges;
}

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

function wordStartAfter(text: string, from: number): number {
  const space = text.indexOf(' ', from);
  return space === -1 ? from : space + 1;
}

function wordEndBefore(text: string, to: number, floor: number): number {
  const space = text.lastIndexOf(' ', to);
  return space > floor ? space : to;
}

function mergeNeighbours(pieces: SnippetPiece[]): SnippetPiece[] {
  const merged: SnippetPiece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.match === p.match) last.text += p.text;
    else merged.push({ ...p });
  }
  return merged;
}
