/**
 * The Drill view: pick a scenario or a scripted drill, start it on the
 * simulator, work it as a real incident (its incidents say DRILL), then
 * finish it and read the report with its timings against the clocks.
 * Offered only where the watched API answers /sim/v1; elsewhere it says why.
 */
import { useEffect, useRef, useState } from 'react';
import type { DrillDefinition, DrillRecord } from '../../src/contract/drill.js';
import { clock } from '../../src/core/drill/drill.js';
import { ModalDialog } from '../view/ModalDialog.js';
import { localClockTime } from '../view/format.js';
import { drillCall, drillStore, useDrill } from './drill.js';
import './drill.css';

export function DrillDialog() {
  const open = useDrill((s) => s.open);
  return open ? <DrillView /> : null;
}

function DrillSteps({ drill }: { drill: DrillDefinition }) {
  return (
    <ol className="drill-steps muted" aria-label={`Steps of ${drill.label}`}>
      {drill.steps.map((s, n) => (
        <li key={n}>
          {clock(s.at_s)} {s.text}
        </li>
      ))}
    </ol>
  );
}

export function DrillReport({ report }: { report: DrillRecord }) {
  return (
    <section className="drill-report" aria-label={`Drill report: ${report.label}`}>
      <h3>
        Drill report: {report.label}
      </h3>
      <p className="muted">
        {localClockTime(report.startedAt)} → {localClockTime(report.endedAt)} · by {report.by} ·{' '}
        {report.severity ? `clocks of ${report.severity}` : 'no incident raised; clocks of SEV1'}
        {report.incidentIds.length > 0 ? ` · ${report.incidentIds.join(', ')}` : ''}
      </p>
      <ul className="drill-lines" aria-label="Timings">
        {report.lines.map((line) => (
          <li key={line.kind} className={line.met ? 'level-ok' : 'level-danger'}>
            <strong>{line.met ? 'met' : 'MISSED'}</strong> {line.text}
          </li>
        ))}
      </ul>
      {report.problems.length > 0 ? (
        <ul className="drill-problems" aria-label="Problems">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function DrillView() {
  const view = useDrill((s) => s.view);
  const error = useDrill((s) => s.error);
  const lastReport = useDrill((s) => s.lastReport);
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const close = () => drillStore.getState().setOpen(false);
  useEffect(() => heading.current?.focus(), []);

  const running = view?.running ?? null;
  const picked = choice ?? view?.drills[0]?.id ?? null;
  const start = async () => {
    if (!picked) return;
    setBusy(true);
    drillStore.getState().setReport(null);
    await drillCall('drill.start', { drillId: picked });
    setBusy(false);
  };
  const finish = async () => {
    setBusy(true);
    const report = await drillCall('drill.finish', {});
    if (report) drillStore.getState().setReport(report);
    setBusy(false);
  };
  const group = (kind: DrillDefinition['kind'], legend: string) => (
    <fieldset className="drill-group">
      <legend>{legend}</legend>
      {view!.drills.filter((d) => d.kind === kind).map((d) => (
        <div key={d.id} className="drill-choice">
          <label>
            <input type="radio" name="drill" value={d.id} checked={picked === d.id} onChange={() => setChoice(d.id)} disabled={!view!.available} />{' '}
            {d.label}
          </label>
          {kind === 'scripted' || picked === d.id ? <DrillSteps drill={d} /> : null}
        </div>
      ))}
    </fieldset>
  );

  return (
    <ModalDialog className="drill-dialog" labelledBy="drill-title" onClose={close}>
      <div className="drill-top">
        <h2 id="drill-title" tabIndex={-1} ref={heading}>
          Drill
        </h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      {view === null ? <p className="muted">Asking the watched API for its drill controls…</p> : null}
      {view && !view.available ? (
        <p role="alert" className="drill-unavailable">
          No drill here: {view.unavailableReason}
        </p>
      ) : null}
      {view?.available ? (
        <p className="muted">
          Staged on the simulator at <code>{view.target}</code> through /sim/v1. Work it as a real incident: its incidents say DRILL and are never sent to PagerDuty, Slack or the status page.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="action-error">
          {error}
        </p>
      ) : null}
      {running ? (
        <section role="status" aria-label="Drill running" className="drill-running">
          <strong>DRILL running: {running.label}</strong> · started {localClockTime(running.startedAt)} · {running.stepsSent} of {running.stepsTotal} steps sent
          {running.problems.map((p) => (
            <p key={p} className="action-error">
              {p}
            </p>
          ))}
          <div>
            <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
              Finish drill and see the report
            </button>
          </div>
        </section>
      ) : null}
      {view && !running ? (
        <form
          aria-label="Pick a drill"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {group('scenario', 'Scenarios')}
          {group('scripted', 'Scripted drills')}
          <button type="submit" className="primary" disabled={!view.available || busy || !picked}>
            Start drill
          </button>
        </form>
      ) : null}
      {lastReport ? <DrillReport report={lastReport} /> : null}
      {view && view.reports.length > 0 && !lastReport ? (
        <details className="drill-history">
          <summary>Earlier drill reports ({view.reports.length})</summary>
          {view.reports.slice(0, 5).map((r) => (
            <DrillReport key={r.startedAt} report={r} />
          ))}
        </details>
      ) : null}
    </ModalDialog>
  );
}
