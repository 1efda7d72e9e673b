/**
 * The audit chain's head (the last record's seq and hash) as every export
 * carries it: a handoff, an incident timeline or a pre-shift report says
 * which history it was written from, so a log rewritten afterwards (even
 * re-hashed from the start) no longer matches the paper trail.
 */
export interface ChainHeadLine {
  seq: number;
  hash: string;
}

/** The footer appended to an exported Markdown file. */
export function chainHeadFooter(head: ChainHeadLine): string {
  return (
    `\n---\n\nAudit log head at export: record ${head.seq}, hash \`${head.hash}\`. ` +
    `Check the log against it with \`npm run audit:verify -- audit.log --head ${head.seq}:${head.hash}\`.\n`
  );
}

/** The head an exported file carries, or null (for checking an export against a log). */
export function chainHeadIn(text: string): ChainHeadLine | null {
  const m = /Audit log head at export: record (\d+), hash `([0-9a-f]{64})`/.exec(text);
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/** `text` with its footer: one blank line between, whatever the text ends with. */
export function withChainHead(text: string, head: ChainHeadLine): string {
  return `${text.replace(/\n*$/, '\n')}${chainHeadFooter(head)}`;
}
