/**
 * PagerDuty for the selected incident, once PagerDuty is set up: which
 * PagerDuty incident it is linked to (the one its page opened, or one the
 * engineer picked from those open there), a pick from PagerDuty's open
 * incidents, and a reassignment to whoever PagerDuty has on call. Each
 * choice goes through the outbox and onto the timeline.
 */
import { useEffect, useState } from 'react';
import type { Incident } from '../../src/contract/incidents.js';
import type { PagerDutyOpenIncident } from '../../src/contract/integrations.js';
import { getHost } from '../host/index.js';
import { useDeliveries, useIntegrations } from './integrations.js';

export function IncidentPagerDuty({ incident }: { incident: Incident }) {
  const configured = useIntegrations((s) => s.view?.states.find((x) => x.channel === 'pagerduty')?.configured ?? false);
  if (!configured || incident.phase === 'resolved') return null;
  return <PagerDutyPart incident={incident} />;
}

function PagerDutyPart({ incident }: { incident: Incident }) {
  const deliveries = useDeliveries(incident.id);
  const onCall = useIntegrations((s) => s.view?.onCall ?? null);
  const [linked, setLinked] = useState<string | null | undefined>(undefined);
  const [open, setOpen] = useState<PagerDutyOpenIncident[] | null>(null);
  const [told, setTold] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  // The link is learnt from what the outbox sent: read it again whenever the deliveries change.
  useEffect(() => {
    let live = true;
    void getHost().call('integrations.pagerdutyLinked', { incidentId: incident.id }).then((r) => {
      if (live && r.ok) setLinked(r.value.pagerDutyId);
    });
    return () => {
      live = false;
    };
  }, [incident.id, deliveries]);

  const run = async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, done: (value: T) => string) => {
    if (busy) return;
    setBusy(true);
    const result = await call();
    setBusy(false);
    setTold(result.ok ? { text: done(result.value), bad: false } : { text: `Not done: ${result.error.message}`, bad: true });
    return result.ok ? result.value : null;
  };
  const pick = async () => {
    const list = await run(() => getHost().call('integrations.pagerdutyOpen', {}), (l) => (l.length ? `${l.length} open in PagerDuty` : 'Nothing open in PagerDuty'));
    if (list) setOpen(list);
  };
  const link = async (pagerDutyId: string) => {
    const value = await run(() => getHost().call('integrations.pagerdutyLink', { incidentId: incident.id, pagerDutyId }), (v) => `Linked to ${v.pagerDutyId}`);
    if (value) {
      setLinked(value.pagerDutyId);
      setOpen(null);
    }
  };
  const reassign = (to: 'primary' | 'secondary') =>
    void run(() => getHost().call('integrations.pagerdutyReassign', { incidentId: incident.id, to }), (v) => `Reassignment to ${v.assignee} queued`);

  return (
    <section className="incident-pagerduty" aria-label="PagerDuty">
      <p>
        <span className="muted">PagerDuty: </span>
        <strong>{linked === undefined ? '…' : linked === null ? "by the page's dedup key (PagerDuty's id is learnt at the first change sent)" : `linked to ${linked}`}</strong>
      </p>
      <div className="integration-form-actions">
        <button type="button" className="small" aria-expanded={open !== null} onClick={() => (open ? setOpen(null) : void pick())} aria-disabled={busy}>
          {open ? 'Close the PagerDuty list' : 'Pick a PagerDuty incident…'}
        </button>
        {onCall?.primaryId && onCall.primary ? (
          <button type="button" className="small" onClick={() => reassign('primary')} aria-disabled={busy}>
            Reassign to {onCall.primary} (primary)
          </button>
        ) : null}
        {onCall?.secondaryId && onCall.secondary ? (
          <button type="button" className="small" onClick={() => reassign('secondary')} aria-disabled={busy}>
            Reassign to {onCall.secondary} (secondary)
          </button>
        ) : null}
        {told ? (
          <span role="status" aria-label="PagerDuty result" className={told.bad ? 'settings-error' : 'muted'}>
            {told.text}
          </span>
        ) : null}
      </div>
      {open && open.length > 0 ? (
        <ul className="pagerduty-open" aria-label="Open in PagerDuty">
          {open.map((i) => (
            <li key={i.id}>
              <button type="button" className="small" onClick={() => void link(i.id)} aria-disabled={busy} disabled={i.id === linked}>
                Link {i.id}
              </button>{' '}
              {i.title} <span className="muted">({i.status})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
