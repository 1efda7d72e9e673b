/**
 * The Handoff view: the few things only the engineer knows (to whom, what
 * to keep watching, maintenance, notes, how to reach them), a live preview
 * of the note built from the incidents with the same function the host
 * exports with, Copy and Export. Every change is saved to the host shortly
 * after typing stops, so a crash or a closed window loses nothing.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { ToolDialog } from '../view/ToolDialog.js';
import { buildHandoffNote, type HandoffFields } from '../../src/core/handoff/note.js';
import { useCockpit } from '../view/cockpit-context.js';
import { downloadFile } from '../view/incidents/download.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { useChanges } from '../changes/changes.js';
import { HandoffSignoff } from './HandoffSignoff.js';
import { copyText } from './copy-text.js';
import { handoff, handoffStore, useHandoff } from './handoff.js';
import { incomingToFill } from './incoming.js';
import { useIntegrations } from '../integrations/integrations.js';
import { PostHandoff } from '../integrations/PostHandoff.js';
import './handoff.css';

/** Pause after the last keystroke before saving the draft, ms. */
const SAVE_DEBOUNCE_MS = 400;
const MINUTE_MS = 60_000;

const FIELDS: { field: keyof HandoffFields; label: string; rows: number }[] = [
  { field: 'to', label: 'To (incoming engineer)', rows: 1 },
  { field: 'monitoring', label: 'Ongoing monitoring', rows: 3 },
  { field: 'maintenance', label: 'Scheduled maintenance', rows: 2 },
  { field: 'notes', label: 'Notes', rows: 3 },
  { field: 'reachAt', label: 'How to reach me', rows: 1 },
];

export function HandoffDialog() {
  const open = useHandoff((s) => s.open);
  if (!open) return null;
  return <HandoffDialogOpen />;
}

function HandoffDialogOpen() {
  const fields = useHandoff((s) => s.fields);
  const dirty = useHandoff((s) => s.dirty);
  const error = useHandoff((s) => s.error);
  const close = useCallback(() => {
    void handoff().save();
    handoffStore.getState().setOpen(false);
  }, []);

  useEffect(() => {
    void handoff().load();
  }, []);

  // An empty "To" takes PagerDuty's primary after the handoff, once the saved draft is in.
  const loaded = useHandoff((s) => s.context !== null);
  const incoming = useIntegrations((s) => s.view?.onCall?.incoming ?? null);
  useEffect(() => {
    const name = incomingToFill(handoffStore.getState().fields.to, loaded, incoming);
    if (name) handoffStore.getState().edit('to', name);
  }, [loaded, incoming]);

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => void handoff().save(), SAVE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [fields, dirty]);

  return (
    <ToolDialog name="handoff" title="Handoff" onClose={close} focusHeading top={<SavedState />} error={error}>
      <div className="handoff-body">
        <div className="handoff-side">
          <form className="handoff-fields" aria-label="Handoff details" onSubmit={(e) => e.preventDefault()}>
            {FIELDS.map((f) => (
              <Field key={f.field} {...f} value={fields[f.field]} hint={f.field === 'to' && incoming && fields.to.trim() === incoming.trim() ? "PagerDuty's primary after the handoff" : null} />
            ))}
          </form>
          <HandoffSignoff />
        </div>
        <Preview />
      </div>
    </ToolDialog>
  );
}

function Field({ field, label, rows, value, hint }: { field: keyof HandoffFields; label: string; rows: number; value: string; hint: string | null }) {
  const id = useId();
  const onChange = (text: string) => handoffStore.getState().edit(field, text);
  return (
    <div className="handoff-field">
      <label htmlFor={id}>{label}</label>
      {rows === 1 ? (
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint ? <span className="muted handoff-hint">{hint}</span> : null}
    </div>
  );
}

function SavedState() {
  const dirty = useHandoff((s) => s.dirty);
  const savedAt = useHandoff((s) => s.savedAt);
  return (
    <p role="status" aria-label="Draft saved" className="muted">
      {dirty ? 'Saving…' : savedAt === null ? 'Nothing typed yet' : `Draft saved ${new Date(savedAt).toLocaleTimeString()}`}
    </p>
  );
}

function Preview() {
  const context = useHandoff((s) => s.context);
  const fields = useHandoff((s) => s.fields);
  const incidents = useCockpit((s) => s.incidents);
  const playbook = useCockpit((s) => s.playbook);
  const changes = useChanges((s) => s.changes);
  // The note speaks in minutes; rebuilding it once a minute keeps "open 25 min" and OVERDUE true.
  const minute = Math.floor(useWallClock() / MINUTE_MS) * MINUTE_MS;
  const [told, setTold] = useState<string | null>(null);

  const note = useMemo(() => {
    if (!context || !playbook) return null;
    return buildHandoffNote({ ...context, fields, incidents: incidents ?? [], playbook, now: minute, changes: changes ?? [] });
  }, [context, fields, incidents, playbook, minute, changes]);

  const copy = async () => {
    if (note) setTold((await copyText(note)) ? 'Copied to the clipboard' : 'Could not copy: select the preview and copy it');
  };
  const exportNote = async () => {
    const file = await handoff().exportNote();
    if (file) {
      downloadFile(file);
      setTold(`Exported ${file.filename}`);
    }
  };

  return (
    <section aria-label="Handoff preview" className="handoff-preview">
      <div className="handoff-actions">
        <button type="button" onClick={() => void copy()} disabled={!note}>
          Copy
        </button>
        <button type="button" onClick={() => void exportNote()}>
          Export
        </button>
        <PostHandoff saveFirst={() => handoff().save()} />
        {told ? (
          <span role="status" className="muted">
            {told}
          </span>
        ) : null}
      </div>
      {/* Focusable: a note longer than its box scrolls, and the keyboard must reach it. */}
      <pre className="handoff-note" tabIndex={0} aria-label="Handoff note preview">{note ?? 'Loading the shift and the incidents…'}</pre>
    </section>
  );
}
