/**
 * The strip across the very top: the single most urgent deadline of all open
 * incidents, always in view, whatever is scrolled below.
 */
import { useShallow } from 'zustand/react/shallow';
import { useCockpit } from '../cockpit-context.js';
import { allDeadlines, countdownText, URGENCY_WORDS, urgencyOf } from './countdown.js';
import { useWallClock } from './use-wall-clock.js';

export function UrgentStrip() {
  const open = useCockpit(useShallow((s) => (s.incidents ?? []).filter((i) => i.phase !== 'resolved')));
  const selectIncident = useCockpit((s) => s.selectIncident);
  const now = useWallClock();
  if (open.length === 0) return null;
  const first = allDeadlines(open, now)[0];
  const breached = allDeadlines(open, now).filter((d) => d.breached).length;
  if (!first) return null;
  const urgency = urgencyOf(first);
  const show = () => {
    selectIncident(first.incidentId);
    document.querySelector<HTMLElement>(`[data-incident-id="${first.incidentId}"]`)?.focus();
  };
  return (
    <div role="status" aria-label="Most urgent deadline" aria-live="off" className={`urgent-strip urgency-${urgency}`}>
      <span className={`sev-badge sev-${first.severity}`}>{first.severity}</span>
      <strong className="strip-clock">{countdownText(first.msLeft)}</strong>
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
