/**
 * What the SSH service writes to the audit log. The audit log service
 * (src/services/audit-log.ts) satisfies this; the SSH code needs only
 * `append`, so tests pass an array-backed fake.
 */
export interface SshAuditEntry {
  /** e.g. "ssh.hostkey.trusted", "ssh.hostkey.replaced", "ssh.transcript.opened". */
  action: string;
  /** "user@host[:port]" or "host:port". */
  target: string;
  detail?: Record<string, unknown>;
}

export interface AuditSink {
  append(entry: SshAuditEntry): Promise<unknown>;
}

export const noAudit: AuditSink = { append: async () => undefined };
