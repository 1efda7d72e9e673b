/**
 * One string for whatever a library threw, keeping the details the
 * explanations key on: Node's error codes, PostgreSQL's SQLSTATE, the
 * `cause` fetch hides the socket error in, and the inner errors of an
 * AggregateError (Node's happy-eyeballs connect throws one with an empty
 * message when every address refuses).
 */
export function describeError(error: unknown, depth = 0): string {
  if (depth > 3) return '';
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const head = typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  const parts = [head.trim()];
  if (error instanceof AggregateError) {
    for (const inner of error.errors) parts.push(describeError(inner, depth + 1));
  }
  if (error.cause !== undefined) parts.push(describeError(error.cause, depth + 1));
  return [...new Set(parts.filter((p) => p !== ''))].join('\n');
}
