/**
 * An imported procedures document, cut into sections at its headings, so a
 * search can point at "Scenario 2: high latency" rather than at a 700-line
 * file. Three heading styles are recognised, the ones team documents are
 * written in:
 *
 * - a line underlined by a ruler of `=` or `-` (three or more), which covers
 *   the plain-text style "1. OVERVIEW" boxed between two `====` rulers and
 *   Markdown's setext headings alike; the ruler above a boxed heading is
 *   decoration and is dropped;
 * - Markdown ATX headings, `#` to `######`.
 *
 * Inside a fenced code block (```), nothing is a heading: shell comments
 * such as `# 1. Check the status` are commands, not titles.
 */

export interface DocSection {
  /** "s1", "s2", ... in document order; stable for one imported text. */
  id: string;
  title: string;
  /** 1 for top-level headings (`#`, `====`), 2 for `##` and `----`, and so on. */
  level: number;
  /** Titles of the enclosing sections, outermost first. */
  path: string[];
  /** The section's own lines up to the next heading, trimmed of blank edges. */
  text: string;
  /** 1-based line of the heading in the imported text (of the first line for the preamble). */
  line: number;
}

/** Longest line taken as a heading, characters: longer ones are prose that happens to sit above a ruler. */
export const MAX_HEADING_CHARS = 120;

const RULER = /^\s*(=|-)\1{2,}\s*$/;
const ATX = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

interface Heading {
  title: string;
  level: number;
  line: number;
}

/** Splits a text into sections; text before the first heading becomes a section titled `preambleTitle`. */
export function splitSections(text: string, preambleTitle: string): DocSection[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sections: DocSection[] = [];
  const stack: Heading[] = [];
  let current: Heading = { title: preambleTitle, level: 0, line: 1 };
  let body: string[] = [];
  let inFence = false;

  const flush = () => {
    const trimmed = trimBlankEdges(body);
    const isPreamble = current.level === 0;
    if (!isPreamble || trimmed.length > 0) {
      sections.push({
        id: `s${sections.length + 1}`,
        title: current.title,
        level: Math.max(1, current.level),
        path: stack.filter((h) => h !== current).map((h) => h.title),
        text: trimmed.join('\n'),
        line: current.line,
      });
    }
    body = [];
  };

  const startSection = (heading: Heading) => {
    flush();
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    stack.push(heading);
    current = heading;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      inFence = !inFence;
      body.push(line);
      continue;
    }
    if (inFence) {
      body.push(line);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      startSection({ title: atx[2]!, level: atx[1]!.length, line: i + 1 });
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && RULER.test(next) && isHeadingText(line)) {
      // The ruler that boxes the heading from above belongs to neither section.
      if (body.length > 0 && RULER.test(body[body.length - 1]!)) body.pop();
      startSection({ title: line.trim(), level: next.trim().startsWith('=') ? 1 : 2, line: i + 1 });
      i++;
      continue;
    }
    body.push(line);
  }
  flush();
  return sections;
}

function isHeadingText(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= MAX_HEADING_CHARS && !RULER.test(t);
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlankOrRuler(lines[start]!)) start++;
  while (end > start && isBlankOrRuler(lines[end - 1]!)) end--;
  return lines.slice(start, end).map((l) => l.replace(/\s+$/, ''));
}

const isBlankOrRuler = (line: string) => line.trim() === '' || RULER.test(line);
