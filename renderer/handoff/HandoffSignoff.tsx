/**
 * The handoff's sign-off, on both sides. Outgoing: whom the last exported
 * note went to and whether their acceptance came back ("Read and accepted
 * by bob at 17:02"), opened from the file they send. Incoming: open the
 * outgoing engineer's exported note, read it, "Read and accepted" records
 * it and downloads the acceptance file to send back.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { formatLocalDateTime } from '../../src/core/shift/zoned-time.js';
import { downloadFile } from '../view/incidents/download.js';
import { handoff, useHandoff } from './handoff.js';

export function HandoffSignoff() {
  const context = useHandoff((s) => s.context);
  const [told, setTold] = useState<string | null>(null);
  const noteInput = useRef<HTMLInputElement>(null);
  const acceptanceInput = useRef<HTMLInputElement>(null);
  if (!context) return null;
  const { signoff, timeZone } = context;
  const at = (ms: number) => `${formatLocalDateTime(ms, timeZone)} (${timeZone})`;

  const open = (read: (text: string) => Promise<boolean>, done: string) => async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setTold((await read(await file.text())) ? done : null);
  };
  const accept = async () => {
    const file = await handoff().accept();
    if (file) {
      downloadFile(file);
      setTold(`Saved ${file.filename}: send it back to the outgoing engineer`);
    }
  };

  const out = signoff.outgoing;
  const inc = signoff.incoming;
  return (
    <section aria-label="Sign-off" className="handoff-signoff">
      <h3>Sign-off</h3>
      <div role="status" aria-label="Outgoing sign-off">
        {out === null ? (
          <p className="muted">Export the note to hand it over; the incoming engineer opens it in their cockpit and sends back their acceptance.</p>
        ) : out.acceptedBy && out.acceptedAt !== null ? (
          <p className="ok">
            Read and accepted by <strong>{out.acceptedBy}</strong> at {at(out.acceptedAt)}
          </p>
        ) : (
          <p className="warn">
            Exported {at(out.exportedAt)}{out.to ? ` for ${out.to}` : ''}: not yet accepted. Stay available until it is.
          </p>
        )}
      </div>
      <div className="handoff-actions">
        <button type="button" onClick={() => acceptanceInput.current?.click()} disabled={out === null}>
          Open the acceptance…
        </button>
        <input ref={acceptanceInput} type="file" hidden aria-label="Acceptance file" accept=".json,application/json" onChange={(e) => void open(handoff().importAcceptance, 'Acceptance opened')(e)} />
        <button type="button" onClick={() => noteInput.current?.click()}>
          Open an incoming handoff…
        </button>
        <input ref={noteInput} type="file" hidden aria-label="Incoming handoff file" accept=".md,.markdown,text/markdown,text/plain" onChange={(e) => void open(handoff().importNote, 'Handoff opened')(e)} />
      </div>
      {inc ? (
        <div className="handoff-incoming" role="region" aria-label="Incoming handoff">
          <p>
            From <strong>{inc.from || 'not given'}</strong>
            {inc.to ? ` to ${inc.to}` : ''}, exported {at(inc.exportedAt)}
          </p>
          <pre className="handoff-note" tabIndex={0} aria-label="Incoming handoff note">{inc.note}</pre>
          {inc.acceptedBy && inc.acceptedAt !== null ? (
            <p role="status" aria-label="Incoming sign-off" className="ok">
              Read and accepted by <strong>{inc.acceptedBy}</strong> at {at(inc.acceptedAt)}{' '}
              <button type="button" onClick={() => void accept()}>Save the acceptance again</button>
            </p>
          ) : (
            <button type="button" className="primary" onClick={() => void accept()}>
              Read and accepted as {context.from}
            </button>
          )}
        </div>
      ) : null}
      {told ? <p role="status" className="muted">{told}</p> : null}
    </section>
  );
}
