/**
 * The selected incident, beside the queue: severity and title, what holds
 * now, its next deadline large and counting down to the second with the way
 * to complete it right there, the other clocks beneath (each completable
 * where it is shown), the actions, the runbook and the timeline.
 */
import type { Deadline } from '../../../src/core/incidents/clocks.js';
import type { Incident, IncidentAction } from '../../../src/contract/incidents.js';
import type { IncidentForm } from '../../store/incidents-slice.js';
import { useCockpit } from '../cockpit-context.js';
import { localClockTime } from '../format.js';
import { telHref } from '../../../src/core/escalation/directory.js';
import { conditionLabel, conditionNow } from './condition-now.js';
import { hostProblem } from '../panel-freshness.js';
import { useNow } from '../use-now.js';
import { countdownText, incidentDeadlines, URGENCY_WORDS, urgencyOf } from './countdown.js';
import { DecisionTreePanel } from './DecisionTreePanel.js';
import { IncidentActions } from './IncidentActions.js';
import { DETAIL_ID, holderOf } from './IncidentQueue.js';
import { IncidentTimeline } from './IncidentTimeline.js';
import { RunbookChecklist } from './RunbookChecklist.js';
import { useIncidentAct } from './use-incident-act.js';
import { useWallClock } from './use-wall-clock.js';
import { IncidentDeliveries } from '../../integrations/IncidentDeliveries.js';
import { IncidentPagerDuty } from '../../integrations/IncidentPagerDuty.js';

export function IncidentDetail({ incidentId }: { incidentId: string | null }) {
  const incident = useCockpit((s) => (incidentId ? (s.incidents?.find((i) => i.id === incidentId) ?? null) : null));
  const now = useWallClock();
  return (
    <section className="incident-detail-region" aria-label="Selected incident" id={DETAIL_ID} tabIndex={-1} data-incident-id={incident?.id}>
      {incident ? <Detail incident={incident} now={now} /> : <p className="muted">No incident selected.</p>}
    </section>
  );
}

function Detail({ incident, now }: { incident: Incident; now: number }) {
  const deadlines = incidentDeadlines(incident, now);
  const [next, ...rest] = deadlines;
  const holder = holderOf(incident);
  return (
    <div className={`incident sev-${incident.severity}`}>
      <header className="incident-head">
        <span className={`sev-badge sev-${incident.severity}`}>{incident.severity}</span>
        <h3>
          {incident.drill ? <strong className="drill-badge">DRILL </strong> : null}
          {incident.title}
        </h3>
        <span className="incident-meta">
          {incident.id} · <strong>{incident.phase}</strong> · started {localClockTime(incident.startedAt)}
          {incident.escalationLevel > 1 ? ` · Level ${incident.escalationLevel}` : ''} · {holder ? `held by ${holder}` : 'nobody holds it yet'}
        </span>
      </header>
      <ConditionLine incident={incident} now={now} />
      {incident.conditionClearedAt !== null ? (
        <p className="condition-cleared" role="status">
          CONDITION CLEARED at {localClockTime(incident.conditionClearedAt)}: ready to resolve once you have checked (a person resolves, not the alert).
        </p>
      ) : null}
      {next ? <NextDeadline incident={incident} deadline={next} /> : <p className="muted">No clock running.</p>}
      {rest.length > 0 ? <OtherDeadlines incident={incident} deadlines={rest} /> : null}
      <IncidentActions incident={incident} />
      <DecisionTreePanel incident={incident} />
      <div className="incident-lower">
        <RunbookChecklist incident={incident} />
        <IncidentTimeline incident={incident} />
      </div>
      <IncidentPagerDuty incident={incident} />
      <IncidentDeliveries incidentId={incident.id} />
    </div>
  );
}

/** What holds now, from the live data through the alert rule; the opening text for an incident opened by hand. */
function ConditionLine({ incident, now }: { incident: Incident; now: number }) {
  const endpoints = useCockpit((s) => s.endpoints);
  const playbook = useCockpit((s) => s.playbook);
  const pollMs = useCockpit((s) => s.pollMs);
  const linkUp = useCockpit((s) => s.linkUp);
  const lastHostMessageAt = useCockpit((s) => s.lastHostMessageAt);
  const problem = hostProblem({ linkUp, lastHostMessageAt, pollMs, localNow: useNow() });
  const live = conditionNow(incident, endpoints, playbook, now, localClockTime, pollMs);
  if (!live) return incident.detail ? <p className="incident-now">{incident.detail}</p> : null;
  return (
    <p className={`incident-now now-${problem === null ? live.state : 'unseen'}`}>
      <span className="now-label">{conditionLabel(problem)}</span>
      {live.text}
    </p>
  );
}

interface Completion {
  name: string;
  run: () => void;
}

/** How a clock is completed where it is shown: its action, its form, or a done-mark for what happens outside the cockpit (a call). */
function useCompletion(incident: Incident): { complete: (d: Deadline) => Completion | null; busy: boolean; error: string | null } {
  const { act, busy, error } = useIncidentAct(incident.id);
  const setForm = useCockpit((s) => s.setIncidentForm);
  const send = (action: IncidentAction) => () => void act(action);
  const open = (form: IncidentForm) => () => setForm({ incidentId: incident.id, form });
  const complete = (d: Deadline): Completion | null => {
    if (incident.phase === 'resolved') return null;
    switch (d.kind) {
      case 'ack':
        return { name: `Acknowledge ${incident.id}`, run: send({ type: 'acknowledge' }) };
      case 'engage':
        return { name: `Engage ${incident.id}`, run: send({ type: 'engage' }) };
      case 'status_update':
        return { name: `Post a status update for ${incident.id}`, run: open('status_update') };
      case 'escalate_l2':
      case 'escalate_l3':
      case 'not_understood':
        return { name: `Escalate ${incident.id}`, run: open('escalate') };
      case 'notify_desk':
      case 'notify_management':
      case 'secondary_takeover':
      case 'notify_security':
      case 'notify_compliance':
      case 'prepare_kill':
        return { name: `Mark done: ${d.label}`, run: send({ type: 'mark_done', item: d.kind }) };
    }
  };
  return { complete, busy, error };
}

/** Whom a call clock says to call, from the playbook's directory: the name, and the number as a tel: link (or the email). */
function CallWhom({ contactId }: { contactId: string | null }) {
  const contact = useCockpit((s) => (contactId ? s.playbook?.contacts.find((c) => c.id === contactId) : undefined));
  if (!contact) return null;
  return (
    <span className="due-whom">
      {contact.name}
      {contact.phone ? <> <a href={telHref(contact.phone)}>{contact.phone}</a></> : contact.email ? <> <a href={`mailto:${contact.email}`}>{contact.email}</a></> : null}
    </span>
  );
}

function NextDeadline({ incident, deadline }: { incident: Incident; deadline: Deadline }) {
  const urgency = urgencyOf(deadline);
  const { complete, busy, error } = useCompletion(incident);
  const done = complete(deadline);
  return (
    <div className={`countdown urgency-${urgency}`}>
      <div role="timer" aria-label="Next deadline" aria-live="off" className="countdown-read">
        <span className="countdown-label">{deadline.label}</span>
        {MARKABLE.has(deadline.kind) ? <CallWhom contactId={deadline.contactId} /> : null}
        <span className="countdown-clock">{countdownText(deadline)}</span>
        <span className="countdown-words">
          {URGENCY_WORDS[urgency]} · due {localClockTime(deadline.dueAt)}
        </span>
      </div>
      {done ? (
        <button type="button" className="countdown-done" disabled={busy} onClick={done.run}>
          {done.name}
        </button>
      ) : null}
      {error ? <p role="alert" className="action-error">Not done: {error}</p> : null}
    </div>
  );
}

const MARKABLE = new Set<Deadline['kind']>(['notify_desk', 'notify_management', 'secondary_takeover', 'notify_security', 'notify_compliance', 'prepare_kill']);

function OtherDeadlines({ incident, deadlines }: { incident: Incident; deadlines: Deadline[] }) {
  const { complete, busy, error } = useCompletion(incident);
  // Only the clocks a person completes with a mark get a button here; the others share their action with the bar below.
  const markable = (d: Deadline) => MARKABLE.has(d.kind);
  return (
    <div className="due-list" aria-label="Other deadlines">
      {deadlines.map((d) => {
        const urgency = urgencyOf(d);
        const done = markable(d) ? complete(d) : null;
        return (
          <div key={d.kind} className={`due-item urgency-${urgency}`}>
            <span className="due-label">
              {d.label}
              {markable(d) ? <CallWhom contactId={d.contactId} /> : null}
            </span>
            <span className="due-clock">{countdownText(d)}</span>
            <span className="due-words">{URGENCY_WORDS[urgency]}</span>
            {done ? (
              <button type="button" className="small" disabled={busy} onClick={done.run}>
                {done.name}
              </button>
            ) : null}
          </div>
        );
      })}
      {error ? <p role="alert" className="action-error">Not done: {error}</p> : null}
    </div>
  );
}
