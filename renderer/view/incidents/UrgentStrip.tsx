/**
 * The strip across the very top: the first clock in triage order (the most
 * severe incident's soonest), always in view, with how many clocks are
 * overdue anywhere: an overdue lower-severity clock is counted, never put
 * ahead of a more severe incident.
 */
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../cockpit-context.js';
import { allDeadlines, countdownText, URGENCY_WORDS, urgencyOf } from './countdown.js';
import { DETAIL_ID } from './IncidentQueue.js';
import { useWallClock } from './use-wall-clock.js';

export function UrgentStrip() {
  const open = useCockpit(useShallow((s) => (s.incidents ?? []).filter((i) => i.phase !== 'resolved')));
  const selectIncident = useCockpit((s) => s.selectIncident);
  const now = useWallClock();
  if (open.length === 0) return null;
  const deadlines = allDeadlines(open, now);
  const first = deadlines[0];
  const breached = deadlines.filter((d) => d.breached).length;
  if (!first) return null;
  const urgency = urgencyOf(first);
  const show = () => {
    selectIncident(first.incidentId);
    document.getElementById(DETAIL_ID)?.focus();
  };
  return (
    <div role="status" aria-label="Most urgent deadline" aria-live="off" className={`urgent-strip urgency-${urgency}`}>
      <span className={`sev-badge sev-${first.severity}`}>{first.severity}</span>
      {open.find((i) => i.id === first.incidentId)?.drill ? <strong className="drill-badge">DRILL</strong> : null}
      <strong className="strip-clock">{countdownText(first)}</strong>
      <span className="strip-what">
        {first.label} — {first.incidentId} {first.title}
      </span>
      <span className="strip-words">{URGENCY_WORDS[urgency]}</span>
      <span className="strip-count">
        {open.length} open{breached > 0 ? ` · ${breached} overdue` : ''}
      </span>
      <button type="button" className="small" onClick={show}>
        Go to {first.incidentId}
      </button>
    </div>
  );
}
