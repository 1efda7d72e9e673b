/**
 * The incident workspace: the open incidents as a compact queue in triage
 * order, the selected one's detail beneath it, and the incidents resolved
 * in the last day behind a filter. Above them the page's alert controls
 * (the SEV1 alarm's mute, desktop notifications), opening an incident by
 * hand, the playbook, and what the last incident key did.
 */
import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { triageOrder } from '../../../src/core/incidents/triage.js';
import type { Incident } from '../../../src/contract/incidents.js';
import { alarmShouldRing } from '../../alerting/decide.js';
import { useCockpit } from '../cockpit-context.js';
import { localClockTime } from '../format.js';
import { IncidentDetail } from './IncidentDetail.js';
import { IncidentQueue } from './IncidentQueue.js';
import { ExportTimelineButton } from './IncidentTimeline.js';
import { OpenIncidentForm } from './OpenIncidentForm.js';
import { PlaybookControls } from './PlaybookControls.js';
import { SELECTION_KEYS, SHORTCUT_KEYS } from './shortcuts.js';
import { useIncidentShortcuts, type ShortcutOutcome } from './use-incident-shortcuts.js';
import { useSelection } from './use-selection.js';

/** Open incidents in triage order: severity, then the soonest pending clock, then age. */
function useOpenOrder(): string[] {
  // Ids only, so the list re-renders only when the order changes.
  return useCockpit(useShallow((s) => triageOrder(s.incidents ?? []).map((i) => i.id)));
}

type Shown = 'open' | 'resolved';

const KEYS_HELP = [
  [SHORTCUT_KEYS.acknowledge, 'acknowledge'], [SHORTCUT_KEYS.engage, 'engage'], [SHORTCUT_KEYS.status_update, 'status update'],
  [SHORTCUT_KEYS.escalate, 'escalate'], [SHORTCUT_KEYS.mitigate, 'mitigate'], [SHORTCUT_KEYS.resolve, 'resolve'],
  [SHORTCUT_KEYS.note, 'note'], [SHORTCUT_KEYS.gather, 'gather logs'], [SHORTCUT_KEYS.flag, 'flag security/regulatory'],
  [`${SELECTION_KEYS.select_next}/${SELECTION_KEYS.select_previous}`, 'next/previous'],
] as const;

export function IncidentsBoard() {
  const loaded = useCockpit((s) => s.incidents !== null);
  const openIds = useOpenOrder();
  const selectedId = useSelection();
  const resolvedCount = useCockpit((s) => (s.incidents ?? []).filter((i) => i.phase === 'resolved').length);
  const auditProblem = useCockpit((s) => s.auditProblem);
  const operator = useCockpit((s) => s.operator);
  const [opening, setOpening] = useState(false);
  const [shown, setShown] = useState<Shown>('open');
  const [outcome, setOutcome] = useState<ShortcutOutcome | null>(null);
  useIncidentShortcuts(useCallback((o: ShortcutOutcome | null) => setOutcome(o), []));
  const hasOpen = openIds.length > 0;

  return (
    <section aria-label="Incidents" className={`incidents-board ${hasOpen ? 'has-open' : 'all-quiet'}`}>
      <header className="board-header">
        <h2>Incidents</h2>
        <span className="board-summary">
          {!loaded ? 'loading…' : hasOpen ? <strong>{openIds.length} open</strong> : 'No open incidents'}
        </span>
        <span className="board-filter" role="group" aria-label="Show incidents">
          <button type="button" aria-pressed={shown === 'open'} onClick={() => setShown('open')}>
            Open ({openIds.length})
          </button>
          <button type="button" aria-pressed={shown === 'resolved'} onClick={() => setShown('resolved')}>
            Resolved today ({resolvedCount})
          </button>
        </span>
        <button type="button" onClick={() => setOpening(!opening)} aria-expanded={opening}>
          Open incident
        </button>
        <AlertControls />
        {operator ? <span className="muted">acting as {operator}</span> : null}
      </header>
      <PlaybookControls />
      {auditProblem ? <p role="alert" className="banner banner-dead">AUDIT LOG BROKEN — {auditProblem}</p> : null}
      <KeyOutcome outcome={outcome} onDismiss={() => setOutcome(null)} />
      {opening ? <OpenIncidentForm onDone={() => setOpening(false)} /> : null}
      {shown === 'resolved' ? <ResolvedList /> : null}
      {shown === 'open' && hasOpen ? (
        <>
          <IncidentQueue ids={openIds} selectedId={selectedId} />
          <p className="shortcut-help muted">
            Keys on the selected incident: {KEYS_HELP.map(([key, what]) => `${key.toUpperCase()} ${what}`).join(' · ')}
          </p>
          <IncidentDetail incidentId={selectedId} />
        </>
      ) : null}
    </section>
  );
}

/** What the last incident key did, naming the incident, or why it did nothing; replaced by the next key. */
function KeyOutcome({ outcome, onDismiss }: { outcome: ShortcutOutcome | null; onDismiss: () => void }) {
  // Always mounted, so a screen reader hears each new outcome in the live region.
  return (
    <div role="status" aria-label="Last incident key" className={`key-outcome ${outcome ? `key-${outcome.kind}` : 'key-none'}`}>
      {outcome ? (
        <>
          {outcome.text}{' '}
          <button type="button" className="small" onClick={onDismiss}>Dismiss</button>
        </>
      ) : null}
    </div>
  );
}

function ResolvedList() {
  const resolved = useCockpit(useShallow((s) => (s.incidents ?? []).filter((i) => i.phase === 'resolved')));
  if (resolved.length === 0) return <p className="muted">Nothing resolved in the last 24 h.</p>;
  return (
    <ul className="resolved-list" aria-label="Resolved incidents">
      {resolved.map((i) => (
        <li key={i.id} className="resolved-item">
          <span className={`sev-badge sev-${i.severity}`}>{i.severity}</span>
          <span className="resolved-title">{i.title}</span>
          <span className="muted">
            {i.id} · RESOLVED{i.falsePositive ? ' AS A FALSE POSITIVE' : ''} {i.resolved ? `${localClockTime(i.resolved.at)} by ${i.resolved.by}` : ''}
            {i.resolutionNote ? ` — ${i.resolutionNote}` : ''}
          </span>
          <FinalUpdateLine incident={i} />
          <ExportTimelineButton incidentId={i.id} />
        </li>
      ))}
    </ul>
  );
}

/** The final update stakeholders were given, and where it was posted. */
function FinalUpdateLine({ incident }: { incident: Incident }) {
  const final = incident.timeline.findLast((e) => e.kind === 'final_update');
  if (!final) return null;
  return (
    <span className="resolved-final">
      Final update{final.channels && final.channels.length > 0 ? ` (posted to ${final.channels.join(', ')})` : ''}: {final.text}
    </span>
  );
}

function AlertControls() {
  const muted = useCockpit((s) => s.alarmMuted);
  const setMuted = useCockpit((s) => s.setAlarmMuted);
  const ringing = useCockpit((s) => alarmShouldRing(s.incidents, false));
  const hostKind = useCockpit((s) => s.info?.hostKind ?? null);
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(() => (supported ? Notification.permission : 'denied'));

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
