/**
 * What happened to the incident, newest first, and its Markdown export (the
 * ticket, the Slack thread, the post-incident review).
 */
import { useState } from 'react';
import type { Incident } from '../../../src/contract/incidents.js';
import { useCockpit } from '../cockpit-context.js';
import { downloadFile } from './download.js';

const hms = (at: number) => `${new Date(at).toISOString().slice(11, 19)}Z`;

export function ExportTimelineButton({ incidentId }: { incidentId: string }) {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const [error, setError] = useState<string | null>(null);
  const exportIt = async () => {
    const answer = await callIncidents('incidents.export', { incidentId });
    setError(answer.ok ? null : answer.error.message);
    if (answer.ok) downloadFile(answer.value);
  };
  return (
    <>
      <button type="button" onClick={() => void exportIt()}>Export timeline</button>
      {error ? <span role="alert" className="action-error"> Not exported: {error}</span> : null}
    </>
  );
}

/** Gathered output: its first line ("Gathered on hft-prod-01:") in the row, the commands' output as it came, in a scrollable block. */
function GatheredText({ text }: { text: string }) {
  const [head, ...rest] = text.split('\n');
  return (
    <details className="tl-gathered">
      <summary>{head} {rest.filter((l) => l.startsWith('$ ')).length} commands, show the output</summary>
      <pre className="tl-output" tabIndex={0}>{rest.join('\n').trim()}</pre>
    </details>
  );
}

export function IncidentTimeline({ incident }: { incident: Incident }) {
  return (
    <details className="timeline" open>
      <summary>
        Timeline ({incident.timeline.length})
      </summary>
      <div className="timeline-scroll" tabIndex={0} aria-label={`Timeline of ${incident.id}, scrollable`}>
        <table className="grid-table" aria-label={`Timeline of ${incident.id}`}>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {[...incident.timeline].reverse().map((e, n) => (
              <tr key={`${e.at}-${incident.timeline.length - n}`} className={`tl-${e.kind}`}>
                <td>{hms(e.at)}</td>
                <td>{e.by ?? 'alert'}</td>
                <td className="tl-text">{e.kind === 'gathered' ? <GatheredText text={e.text} /> : e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExportTimelineButton incidentId={incident.id} />
    </details>
  );
}
