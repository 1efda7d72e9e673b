/**
 * What the engineer can do to one incident, each in at most two clicks or
 * one key: Acknowledge, Engage, Mitigate (one click); Log status update,
 * Escalate, Resolve (a click opens a small form, a second one sends it);
 * severity from a menu.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Incident, IncidentAction } from '../../../src/contract/incidents.js';
import { SEVERITIES, type Severity } from '../../../src/core/playbook/schema.js';
import type { IncidentForm } from '../../store/incidents-slice.js';
import { useCockpit } from '../cockpit-context.js';
import { SHORTCUT_KEYS } from './shortcuts.js';
import { statusUpdateDraft } from './status-draft.js';
import { useIncidentAct } from './use-incident-act.js';
import { EscalationCallScript } from '../../handoff/EscalationCallScript.js';

export function IncidentActions({ incident }: { incident: Incident }) {
  const { act, busy, error } = useIncidentAct(incident.id);
  const form = useCockpit((s) => (s.incidentForm?.incidentId === incident.id ? s.incidentForm.form : null));
  const setForm = useCockpit((s) => s.setIncidentForm);
  const resolved = incident.phase === 'resolved';
  const open = (f: IncidentForm) => setForm(form === f ? null : { incidentId: incident.id, form: f });
  const send = async (action: IncidentAction) => {
    if (await act(action)) setForm(null);
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
    <div className="incident-actions">
      <div role="toolbar" aria-label={`Actions on ${incident.id}`} className="action-bar">
        {button('Acknowledge', SHORTCUT_KEYS.acknowledge, incident.acknowledged !== null, () => void act({ type: 'acknowledge' }),
          incident.acknowledged ? `Acknowledged by ${incident.acknowledged.by}` : undefined)}
        {button('Engage', SHORTCUT_KEYS.engage, incident.engaged !== null, () => void act({ type: 'engage' }),
          incident.engaged ? `Engaged by ${incident.engaged.by}` : undefined)}
        {button('Log status update', SHORTCUT_KEYS.status_update, false, () => open('status_update'))}
        {button('Escalate', SHORTCUT_KEYS.escalate, incident.escalationLevel >= 3, () => open('escalate'))}
        {button('Mitigate', SHORTCUT_KEYS.mitigate, incident.mitigated !== null, () => void act({ type: 'mitigate' }))}
        {button('Resolve', SHORTCUT_KEYS.resolve, false, () => open('resolve'))}
        <SeverityMenu incident={incident} disabled={busy || resolved} onChange={(severity) => void act({ type: 'change_severity', severity })} />
      </div>
      {error ? <p role="alert" className="action-error">Not done: {error}</p> : null}
      {form === 'status_update' ? <StatusUpdateForm incident={incident} busy={busy} onSend={send} onCancel={() => setForm(null)} /> : null}
      {form === 'escalate' ? <EscalateForm incident={incident} busy={busy} onSend={send} onCancel={() => setForm(null)} /> : null}
      {form === 'resolve' ? <ResolveForm incident={incident} busy={busy} onSend={send} onCancel={() => setForm(null)} /> : null}
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

interface FormProps {
  incident: Incident;
  busy: boolean;
  onSend: (action: IncidentAction) => Promise<void>;
  onCancel: () => void;
}

function StatusUpdateForm({ incident, busy, onSend, onCancel }: FormProps) {
  const playbook = useCockpit((s) => s.playbook);
  const [text, setText] = useState(() => statusUpdateDraft(incident, playbook, Date.now()));
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void onSend({ type: 'status_update', text: text.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Status update for ${incident.id}`}>
      <label htmlFor={id}>Status update (time, affected and not, what was done, next update)</label>
      <textarea id={id} rows={6} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <div className="form-buttons">
        <button type="submit" disabled={busy || !text.trim()}>Post status update</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function EscalateForm({ incident, busy, onSend, onCancel }: FormProps) {
  const playbook = useCockpit((s) => s.playbook);
  const [note, setNote] = useState('');
  const id = useId();
  const levels = ([2, 3] as const).filter((l) => l > incident.escalationLevel || !incident.done[l === 2 ? 'escalate_l2' : 'escalate_l3']);
  const name = (l: 2 | 3) => playbook?.escalation.levels.find((x) => x.level === l)?.name ?? `Level ${l}`;
  const contacts = (l: 2 | 3) => {
    const ids = playbook?.escalation.levels.find((x) => x.level === l)?.contacts ?? [];
    return ids.map((c) => playbook?.contacts.find((x) => x.id === c)).filter((c) => c !== undefined);
  };
  return (
    <form className="action-form" onSubmit={(e) => e.preventDefault()} aria-label={`Escalate ${incident.id}`}>
      <label htmlFor={id}>What was tried (optional)</label>
      <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="form-buttons">
        {levels.map((l) => (
          <button key={l} type="button" disabled={busy} onClick={() => void onSend({ type: 'escalate', level: l, ...(note.trim() ? { note: note.trim() } : {}) })}>
            Escalate to Level {l}: {name(l)}
          </button>
        ))}
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
      <div className="contacts">
        {levels.flatMap((l) =>
          contacts(l).map((c) => (
            <p key={`${l}-${c.id}`}>
              L{l} {c.name}: {c.phone ? <strong>{c.phone}</strong> : null} {c.email ?? ''}
            </p>
          )),
        )}
      </div>
      {levels[0] !== undefined ? <EscalationCallScript incident={incident} level={levels[0]} note={note} /> : null}
    </form>
  );
}

function ResolveForm({ incident, busy, onSend, onCancel }: FormProps) {
  const [note, setNote] = useState(() => (incident.conditionClearedAt !== null ? 'The alert condition cleared. ' : ''));
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) void onSend({ type: 'resolve', note: note.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Resolve ${incident.id}`}>
      <label htmlFor={id}>Resolution note (what fixed it)</label>
      <textarea id={id} rows={3} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
      <div className="form-buttons">
        <button type="submit" disabled={busy || !note.trim()}>Confirm resolve</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
