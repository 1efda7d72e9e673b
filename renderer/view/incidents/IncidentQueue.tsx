/**
 * The open incidents as a compact queue, in triage order: one row each with
 * severity, title, state, the next deadline counting down and who holds it.
 * The selected row is marked for sight (outline, arrow) and for screen
 * readers (`aria-current`). Click a row to select it; ↑/↓ move along the
 * queue and Enter takes the focus to the detail.
 */
import { memo, type KeyboardEvent } from 'react';
import type { Incident } from '../../../src/contract/incidents.js';
import { useCockpit } from '../cockpit-context.js';
import { countdownText, incidentDeadlines, queueCountdownText, SHORT_KIND, URGENCY_WORDS, urgencyOf } from './countdown.js';
import { useWallClock } from './use-wall-clock.js';

/** Who holds the incident: whoever engaged it, else whoever acknowledged it. */
export function holderOf(incident: Pick<Incident, 'engaged' | 'acknowledged'>): string | null {
  return incident.engaged?.by ?? incident.acknowledged?.by ?? null;
}

export const DETAIL_ID = 'selected-incident';

export function IncidentQueue({ ids, selectedId }: { ids: string[]; selectedId: string | null }) {
  const select = useCockpit((s) => s.selectIncident);
  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      const at = Math.max(0, ids.indexOf(selectedId ?? ''));
      const next = ids[Math.min(ids.length - 1, Math.max(0, at + step))];
      if (next) {
        select(next);
        document.querySelector<HTMLElement>(`.queue-row[data-incident-id="${next}"]`)?.focus();
      }
    } else if (e.key === 'Enter') {
      document.getElementById(DETAIL_ID)?.focus();
    }
  };
  return (
    <ul className="incident-queue" aria-label="Open incidents" onKeyDown={onKey}>
      {ids.map((id) => (
        <QueueRow key={id} incidentId={id} selected={id === selectedId} />
      ))}
    </ul>
  );
}

const QueueRow = memo(function QueueRow({ incidentId, selected }: { incidentId: string; selected: boolean }) {
  const incident = useCockpit((s) => s.incidents?.find((i) => i.id === incidentId) ?? null);
  const select = useCockpit((s) => s.selectIncident);
  const now = useWallClock();
  if (!incident) return null;
  const next = incidentDeadlines(incident, now)[0];
  const urgency = next ? urgencyOf(next) : null;
  const holder = holderOf(incident);
  const titleId = `queue-title-${incident.id}`;
  return (
    <li
      className={`queue-row sev-${incident.severity} ${selected ? 'selected' : ''}`}
      aria-labelledby={titleId}
      aria-current={selected ? 'true' : undefined}
      data-incident-id={incident.id}
      // Roving focus: the selected row is the queue's one tab stop.
      tabIndex={selected ? 0 : -1}
      onClick={() => select(incident.id)}
      onFocus={() => select(incident.id)}
    >
      <span className="queue-marker" aria-hidden="true">{selected ? '▶' : ''}</span>
      <span className={`sev-badge sev-${incident.severity}`}>{incident.severity}</span>
      <span className="queue-title" id={titleId}>
        {incident.drill ? <strong className="drill-badge">DRILL </strong> : null}
        {incident.title}
      </span>
      <span className="queue-state">{incident.phase}</span>
      {next && urgency ? (
        <span className={`queue-clock urgency-${urgency}`} title={`${SHORT_KIND[next.kind]} ${countdownText(next)}`}>
          <span className="queue-clock-kind">{SHORT_KIND[next.kind]}</span> {urgency === 'breached' ? <span className="visually-hidden">overdue by </span> : null}
          {queueCountdownText(next)}
          {urgency === 'breached' ? null : <span className="visually-hidden"> {URGENCY_WORDS[urgency]}</span>}
        </span>
      ) : (
        <span className="queue-clock muted">no clock</span>
      )}
      <span className={`queue-holder ${holder ? '' : 'unheld'}`}>{holder ?? 'nobody yet'}</span>
    </li>
  );
});
