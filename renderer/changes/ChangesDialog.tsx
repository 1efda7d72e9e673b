/**
 * The Changes view: a form for a change record (ticket, kind, risk, test
 * and rollback plans, approvals by name, communication, planned window),
 * the window checked as it is typed against the playbook's preferred window
 * and the periods to avoid, each warning saying why; and the list, with
 * what each record still lacks, an emergency change's "ticket within 24 h"
 * clock and its post-incident review.
 */
import { useId, useMemo, useState } from 'react';
import type { ChangeRecord } from '../../src/core/change/record.js';
import { changeGaps, emergencyChangeClocks } from '../../src/core/change/record.js';
import { checkChangeWindow, DEFAULT_CHANGE_POLICY } from '../../src/core/change/window.js';
import { formatLocalDateTime } from '../../src/core/shift/zoned-time.js';
import { callReporting } from '../host/call-reporting.js';
import { getHost } from '../host/index.js';
import { useShift } from '../checks/preshift.js';
import { useCockpit } from '../view/cockpit-context.js';
import { formatDuration } from '../view/format.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { ToolDialog } from '../view/ToolDialog.js';
import { changeDraftFrom, EMPTY_CHANGE_FORM, localInputToInstant, parseApprovals, type ChangeFormFields } from './change-form.js';
import { changesStore, useChanges } from './changes.js';
import './changes.css';

const call = callReporting(getHost, (message) => changesStore.getState().setError(message));

export function ChangesDialog() {
  const open = useChanges((s) => s.open);
  if (!open) return null;
  return <ChangesDialogOpen />;
}

function ChangesDialogOpen() {
  const error = useChanges((s) => s.error);
  const close = () => changesStore.getState().setOpen(false);
  return (
    <ToolDialog name="changes" title="Changes" onClose={close} focusHeading error={error}>
      <div className="changes-body">
        <ChangeForm />
        <ChangeList />
      </div>
    </ToolDialog>
  );
}

function useZone(): string {
  return useShift((s) => s.view?.timeZone ?? null) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function ChangeForm() {
  const [fields, setFields] = useState<ChangeFormFields>(EMPTY_CHANGE_FORM);
  const [told, setTold] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const zone = useZone();
  const policy = useCockpit((s) => s.playbook?.changeWindows ?? DEFAULT_CHANGE_POLICY);
  const set = <K extends keyof ChangeFormFields>(key: K, value: ChangeFormFields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const start = localInputToInstant(fields.start, zone);
  const end = localInputToInstant(fields.end, zone);
  const check = useMemo(
    () => (start !== null && end !== null ? checkChangeWindow({ start, end }, policy, { emergency: fields.kind === 'emergency', displayZone: zone }) : null),
    [start, end, policy, fields.kind, zone],
  );
  const gaps = changeGaps({
    id: 'draft', ticket: fields.ticket, kind: fields.kind, summary: fields.summary || 'draft', risk: fields.risk, testPlan: fields.testPlan,
    rollbackPlan: fields.rollbackPlan, approvals: parseApprovals(fields.approvals).map((a) => ({ ...a, at: 0 })), communicated: fields.communicated,
    window: { start: 0, end: 1 }, recordedAt: 0, documentedAt: null, reviewedAt: null,
  });

  const submit = async () => {
    setTold(null);
    const made = changeDraftFrom(fields, zone);
    if ('error' in made) return setProblem(made.error);
    if (check && !check.ok) return setProblem(`The window is not valid: ${check.error}.`);
    setProblem(null);
    const change = await call('changes.record', made.draft);
    if (change) {
      setFields(EMPTY_CHANGE_FORM);
      setTold(`Recorded ${change.id}${change.ticket ? ` (${change.ticket})` : ''}`);
    }
  };

  return (
    <form className="change-form" aria-label="New change record" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h3>New change record</h3>
      <div className="change-row">
        <Field label="Ticket">
          {(id) => <input id={id} value={fields.ticket} onChange={(e) => set('ticket', e.target.value)} placeholder="CHG-1042" />}
        </Field>
        <Field label="Kind">
          {(id) => (
            <select id={id} value={fields.kind} onChange={(e) => set('kind', e.target.value as ChangeFormFields['kind'])}>
              <option value="standard">standard (pre-approved)</option>
              <option value="normal">normal (approved, tested)</option>
              <option value="emergency">emergency (verbal approval)</option>
            </select>
          )}
        </Field>
        <Field label="Risk">
          {(id) => (
            <select id={id} value={fields.risk} onChange={(e) => set('risk', e.target.value as ChangeFormFields['risk'])}>
              <option value="low">low</option>
              <option value="medium">medium</option>
              <option value="high">high</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Summary">{(id) => <input id={id} value={fields.summary} onChange={(e) => set('summary', e.target.value)} />}</Field>
      <Field label="Test plan">{(id) => <textarea id={id} rows={2} value={fields.testPlan} onChange={(e) => set('testPlan', e.target.value)} />}</Field>
      <Field label="Rollback plan">{(id) => <textarea id={id} rows={2} value={fields.rollbackPlan} onChange={(e) => set('rollbackPlan', e.target.value)} />}</Field>
      <Field label={'Approvals (one name a line; add "(verbal)" for a verbal one)'}>
        {(id) => <textarea id={id} rows={2} value={fields.approvals} onChange={(e) => set('approvals', e.target.value)} />}
      </Field>
      <label className="change-check">
        <input type="checkbox" checked={fields.communicated} onChange={(e) => set('communicated', e.target.checked)} /> Communication done (desk and
        stakeholders told)
      </label>
      <div className="change-row">
        <Field label={`Window start (${zone})`}>
          {(id) => <input id={id} type="datetime-local" value={fields.start} onChange={(e) => set('start', e.target.value)} />}
        </Field>
        <Field label={`Window end (${zone})`}>
          {(id) => <input id={id} type="datetime-local" value={fields.end} onChange={(e) => set('end', e.target.value)} />}
        </Field>
      </div>
      <section aria-label="Window check" className="change-warnings">
        {check === null ? <p className="muted">Give the window to check it against the preferred window and the periods to avoid.</p> : null}
        {check && !check.ok ? <p className="bad">{check.error}</p> : null}
        {check && check.ok && check.warnings.length === 0 ? <p className="ok">Inside the preferred change window, clear of the periods to avoid.</p> : null}
        {check && check.ok ? check.warnings.map((w) => <p key={w.text} className="warn">{w.text}</p>) : null}
        {gaps.length > 0 ? <p className="warn">Still missing before it may start: {gaps.join(', ')}.</p> : null}
      </section>
      {problem ? <p role="alert" className="bad">{problem}</p> : null}
      <div className="change-actions">
        <button type="submit" className="primary">Record change</button>
        {told ? <span role="status" className="muted">{told}</span> : null}
      </div>
    </form>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="change-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function ChangeList() {
  const changes = useChanges((s) => s.changes);
  const zone = useZone();
  const now = useWallClock();
  return (
    <section aria-label="Change records" className="change-list">
      <h3>Change records</h3>
      {changes === null ? <p className="muted">Loading…</p> : null}
      {changes && changes.length === 0 ? <p className="muted">No change recorded yet.</p> : null}
      <ul>
        {(changes ?? []).map((c) => (
          <ChangeItem key={c.id} change={c} zone={zone} now={now} />
        ))}
      </ul>
    </section>
  );
}

function ChangeItem({ change, zone, now }: { change: ChangeRecord; zone: string; now: number }) {
  const policy = useCockpit((s) => s.playbook?.changeWindows ?? DEFAULT_CHANGE_POLICY);
  const [ticket, setTicket] = useState('');
  const state = change.window.start <= now && now < change.window.end ? 'IN FLIGHT' : change.window.end <= now ? 'done' : 'planned';
  const gaps = changeGaps(change);
  const check = checkChangeWindow(change.window, policy, { emergency: change.kind === 'emergency', displayZone: zone });
  const clocks = emergencyChangeClocks(change, now);
  const mark = (what: 'documented' | 'reviewed') =>
    void call('changes.mark', { changeId: change.id, mark: what, ...(what === 'documented' && ticket.trim() ? { ticket: ticket.trim() } : {}) });
  const ticketId = useId();

  return (
    <li className={`change-item change-${state === 'IN FLIGHT' ? 'in-flight' : state}`} aria-label={`${change.id} ${change.ticket || 'no ticket'}`}>
      <p className="change-head">
        <strong>{state}</strong> {change.id} · {change.ticket || 'no ticket yet'} · {change.kind} · {change.risk} risk
      </p>
      <p>{change.summary}</p>
      <p className="muted">
        {formatLocalDateTime(change.window.start, zone)} to {formatLocalDateTime(change.window.end, zone)} ({zone}) · approved by{' '}
        {change.approvals.length === 0 ? 'nobody yet' : change.approvals.map((a) => `${a.name}${a.verbal ? ' (verbal)' : ''}`).join(', ')} ·{' '}
        {change.communicated ? 'communicated' : 'NOT communicated'}
      </p>
      {gaps.length > 0 ? <p className="warn">Missing: {gaps.join(', ')}.</p> : null}
      {check.ok ? check.warnings.map((w) => <p key={w.text} className="warn">{w.text}</p>) : null}
      {clocks.map((k) => (
        <div key={k.label} className="change-clock">
          {k.dueAt === null ? (
            <span>{k.label}: open</span>
          ) : (
            <span className={k.breached ? 'bad' : undefined}>
              {k.label}: {k.breached ? `OVERDUE since ${formatLocalDateTime(k.dueAt, zone)}` : `due ${formatLocalDateTime(k.dueAt, zone)}, in ${formatDuration(k.msLeft ?? 0)}`}
            </span>
          )}
          {k.dueAt !== null ? (
            <>
              {change.ticket.trim() === '' ? (
                <>
                  <label htmlFor={ticketId}>Ticket</label>
                  <input id={ticketId} value={ticket} onChange={(e) => setTicket(e.target.value)} placeholder="CHG-…" />
                </>
              ) : null}
              <button type="button" onClick={() => mark('documented')}>Written up in the ticket</button>
            </>
          ) : (
            <button type="button" onClick={() => mark('reviewed')}>Review held</button>
          )}
        </div>
      ))}
    </li>
  );
}
