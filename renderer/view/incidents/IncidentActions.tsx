/**
 * What the engineer can do to one incident, each in at most two clicks or
 * one key: Acknowledge, Engage, Mitigate (one click); Log status update,
 * Escalate, Resolve, Note, Gather, Flag (a click opens a small form, a second one sends it);
 * severity from a menu.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { Incident, IncidentAction } from '../../../src/contract/incidents.js';
import { SEVERITIES, type Severity } from '../../../src/core/playbook/schema.js';
import type { IncidentForm } from '../../store/incidents-slice.js';
import { useCockpit } from '../cockpit-context.js';
import { SHORTCUT_KEYS } from './shortcuts.js';
import { EscalateForm, FlagForm, NoteForm, ResolveForm, StatusUpdateForm } from './IncidentForms.js';
import { GatherForm } from './GatherForm.js';
import { useIncidentAct } from './use-incident-act.js';

export function IncidentActions({ incident }: { incident: Incident }) {
  const { act, busy, error, question, dismissQuestion } = useIncidentAct(incident.id);
  const form = useCockpit((s) => (s.incidentForm?.incidentId === incident.id ? s.incidentForm.form : null));
  const setForm = useCockpit((s) => s.setIncidentForm);
  const resolved = incident.phase === 'resolved';
  const open = (f: IncidentForm) => setForm(form === f ? null : { incidentId: incident.id, form: f });
  const toolbar = useRef<HTMLDivElement>(null);
  // Sent, cancelled or Escape: the form's fields go, and focus goes back to the
  // button that opens it (not to nowhere), so the incident keys work again at once.
  const refocus = useRef<string | null>(null);
  const close = () => {
    refocus.current = form ? SHORTCUT_KEYS[form] : null;
    setForm(null);
  };
  // Once the form is gone and the buttons are enabled again (after a send);
  // never taken from wherever the engineer has put the focus meanwhile.
  useEffect(() => {
    const key = refocus.current;
    if (form !== null || busy || key === null) return;
    refocus.current = null;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    toolbar.current?.querySelector<HTMLButtonElement>(`button[aria-keyshortcuts="${key}"]`)?.focus();
  }, [form, busy]);
  const closeForm = useCockpit((s) => s.closeIncidentForm);
  // The answer closes the form it was sent from, not one opened since.
  const send = async (action: IncidentAction) => {
    const sentFrom = form;
    if (!(await act(action)) || sentFrom === null) return;
    refocus.current = SHORTCUT_KEYS[sentFrom];
    if (!closeForm(incident.id, sentFrom)) refocus.current = null;
  };
  const escapeCloses = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !form) return;
    e.preventDefault();
    close();
  };

  const button = (name: string, key: string | null, disabled: boolean, onClick: () => void, doneText?: string) => (
    <button
      type="button"
      onClick={onClick}
      disabled={busy || resolved || disabled}
      aria-keyshortcuts={key ?? undefined}
      title={doneText ?? (key ? `Shortcut: ${key.toUpperCase()}` : undefined)}
    >
      {name}
      {key ? <kbd aria-hidden="true">{key.toUpperCase()}</kbd> : null}
    </button>
  );

  return (
    <div className="incident-actions" onKeyDown={escapeCloses}>
      <div ref={toolbar} role="toolbar" aria-label={`Actions on ${incident.id}`} className="action-bar">
        {button('Acknowledge', SHORTCUT_KEYS.acknowledge, incident.acknowledged !== null, () => void act({ type: 'acknowledge' }),
          incident.acknowledged ? `Acknowledged by ${incident.acknowledged.by}` : undefined)}
        {button('Engage', SHORTCUT_KEYS.engage, incident.engaged !== null, () => void act({ type: 'engage' }),
          incident.engaged ? `Engaged by ${incident.engaged.by}` : undefined)}
        {button('Log status update', SHORTCUT_KEYS.status_update, false, () => open('status_update'))}
        {button('Escalate', SHORTCUT_KEYS.escalate, incident.escalationLevel >= 3, () => open('escalate'))}
        {button('Mitigate', SHORTCUT_KEYS.mitigate, incident.mitigated !== null, () => void act({ type: 'mitigate' }))}
        {button('Resolve', SHORTCUT_KEYS.resolve, false, () => open('resolve'))}
        {button('Note', SHORTCUT_KEYS.note, false, () => open('note'))}
        {button('Gather logs and metrics', SHORTCUT_KEYS.gather, false, () => open('gather'))}
        {button('Flag security/regulatory', SHORTCUT_KEYS.flag, !!(incident.flags.security && incident.flags.regulatory), () => open('flag'))}
        <SeverityMenu incident={incident} disabled={busy || resolved} onChange={(severity) => void act({ type: 'change_severity', severity })} />
      </div>
      {error ? <p role="alert" className="action-error">Not done: {error}</p> : null}
      {form === 'status_update' ? <StatusUpdateForm incident={incident} busy={busy} onSend={send} onCancel={close} /> : null}
      {form === 'escalate' ? <EscalateForm incident={incident} busy={busy} onSend={send} onCancel={close} /> : null}
      {form === 'resolve' ? <ResolveForm incident={incident} busy={busy} onSend={send} onCancel={close} question={question} onAnswered={dismissQuestion} /> : null}
      {form === 'note' ? <NoteForm incident={incident} busy={busy} onSend={send} onCancel={close} /> : null}
      {form === 'gather' ? <GatherForm incident={incident} onDone={() => closeForm(incident.id, 'gather')} onCancel={close} /> : null}
      {form === 'flag' ? <FlagForm incident={incident} busy={busy} onSend={send} onCancel={close} /> : null}
    </div>
  );
}

function SeverityMenu({ incident, disabled, onChange }: { incident: Incident; disabled: boolean; onChange: (s: Severity) => void }) {
  const id = useId();
  return (
    <span className="severity-menu">
      <label htmlFor={id}>Severity</label>
      <select id={id} value={incident.severity} disabled={disabled} onChange={(e) => onChange(e.target.value as Severity)}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </span>
  );
}
