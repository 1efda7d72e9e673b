/**
 * Text with the matched words marked, built from plain-text pieces: an
 * imported document is never rendered as HTML, so it cannot inject markup.
 */
import { matchRanges, type SnippetPiece } from '../../src/core/docs/snippet.js';

export function SnippetText({ pieces }: { pieces: SnippetPiece[] }) {
  return (
    <>
      {pieces.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

/** A whole section's text with every occurrence of the terms marked. */
export function MarkedText({ text, terms }: { text: string; terms: string[] }) {
  const ranges = matchRanges(text, terms);
  const pieces: SnippetPiece[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start > at) pieces.push({ text: text.slice(at, r.start), match: false });
    pieces.push({ text: text.slice(r.start, r.end), match: true });
    at = r.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return <SnippetText pieces={pieces} />;
}
