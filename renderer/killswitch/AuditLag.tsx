/**
 * The audit log's part in a halt or a stop: the request never waits for
 * it, so a record that failed or is not on disk yet is said here, beside
 * the outcome, in the host's own words.
 */
export function AuditLag({ problem }: { problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p role="alert" className="audit-lag">
      Sent without waiting for the audit log. {problem}
    </p>
  );
}
