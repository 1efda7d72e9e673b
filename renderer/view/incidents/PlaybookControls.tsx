/**
 * Playbook import and export. An imported file replaces the playbook only if
 * it is valid; otherwise the host's message names the broken field and the
 * playbook in force stays.
 */
import { useId, useRef, useState } from 'react';
import { useCockpit } from '../cockpit-context.js';
import { downloadFile } from './download.js';

export function PlaybookControls() {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const setPlaybook = useCockpit((s) => s.setPlaybook);
  const playbook = useCockpit((s) => s.playbook);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const importFile = async (file: File) => {
    const answer = await callIncidents('playbook.import', { text: await file.text() });
    if (input.current) input.current.value = '';
    if (!answer.ok) return setMessage({ ok: false, text: `${file.name} was not imported: ${answer.error.message}` });
    setPlaybook(answer.value);
    setMessage({ ok: true, text: `Imported ${answer.value.name} v${answer.value.version}` });
  };
  const exportIt = async () => {
    const answer = await callIncidents('playbook.export', {});
    if (answer.ok) downloadFile(answer.value);
    else setMessage({ ok: false, text: `Not exported: ${answer.error.message}` });
  };

  return (
    <div className="playbook-controls">
      <span className="muted">{playbook ? `Playbook: ${playbook.name} v${playbook.version}` : 'Playbook loading…'}</span>
      <label htmlFor={inputId} className="file-button">Import playbook</label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <button type="button" onClick={() => void exportIt()}>Export playbook</button>
      {message ? <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'action-error'}>{message.text}</p> : null}
    </div>
  );
}
