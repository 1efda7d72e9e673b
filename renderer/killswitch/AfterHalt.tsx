/**
 * What comes after the press, on the same screen: the SEV1 incident that
 * carries it, the "tell the trading desk" clock with the desk's number one
 * click away, and a status update draft ready to post.
 */
import { useState } from 'react';
import type { DeskContact } from '../../src/contract/killswitch.js';
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';
import { actOnIncident } from '../view/incidents/use-incident-act.js';
import { statusUpdateDraft } from '../view/incidents/status-draft.js';

export function AfterHalt({ incidentId, desk }: { incidentId: string | null; desk: DeskContact }) {
  const incident = useCockpit((s) => (incidentId ? (s.incidents?.find((i) => i.id === incidentId) ?? null) : null));
  const playbook = useCockpit((s) => s.playbook);
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);

  const deskDue = incident?.due.find((d) => d.kind === 'notify_desk') ?? null;
  const text = draft ?? (incident ? statusUpdateDraft(incident, playbook, Date.now()) : '');
  const act = async (action: Parameters<typeof actOnIncident>[2]) => {
    if (!incidentId) return false;
    const refusal = await actOnIncident({ callIncidents, upsertIncident }, incidentId, action);
    setProblem(refusal?.message ?? null);
    return refusal === null;
  };
  const phone = desk.phone ?? null;

  return (
    <section aria-label="After the halt" className="after-halt">
      <h3>{incident ? `${incident.severity} ${incident.id}: ${incident.title}` : incidentId ? `Incident ${incidentId}` : 'No incident could be recorded: open one by hand'}</h3>
      <p className="desk-line">
        <strong>Tell the trading desk now</strong>
        {deskDue ? <span> (due by {localClockTime(deskDue.dueAt)}{deskDue.done ? ', done' : ''})</span> : null}:{' '}
        {phone ? (
          <a className="call-desk" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
            Call {desk.name} {phone}
          </a>
        ) : (
          <span>{desk.name}</span>
        )}
        {desk.email ? <span className="muted"> · {desk.email}</span> : null}
        {incident && deskDue && !deskDue.done ? (
          <button type="button" className="small" onClick={() => void act({ type: 'mark_done', item: 'notify_desk' })}>
            Mark the desk told
          </button>
        ) : null}
      </p>
      {incident ? (
        <form
          className="status-draft"
          onSubmit={(e) => {
            e.preventDefault();
            void act({ type: 'status_update', text: text.trim() }).then((done) => setPosted(done));
          }}
        >
          <label htmlFor="killswitch-status-draft">Status update draft</label>
          <textarea id="killswitch-status-draft" rows={6} value={text} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={posted || text.trim().length === 0}>
            {posted ? 'Status update posted' : 'Post status update'}
          </button>
        </form>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </section>
  );
}
