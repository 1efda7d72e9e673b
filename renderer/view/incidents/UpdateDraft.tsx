/**
 * A stakeholder update as it is written: the draft, beside it what a good
 * update has and this one lacks (the playbook's lint), where it goes (the
 * severity's channels, and the status page for SEV1/SEV2) with a tick for
 * each place it was posted, and one click to copy the text. The same piece
 * writes the running updates and the final one on resolve.
 *
 * The ticks record where a person posted it. The channels are directory
 * ids, the same a delivery outbox addresses, so an integration that posts
 * by itself fills the same field.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Incident } from '../../../src/contract/incidents.js';
import { lintStatusUpdate, statusUpdateTargets } from '../../../src/core/incidents/status-update.js';
import { copyText } from '../../handoff/copy-text.js';
import { useCockpit } from '../cockpit-context.js';
import { draftCaret } from './status-draft.js';

export interface DraftValue {
  text: string;
  channels: string[];
}

/** `autoFocus` when the draft is what its form starts with (a status update); the resolve form starts with its note. */
export function UpdateDraft({ incident, value, onChange, label, autoFocus = false }: { incident: Incident; value: DraftValue; onChange: (v: DraftValue) => void; label: string; autoFocus?: boolean }) {
  const playbook = useCockpit((s) => s.playbook);
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // Opened for typing: the caret goes where the draft needs words first, not before its first line.
  useEffect(() => {
    const el = area.current;
    if (!autoFocus || !el) return;
    const at = draftCaret(el.value);
    el.setSelectionRange(at, at);
  }, [autoFocus]);
  const findings = useMemo(() => (playbook ? lintStatusUpdate(value.text, playbook) : []), [value.text, playbook]);
  const targets = playbook ? statusUpdateTargets(incident.severity, playbook) : [];
  const toggle = (contactId: string, on: boolean) =>
    onChange({ ...value, channels: on ? [...value.channels, contactId] : value.channels.filter((c) => c !== contactId) });
  return (
    <div className="update-draft">
      <div className="update-draft-text">
        <label htmlFor={id}>{label}</label>
        <textarea ref={area} id={id} rows={6} value={value.text} onChange={(e) => onChange({ ...value, text: e.target.value })} autoFocus={autoFocus} />
        <button type="button" className="small" onClick={() => void copyText(value.text).then(setCopied)}>
          Copy update text
        </button>
        {copied !== null ? <span role="status" className="muted">{copied ? ' Copied' : ' Could not copy: select the text'}</span> : null}
      </div>
      <div className="update-draft-side">
        {findings.length === 0 ? (
          <p role="status" aria-label="Update check" className="lint-ok">Reads as a good update: time, affected and not, what was done, next update.</p>
        ) : (
          <ul aria-label="What this update lacks" className="lint-list">
            {findings.map((f) => (
              <li key={f.rule}>{f.message}</li>
            ))}
          </ul>
        )}
        <fieldset className="update-targets">
          <legend>Posted to</legend>
          {targets.map((t) => (
            <label key={t.contactId}>
              <input type="checkbox" checked={value.channels.includes(t.contactId)} onChange={(e) => toggle(t.contactId, e.target.checked)} />
              {t.statusPage ? `Status page updated (${t.name})` : t.name}
              {t.url ? (
                <>
                  {' '}
                  <a href={t.url} target="_blank" rel="noreferrer">open</a>
                </>
              ) : null}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
