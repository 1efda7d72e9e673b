/**
 * The incidents region: open incidents in triage order, each a list item
 * with its countdown, actions and runbook; the page's alert controls
 * (desktop notifications, the SEV1 alarm's mute), opening an incident by
 * hand, the playbook; and the incidents resolved in the last day.
 */
import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { alarmShouldRing } from '../../alerting/decide.js';
import { useCockpit } from '../cockpit-context.js';
import { triageOrder } from '../../../src/core/incidents/triage.js';
import { IncidentCard } from './IncidentCard.js';
import { ExportTimelineButton } from './IncidentTimeline.js';
import { OpenIncidentForm } from './OpenIncidentForm.js';
import { PlaybookControls } from './PlaybookControls.js';
import { SHORTCUT_KEYS } from './shortcuts.js';
import { useIncidentShortcuts } from './use-incident-shortcuts.js';

const hms = (at: number) => `${new Date(at).toISOString().slice(11, 19)}Z`;

/** Open incidents in triage order: severity, then the soonest pending clock, then age. */
function useOpenOrder(): string[] {
  // Ids only, so the list re-renders only when the order changes.
  return useCockpit(useShallow((s) => triageOrder(s.incidents ?? []).map((i) => i.id)));
}

export function IncidentsBoard() {
  const loaded = useCockpit((s) => s.incidents !== null);
  const openIds = useOpenOrder();
  const resolved = useCockpit(useShallow((s) => (s.incidents ?? []).filter((i) => i.phase === 'resolved')));
  const auditProblem = useCockpit((s) => s.auditProblem);
  const operator = useCockpit((s) => s.operator);
  const [opening, setOpening] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  useIncidentShortcuts(useCallback((message: string) => setRefusal(message), []));

  return (
    <section aria-label="Incidents" className={`incidents-board ${openIds.length > 0 ? 'has-open' : 'all-quiet'}`}>
      <header className="board-header">
        <h2>Incidents</h2>
        <span className="board-summary">
          {!loaded ? 'loading…' : openIds.length === 0 ? 'No open incidents' : <strong>{openIds.length} open</strong>}
        </span>
        {operator ? <span className="muted">acting as {operator}</span> : null}
        <button type="button" onClick={() => setOpening(!opening)} aria-expanded={opening}>
          Open incident
        </button>
        <AlertControls />
        <PlaybookControls />
      </header>
      {auditProblem ? <p role="alert" className="banner banner-dead">AUDIT LOG BROKEN — {auditProblem}</p> : null}
      {refusal ? (
        <p role="alert" className="action-error">
          Shortcut not done: {refusal}{' '}
          <button type="button" className="small" onClick={() => setRefusal(null)}>Dismiss</button>
        </p>
      ) : null}
      {opening ? <OpenIncidentForm onDone={() => setOpening(false)} /> : null}
      {openIds.length > 0 ? (
        <>
          <p className="shortcut-help muted">
            Keys on the selected incident: {SHORTCUT_KEYS.acknowledge.toUpperCase()} acknowledge · {SHORTCUT_KEYS.engage.toUpperCase()} engage ·{' '}
            {SHORTCUT_KEYS.status_update.toUpperCase()} status update · {SHORTCUT_KEYS.escalate.toUpperCase()} escalate ·{' '}
            {SHORTCUT_KEYS.mitigate.toUpperCase()} mitigate · {SHORTCUT_KEYS.resolve.toUpperCase()} resolve
          </p>
          <ul className="incident-list" aria-label="Open incidents">
            {openIds.map((id) => (
              <IncidentCard key={id} incidentId={id} />
            ))}
          </ul>
        </>
      ) : null}
      {resolved.length > 0 ? (
        <details className="resolved">
          <summary>Resolved in the last 24 h ({resolved.length})</summary>
          <ul className="resolved-list" aria-label="Resolved incidents">
            {resolved.map((i) => (
              <li key={i.id} className="resolved-item">
                <span className={`sev-badge sev-${i.severity}`}>{i.severity}</span>
                <span className="resolved-title">{i.title}</span>
                <span className="muted">
                  {i.id} · RESOLVED {i.resolved ? `${hms(i.resolved.at)} by ${i.resolved.by}` : ''}
                  {i.resolutionNote ? ` — ${i.resolutionNote}` : ''}
                </span>
                <ExportTimelineButton incidentId={i.id} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function AlertControls() {
  const muted = useCockpit((s) => s.alarmMuted);
  const setMuted = useCockpit((s) => s.setAlarmMuted);
  const ringing = useCockpit((s) => alarmShouldRing(s.incidents, false));
  const hostKind = useCockpit((s) => s.info?.hostKind ?? null);
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');

  return (
    <span className="alert-controls">
      <button type="button" aria-pressed={muted} onClick={() => setMuted(!muted)} className={ringing && !muted ? 'alarm-on' : ''}>
        {muted ? 'SEV1 alarm muted' : ringing ? 'SEV1 alarm sounding: mute' : 'Mute SEV1 alarm'}
      </button>
      {hostKind === 'browser' && supported ? (
        permission === 'default' ? (
          <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
            Enable desktop notifications
          </button>
        ) : (
          <span className="muted">desktop notifications {permission === 'granted' ? 'on' : 'blocked by the browser'}</span>
        )
      ) : null}
    </span>
  );
}
