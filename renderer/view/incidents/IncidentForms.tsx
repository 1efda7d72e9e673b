/**
 * The forms an action opens on the selected incident: a status update, a
 * note, an escalation call, a flag, the resolution. Each says what it
 * records; none sends anything the engineer has not seen.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Incident, IncidentAction } from '../../../src/contract/incidents.js';
import { escalationCallScript } from '../../../src/core/escalation/call-script.js';
import { telHref } from '../../../src/core/escalation/directory.js';
import { useShift } from '../../checks/preshift.js';
import { copyText } from '../../handoff/copy-text.js';
import { useCockpit } from '../cockpit-context.js';
import { localClockTime } from '../format.js';
import { conditionNow } from './condition-now.js';
import { statusUpdateDraft } from './status-draft.js';
import { UpdateDraft, type DraftValue } from './UpdateDraft.js';

export interface FormProps {
  incident: Incident;
  busy: boolean;
  onSend: (action: IncidentAction) => Promise<void>;
  onCancel: () => void;
}

function Buttons({ busy, ready, send, onCancel }: { busy: boolean; ready: boolean; send: string; onCancel: () => void }) {
  return (
    <div className="form-buttons">
      <button type="submit" disabled={busy || !ready}>{send}</button>
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}

export function StatusUpdateForm({ incident, busy, onSend, onCancel }: FormProps) {
  const playbook = useCockpit((s) => s.playbook);
  const [draft, setDraft] = useState<DraftValue>(() => ({ text: statusUpdateDraft(incident, playbook, Date.now()), channels: [] }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.text.trim()) void onSend({ type: 'status_update', text: draft.text.trim(), channels: draft.channels });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Status update for ${incident.id}`}>
      <UpdateDraft incident={incident} value={draft} onChange={setDraft} label="Status update (time, affected and not, what was done, next update)" autoFocus />
      <Buttons busy={busy} ready={draft.text.trim() !== ''} send="Post status update" onCancel={onCancel} />
    </form>
  );
}

/** What was tried, seen or decided: on the timeline for the handoff and the report; stakeholders are not told, so the update clock stays. */
export function NoteForm({ incident, busy, onSend, onCancel }: FormProps) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void onSend({ type: 'note', text: text.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Note on ${incident.id}`}>
      <label htmlFor={id}>Note: what was tried, seen or decided (not sent to anyone; the update clock keeps running)</label>
      <textarea id={id} rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <Buttons busy={busy} ready={text.trim() !== ''} send="Add note" onCancel={onCancel} />
    </form>
  );
}

export function FlagForm({ incident, busy, onSend, onCancel }: FormProps) {
  const [flag, setFlag] = useState<'security' | 'regulatory'>(incident.flags.security ? 'regulatory' : 'security');
  const [detail, setDetail] = useState('');
  const ids = { flag: useId(), detail: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (detail.trim()) void onSend({ type: 'flag', flag, detail: detail.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Flag ${incident.id}`}>
      <label htmlFor={ids.flag}>Mark as</label>
      <select id={ids.flag} value={flag} onChange={(e) => setFlag(e.target.value as 'security' | 'regulatory')}>
        <option value="security" disabled={!!incident.flags.security}>Security incident: call the security team now</option>
        <option value="regulatory" disabled={!!incident.flags.regulatory}>Regulatory issue: call legal/compliance now</option>
      </select>
      <label htmlFor={ids.detail}>What was seen</label>
      <input id={ids.detail} value={detail} onChange={(e) => setDetail(e.target.value)} autoFocus />
      <Buttons busy={busy} ready={detail.trim() !== ''} send="Mark it" onCancel={onCancel} />
    </form>
  );
}

export function EscalateForm({ incident, busy, onSend, onCancel }: FormProps) {
  const playbook = useCockpit((s) => s.playbook);
  const endpoints = useCockpit((s) => s.endpoints);
  const caller = useCockpit((s) => s.operator ?? '');
  const pollMs = useCockpit((s) => s.pollMs);
  const timeZone = useShift((s) => s.view?.timeZone ?? 'UTC');
  const levels = ([2, 3] as const).filter((l) => l > incident.escalationLevel || !incident.done[l === 2 ? 'escalate_l2' : 'escalate_l3']);
  const [level, setLevel] = useState<2 | 3>(levels[0] ?? 3);
  const [summary, setSummary] = useState(() => {
    if (!playbook) return '';
    const now = Date.now();
    const live = conditionNow(incident, endpoints, playbook, now, localClockTime, pollMs);
    return escalationCallScript({ incident, level, playbook, caller, now, timeZone, ...(live ? { note: `Now: ${live.text}` } : {}) });
  });
  const ids = { level: useId(), summary: useId() };
  const entry = playbook?.escalation.levels.find((x) => x.level === level);
  const contacts = (entry?.contacts ?? []).map((c) => playbook?.contacts.find((x) => x.id === c)).filter((c) => c !== undefined);
  const record = (contactId: string | null) =>
    void onSend({ type: 'escalate', level, ...(contactId ? { contactId } : {}), ...(summary.trim() ? { summary: summary.trim() } : {}) });
  return (
    <form className="action-form" onSubmit={(e) => e.preventDefault()} aria-label={`Escalate ${incident.id}`}>
      <label htmlFor={ids.level}>Level</label>
      <select id={ids.level} value={level} onChange={(e) => setLevel(Number(e.target.value) as 2 | 3)} autoFocus>
        {levels.map((l) => (
          <option key={l} value={l}>Level {l}: {playbook?.escalation.levels.find((x) => x.level === l)?.name ?? ''}</option>
        ))}
      </select>
      <p className="muted">Call, do not only email. Then record whom you reached:</p>
      <ul className="escalate-contacts" aria-label={`Level ${level} contacts`}>
        {contacts.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> {c.phone ? <a href={telHref(c.phone)}>{c.phone}</a> : null} {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}{' '}
            <button type="button" className="small" disabled={busy} onClick={() => record(c.id)}>
              Called {c.name}
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={ids.summary}>Summary given (from the timeline, the runbook and the live figures)</label>
      <textarea id={ids.summary} rows={8} value={summary} onChange={(e) => setSummary(e.target.value)} />
      <div className="form-buttons">
        <button type="button" onClick={() => void copyText(summary)}>Copy summary</button>
        <button type="button" disabled={busy} onClick={() => record(null)}>Escalate to Level {level} (someone else called)</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/**
 * The resolution note and final update, then, when the host says the
 * condition still holds, its question with both answers; either answer goes
 * on the timeline. "Keep it open" has the focus: Enter at 3 a.m. must not
 * close a live incident.
 */
export function ResolveForm({ incident, busy, onSend, onCancel, question, onAnswered }: FormProps & { question: string | null; onAnswered: () => void }) {
  const playbook = useCockpit((s) => s.playbook);
  const finalRequired = playbook?.severities[incident.severity].finalUpdate ?? true;
  const [note, setNote] = useState(() => (incident.conditionClearedAt !== null ? 'The alert condition cleared. ' : ''));
  const [falsePositive, setFalsePositive] = useState(false);
  const [draft, setDraft] = useState<DraftValue>(() => ({ text: finalDraft(incident, Date.now()), channels: [] }));
  const ids = { note: useId(), fp: useId() };
  const ready = note.trim() !== '' && (!finalRequired || draft.text.trim() !== '');
  const resolve = (anyway: boolean) =>
    void onSend({
      type: 'resolve', note: note.trim(), ...(falsePositive ? { falsePositive: true } : {}),
      ...(draft.text.trim() ? { finalUpdate: { text: draft.text.trim(), channels: draft.channels } } : {}),
      ...(anyway ? { anyway: true as const } : {}),
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready && question === null) resolve(false);
  };
  const keepOpen = () => {
    onAnswered();
    void onSend({ type: 'note', text: `Asked "${question}": kept it open.` });
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={`Resolve ${incident.id}`}>
      <label htmlFor={ids.note}>{falsePositive ? 'Resolution note (why it was a false positive)' : 'Resolution note (what fixed it)'}</label>
      <textarea id={ids.note} rows={3} value={note} onChange={(e) => setNote(e.target.value)} autoFocus required />
      <label htmlFor={ids.fp} className="inline-check">
        <input id={ids.fp} type="checkbox" checked={falsePositive} onChange={(e) => setFalsePositive(e.target.checked)} />
        False positive (the alert was wrong; the note says why)
      </label>
      <UpdateDraft incident={incident} value={draft} onChange={setDraft} label={`Final status update${finalRequired ? '' : ' (optional)'}`} />
      {question ? (
        <div role="group" aria-label="Resolve anyway?" className="form-buttons">
          <p role="alert">{question}</p>
          <button type="button" disabled={busy} onClick={() => resolve(true)}>Resolve anyway</button>
          <button type="button" disabled={busy} onClick={keepOpen} autoFocus>Keep it open</button>
        </div>
      ) : (
        <Buttons busy={busy} ready={ready} send="Confirm resolve" onCancel={onCancel} />
      )}
    </form>
  );
}

const hhmm = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;

function finalDraft(incident: Incident, now: number): string {
  const affected = incident.subjects.length > 0 ? incident.subjects.join(', ') : incident.title;
  return `${hhmm(now)}: ${incident.title} is resolved. Affected: ${affected}. Not affected: \nWhat was done: \nNo further updates: this is the final update.`;
}
