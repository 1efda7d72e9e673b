/**
 * A short account of why an answer failed the contract: the first bad field
 * by its path, e.g. `positions[3].quantity: expected number, received string`.
 * The whole zod report for 10,000 rows would be unreadable in a status line.
 */
import type { z } from 'zod';

export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'failed validation';
  const where = formatPath(issue.path);
  const what = issue.message.replace(/^Invalid input: /, '');
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${where || '(root)'}: ${what}${more}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
