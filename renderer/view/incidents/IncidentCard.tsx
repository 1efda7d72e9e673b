/**
 * One open incident: severity and title first, then its next deadline large
 * and counting down to the second, the other clocks beneath it, the actions,
 * and beside them the runbook; the timeline below.
 */
import { memo } from 'react';
import type { Deadline } from '../../../src/core/incidents/clocks.js';
import type { Incident } from '../../../src/contract/incidents.js';
import { useCockpit } from '../cockpit-context.js';
import { countdownText, incidentDeadlines, URGENCY_WORDS, urgencyOf } from './countdown.js';
import { IncidentActions } from './IncidentActions.js';
import { IncidentTimeline } from './IncidentTimeline.js';
import { RunbookChecklist } from './RunbookChecklist.js';
import { useIncidentAct } from './use-incident-act.js';
import { useWallClock } from './use-wall-clock.js';

const hms = (at: number) => `${new Date(at).toISOString().slice(11, 19)}Z`;

export const IncidentCard = memo(function IncidentCard({ incidentId }: { incidentId: string }) {
  const incident = useCockpit((s) => s.incidents?.find((i) => i.id === incidentId) ?? null);
  const selected = useCockpit((s) => s.selectedIncidentId === incidentId);
  const select = useCockpit((s) => s.selectIncident);
  const now = useWallClock();
  if (!incident) return null;
  const deadlines = incidentDeadlines(incident, now);
  const [next, ...rest] = deadlines;
  const titleId = `incident-title-${incident.id}`;

  return (
    <li
      className={`incident sev-${incident.severity} ${next ? `urgency-${urgencyOf(next)}` : ''} ${selected ? 'selected' : ''}`}
      aria-labelledby={titleId}
      data-incident-id={incident.id}
      tabIndex={-1}
      onFocus={() => select(incident.id)}
      onPointerDown={() => select(incident.id)}
    >
      <div className="incident-main">
        <header className="incident-head">
          <span className={`sev-badge sev-${incident.severity}`}>{incident.severity}</span>
          <h3 id={titleId}>{incident.title}</h3>
          <span className="incident-meta">
            {incident.id} · <strong>{incident.phase}</strong> · started {hms(incident.startedAt)}
            {incident.escalationLevel > 1 ? ` · Level ${incident.escalationLevel}` : ''}
          </span>
        </header>
        {incident.conditionClearedAt !== null ? (
          <p className="condition-cleared" role="status">
            CONDITION CLEARED at {hms(incident.conditionClearedAt)}: ready to resolve once you have checked (a person resolves, not the alert).
          </p>
        ) : null}
        {next ? <NextDeadline deadline={next} /> : <p className="muted">No clock running.</p>}
        {rest.length > 0 ? <OtherDeadlines incident={incident} deadlines={rest} /> : null}
        <IncidentActions incident={incident} />
        {incident.detail ? <p className="incident-detail">{incident.detail}</p> : null}
        <IncidentTimeline incident={incident} />
      </div>
      <div className="incident-side">
        <RunbookChecklist incident={incident} />
      </div>
    </li>
  );
});

function NextDeadline({ deadline }: { deadline: Deadline }) {
  const urgency = urgencyOf(deadline);
  return (
    <div className={`countdown urgency-${urgency}`} role="timer" aria-label="Next deadline" aria-live="off">
      <span className="countdown-label">{deadline.label}</span>
      <span className="countdown-clock">{countdownText(deadline.msLeft)}</span>
      <span className="countdown-words">
        {URGENCY_WORDS[urgency]} · due {hms(deadline.dueAt)}
      </span>
    </div>
  );
}

function OtherDeadlines({ incident, deadlines }: { incident: Incident; deadlines: Deadline[] }) {
  const { act, busy } = useIncidentAct(incident.id);
  // Telling the desk or management happens by phone, outside the cockpit, so it is marked done here; the other clocks have their own actions.
  const markable = (d: Deadline) => d.kind === 'notify_desk' || d.kind === 'notify_management';
  return (
    <div className="due-list" aria-label="Other deadlines">
      {deadlines.map((d) => {
        const urgency = urgencyOf(d);
        return (
          <div key={d.kind} className={`due-item urgency-${urgency}`}>
            <span className="due-label">{d.label}</span>
            <span className="due-clock">{countdownText(d.msLeft)}</span>
            <span className="due-words">{URGENCY_WORDS[urgency]}</span>
            {markable(d) && incident.phase !== 'resolved' ? (
              <button type="button" className="small" disabled={busy} onClick={() => void act({ type: 'mark_done', item: d.kind })}>
                Mark done: {d.label}
              </button>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
