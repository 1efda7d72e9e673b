/**
 * The pre-shift check: every check with live progress, run all or one,
 * tick the manual items, export the report as Markdown. A dialog over the
 * cockpit, opened from the header (button or Alt+P), closed with Escape.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { summarise } from '../../src/core/checks/summary.js';
import { pendingEntry } from '../../src/core/checks/model.js';
import { downloadFile } from '../view/incidents/download.js';
import { ModalDialog } from '../view/ModalDialog.js';
import { runInProgress } from './check-words.js';
import { CheckRow } from './CheckRow.js';
import { callOrShow } from './host-call.js';
import { PasswordPrompt } from './PasswordPrompt.js';
import { checksStore, useChecks, useShift } from './preshift.js';
import './checks.css';

export function PreShiftWizard() {
  const open = useChecks((s) => s.wizardOpen);
  if (!open) return null;
  return <WizardDialog />;
}

function WizardDialog() {
  const report = useChecks((s) => s.report);
  const plan = useChecks((s) => s.plan);
  const asks = useChecks(useShallow((s) => s.asks));
  const error = useChecks((s) => s.error);
  const timeZone = useShift((s) => s.view?.timeZone ?? null);
  const heading = useRef<HTMLHeadingElement>(null);
  const close = useCallback(() => checksStore.getState().setWizardOpen(false), []);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const busy = report !== null && runInProgress(report.checks, report.finishedAt);
  const runAll = useCallback(() => void callOrShow('checks.run', {}), []);
  // The demo has nothing to type in and nothing to wait for: opening the check runs it, once, when no report exists yet.
  const autoRan = useRef(false);
  const demo = plan?.demo === true;
  useEffect(() => {
    if (!demo || report !== null || autoRan.current) return;
    autoRan.current = true;
    runAll();
  }, [demo, report, runAll]);
  const rerun = useCallback((id: string) => void callOrShow('checks.run', { ids: [id] }), []);
  const tick = useCallback(async (id: string, done: boolean) => (await callOrShow('checks.manual', { id, done })) !== null, []);
  const exportReport = async () => {
    const file = await callOrShow('checks.export', {});
    if (file) downloadFile(file);
  };

  const rows = report?.checks ?? plan?.checks.map(pendingEntry) ?? [];
  const summary = report ? summarise(report, timeZone ?? 'UTC') : null;

  return (
    <ModalDialog className="preshift-dialog" labelledBy="preshift-title" onClose={close}>
      <div className="preshift-top">
        <h2 id="preshift-title" tabIndex={-1} ref={heading}>
          Pre-shift check
        </h2>
        <p role="status" aria-label="Check progress" className="muted">
          {summary ? summary.text : 'Not run yet for this shift'}
          {report ? ` · by ${report.engineer}` : ''}
        </p>
        <button type="button" className="preshift-close" onClick={close}>
          Close
        </button>
      </div>
      <div className="preshift-actions">
        <button type="button" className="primary" onClick={runAll} disabled={busy}>
          Run all checks
        </button>
        <button type="button" onClick={() => void exportReport()} disabled={!report}>
          Export report
        </button>
        {plan && plan.hosts.length === 0 && !plan.demo ? (
          <span className="muted">No production host profiles: add them under Terminals → Hosts to check SSH and sudo.</span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="action-error">
          {error}
        </p>
      ) : null}
      {asks.map((ask) => (
        <PasswordPrompt key={ask.askId} ask={ask} />
      ))}
      <ul className="check-list" aria-label="Checks">
        {rows.map((entry) => (
          <CheckRow key={entry.id} entry={entry} busy={busy} rerun={rerun} tick={tick} />
        ))}
      </ul>
    </ModalDialog>
  );
}
