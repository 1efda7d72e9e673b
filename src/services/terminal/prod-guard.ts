/**
 * The guard on production terminals: when Enter would submit a line that
 * stops, restarts or kills the trading service, deletes files or drops
 * database objects, the line is held and the cockpit asks for an explicit
 * confirmation first. Confirmed, the Enter goes through; declined, the line
 * is erased (see CLEAR_LINE) so a stray Enter later cannot submit it.
 *
 * A line that starts or restarts the trading service also carries the
 * restart rule at that moment (src/core/terminal/restart-rule.ts): when
 * approval is needed, the answer is the approver's name, recorded with the
 * line; when it is not (a SEV1 outage off-hours), the record says so.
 *
 * Keystrokes typed while the question is open wait behind it, in order.
 * What the guard can and cannot see is the LineTracker's business (see
 * src/core/terminal/line-tracker.ts): a recalled history line is not seen.
 */
import { classifyCommand } from '../../core/terminal/command-guard.js';
import { LineTracker } from '../../core/terminal/line-tracker.js';
import type { RestartRule } from '../../core/terminal/restart-rule.js';
import { noAudit, type AuditSink } from '../ssh/audit.js';
import type { TerminalSession } from './session.js';

export interface RiskyCommandQuestion {
  sessionId: string;
  /** The tab, e.g. "root@hft-prod-01". */
  title: string;
  line: string;
  reasons: string[];
  /** True when the line was edited in ways the guard cannot follow (history, completion). */
  uncertain: boolean;
  /** For a start or restart of the trading service: whether someone must have approved it, and why. */
  restart?: RestartRule;
}

/**
 * Shows the confirmation dialog. `true` sends the line; a name sends it as
 * approved by that person (the only yes when approval is needed); `false`
 * does not send it.
 */
export type ConfirmRiskyCommand = (question: RiskyCommandQuestion) => Promise<boolean | string>;

/** Without the incidents to look at, a restart needs approval: the safe side. */
export const RESTART_RULE_UNKNOWN: RestartRule = {
  approvalNeeded: true,
  why: 'Approval needed: the cockpit cannot see the incidents to tell whether a SEV1 outage is open.',
  duringAvoided: [],
};

/**
 * Ctrl-E then Ctrl-U: to the end of the line, then erase back to its start.
 * Readline (bash, psql) and a tty in cooked mode (where Ctrl-U is the KILL
 * character) both empty the line with it. Not Ctrl-C: that works through
 * SIGINT, and the tty flushes its input queue on it, so keystrokes typed
 * while the dialog was open could be lost or mangled.
 */
const CLEAR_LINE = '\x05\x15';

export function guardProdInput(
  session: TerminalSession,
  confirm: ConfirmRiskyCommand,
  audit: AuditSink = noAudit,
  restartRule: () => RestartRule = () => RESTART_RULE_UNKNOWN,
): TerminalSession {
  const tracker = new LineTracker();
  let queue: Promise<void> = Promise.resolve();

  const submit = async () => {
    const line = tracker.line;
    const verdict = classifyCommand(line);
    if (!verdict.risky) {
      tracker.feed('\r');
      session.write('\r');
      return;
    }
    const restart = verdict.restarts ? restartRule() : undefined;
    const question: RiskyCommandQuestion = {
      sessionId: session.id, title: session.title, line, reasons: verdict.reasons, uncertain: tracker.uncertain, ...(restart ? { restart } : {}),
    };
    let answer: boolean | string = false;
    try {
      answer = await confirm(question);
    } catch {
      // A dialog that failed is a "no": the safe side of a prod guard.
      answer = false;
    }
    const approvedBy = typeof answer === 'string' ? answer.trim() : '';
    // When approval is needed only a named approver sends the line; a bare yes does not.
    const confirmed = restart?.approvalNeeded ? approvedBy !== '' : answer === true || approvedBy !== '';
    const approval = restart
      ? { approval: restart.approvalNeeded ? (confirmed ? { approvedBy } : null) : { notNeeded: restart.why, incidentId: restart.incidentId } }
      : {};
    await audit
      .append({
        action: confirmed ? 'terminal.risky_command.confirmed' : 'terminal.risky_command.cancelled',
        target: session.title,
        detail: { line, reasons: verdict.reasons, ...approval },
      })
      .catch(() => undefined);
    tracker.feed(confirmed ? '\r' : CLEAR_LINE);
    session.write(confirmed ? '\r' : CLEAR_LINE);
  };

  const process = async (data: string) => {
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== '\r') continue;
      const before = data.slice(start, i);
      if (before) {
        tracker.feed(before);
        session.write(before);
      }
      await submit();
      start = i + 1;
    }
    const rest = data.slice(start);
    if (rest) {
      tracker.feed(rest);
      session.write(rest);
    }
  };

  return {
    get id() {
      return session.id;
    },
    get title() {
      return session.title;
    },
    get exit() {
      return session.exit;
    },
    write(data) {
      queue = queue.then(() => process(data));
    },
    resize: (cols, rows) => session.resize(cols, rows),
    attachViewer: (listener) => session.attachViewer(listener),
    onExit: (listener) => session.onExit(listener),
    ...(session.onReconnecting ? { onReconnecting: session.onReconnecting.bind(session) } : {}),
    kill: () => session.kill(),
    scrollback: () => session.scrollback(),
  };
}
