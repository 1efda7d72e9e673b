/**
 * Start-up: rebuild the incident desk from disk. The snapshot (if it reads)
 * is the starting point, the audit records after it are replayed on top;
 * without a usable snapshot the whole log is replayed. The audit chain is
 * checked first and a break is reported, never passed over: the state is
 * still rebuilt from what can be read, and the problem is shown in the
 * incident view until someone looks at the log.
 *
 * The playbook in force is the one the log says was last imported; a valid
 * `playbook.json` that differs from it (edited while the cockpit was closed,
 * or written just before a crash cut off its record) is recorded as an
 * import now, so the log stays the whole story.
 */
import { initialAlertState } from '../../core/alerts/index.js';
import { initialIncidentsState } from '../../core/incidents/index.js';
import { DEFAULT_PLAYBOOK, exportPlaybook } from '../../core/playbook/index.js';
import type { AuditLog } from '../audit-log.js';
import { playbookEntry, replay, type JournalState } from './journal.js';
import { PLAYBOOK_FILE, readPlaybookFile } from './playbook-file.js';
import { readSnapshot, removeLeftoverTemps, SNAPSHOT_FILE } from './snapshot-file.js';

export interface Recovered {
  state: JournalState;
  /** Shown to the engineer while it holds: the audit chain does not verify. */
  auditProblem: string | null;
  problems: string[];
}

export async function recoverIncidents({
  dataDir,
  audit,
  operator,
  now,
  log,
}: {
  dataDir: string;
  audit: AuditLog;
  operator: string;
  now: number;
  log: (line: string) => void;
}): Promise<Recovered> {
  const problems: string[] = [];
  const report = (line: string) => {
    problems.push(line);
    log(`incidents: ${line}`);
  };

  // Each is shown in the incident view until someone looks at the log.
  const auditProblems: string[] = [];
  const auditReport = (line: string) => {
    auditProblems.push(line);
    report(line);
  };
  const integrity = audit.opened.integrity;
  if (!integrity.ok) {
    auditReport(
      `The audit log ${audit.path} is damaged at line ${integrity.line}${integrity.seq === null ? '' : ` (seq ${integrity.seq})`}: ${integrity.reason}. Incidents were rebuilt from the records that could be read.`,
    );
  }
  const torn = audit.opened.torn;
  if (torn) {
    auditReport(
      `The end of the audit log could not be read (${torn.bytes} bytes, cut short by a crash or damaged); it is kept unchanged in ${torn.path}, and recording goes on after the last good record.`,
    );
  }

  await removeLeftoverTemps(dataDir, [SNAPSHOT_FILE, PLAYBOOK_FILE]);
  const file = await readPlaybookFile(dataDir);
  if (file.kind === 'invalid') report(`${PLAYBOOK_FILE} is not a valid playbook (${file.reason}); the last good one stays in force`);

  const snapshot = await readSnapshot(dataDir);
  if (snapshot.kind === 'unreadable') report(`${SNAPSHOT_FILE} could not be read (${snapshot.reason}); replaying the whole audit log`);
  const base: JournalState =
    snapshot.kind === 'ok'
      ? { ...snapshot.snapshot, announced: new Set(snapshot.snapshot.announced) }
      : {
          incidents: initialIncidentsState(),
          alerts: initialAlertState(),
          announced: new Set(),
          playbook: file.kind === 'ok' ? file.playbook : DEFAULT_PLAYBOOK,
          auditSeq: 0,
        };

  const records = await audit.read({ afterSeq: base.auditSeq });
  if (records.length === 0 && base.auditSeq > 0) {
    // A log that ends before the snapshot was cut short or replaced. Keep the
    // snapshot's incidents, but count from the log's real end: records
    // appended from now on must not hide behind the snapshot's number.
    const logEnd = (await audit.read()).at(-1)?.seq ?? 0;
    if (logEnd < base.auditSeq) {
      const missing = logEnd + 1 === base.auditSeq ? `record ${base.auditSeq} missing` : `records ${logEnd + 1}-${base.auditSeq} missing`;
      auditReport(
        `The audit log ${audit.path} ends at record ${logEnd} but ${SNAPSHOT_FILE} includes record ${base.auditSeq}: ${missing}. The log was cut short, emptied or replaced; the incidents are the snapshot's.`,
      );
      base.auditSeq = logEnd;
    }
  }
  const replayed = replay(base, records);
  for (const problem of replayed.problems) report(problem);
  let state = replayed.state;

  if (file.kind === 'ok' && exportPlaybook(file.playbook) !== exportPlaybook(state.playbook)) {
    const record = await audit.append(playbookEntry(file.playbook, now, operator));
    state = { ...state, playbook: file.playbook, auditSeq: record.seq };
    log(`incidents: ${PLAYBOOK_FILE} differs from the playbook last recorded; it is in force now (audit seq ${record.seq})`);
  }
  return { state, auditProblem: auditProblems.length > 0 ? auditProblems.join(' ') : null, problems };
}
