/**
 * What happened to the incident, newest first, and its Markdown export (the
 * ticket, the Slack thread, the post-incident review).
 *
 * The host sends the newest entries of a long timeline only
 * (`timelineTotal` says how many there are); "Show older" pages the rest in
 * from `incidents.timeline`, kept here by their index in the whole timeline,
 * which only ever grows at its end.
 */
import { useEffect, useState } from 'react';
import type { LinkIncident } from '../../../src/contract/incidents.js';
import type { TimelineEntry } from '../../../src/core/incidents/model.js';
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


/** Older entries asked for at a time. */
export const TIMELINE_PAGE = 50;

/** The entries to show, newest first, with their index: the held window, then older pages as far back as they join up. */
export function shownTimeline(incident: LinkIncident, older: ReadonlyMap<number, TimelineEntry>): { entries: [number, TimelineEntry][]; firstIndex: number; total: number } {
  const total = incident.timelineTotal ?? incident.timeline.length;
  const windowStart = total - incident.timeline.length;
  const entries: [number, TimelineEntry][] = [];
  for (let i = incident.timeline.length - 1; i >= 0; i--) entries.push([windowStart + i, incident.timeline[i]!]);
  let first = windowStart;
  while (first > 0 && older.has(first - 1)) {
    first--;
    entries.push([first, older.get(first)!]);
  }
  return { entries, firstIndex: first, total };
}

export function IncidentTimeline({ incident }: { incident: LinkIncident }) {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const [older, setOlder] = useState<{ id: string; byIndex: Map<number, TimelineEntry> }>({ id: incident.id, byIndex: new Map() });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (older.id !== incident.id) setOlder({ id: incident.id, byIndex: new Map() });
  }, [incident.id, older.id]);
  const paged = older.id === incident.id ? older.byIndex : new Map<number, TimelineEntry>();
  // Once older entries are paged in, the window's own are kept as well: when new entries push the
  // window on, the ones it leaves stay joined to the paged ones (an entry never changes at its index).
  if (paged.size > 0) {
    const start = (incident.timelineTotal ?? incident.timeline.length) - incident.timeline.length;
    incident.timeline.forEach((entry, n) => paged.set(start + n, entry));
  }
  const { entries, firstIndex, total } = shownTimeline(incident, paged);
  const loadOlder = async () => {
    setLoading(true);
    const page = await callIncidents('incidents.timeline', { incidentId: incident.id, before: firstIndex, limit: TIMELINE_PAGE });
    setLoading(false);
    setLoadError(page.ok ? null : page.error.message);
    if (!page.ok) return;
    setOlder((prev) => {
      const byIndex = new Map(prev.id === incident.id ? prev.byIndex : []);
      page.value.entries.forEach((entry, n) => byIndex.set(page.value.from + n, entry));
      return { id: incident.id, byIndex };
    });
  };
  return (
    <details className="timeline" open>
      <summary>
        Timeline ({total})
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
            {entries.map(([index, e]) => (
              <tr key={index} className={`tl-${e.kind}`}>
                <td>{hms(e.at)}</td>
                <td>{e.by ?? 'alert'}</td>
                <td className="tl-text">{e.kind === 'gathered' ? <GatheredText text={e.text} /> : e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {firstIndex > 0 ? (
          <p className="timeline-older">
            <button type="button" disabled={loading} onClick={() => void loadOlder()}>
              {loading ? 'Loading older entries…' : `Show older entries (${firstIndex} more)`}
            </button>
            {loadError ? <span role="alert" className="action-error"> Not loaded: {loadError}</span> : null}
          </p>
        ) : null}
      </div>
      <ExportTimelineButton incidentId={incident.id} />
    </details>
  );
}
