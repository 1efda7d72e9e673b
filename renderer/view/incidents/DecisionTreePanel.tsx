/**
 * "Where to start", one question at a time, for every open incident: the
 * answers are recorded on the incident and the outcome starts its clocks
 * (Level 2 at once when it is beyond one's expertise; updates every 30
 * minutes while investigating). The first question's answer the severity
 * suggests is offered first.
 */
import type { Incident } from '../../../src/contract/incidents.js';
import { decisionOutcomeText, decisionPosition, decisionQuestionText, suggestedSev1Answer } from '../../../src/core/incidents/decision-tree.js';
import { useCockpit } from '../cockpit-context.js';
import { localClockTime } from '../format.js';
import { useIncidentAct } from './use-incident-act.js';

export function DecisionTreePanel({ incident }: { incident: Incident }) {
  const playbook = useCockpit((s) => s.playbook);
  const { act, busy, error } = useIncidentAct(incident.id);
  if (!playbook) return null;
  const position = decisionPosition(incident.decisions);
  if (incident.phase === 'resolved' && incident.decisions.length === 0) return null;
  const answer = (value: boolean) => position.next && void act({ type: 'decide', question: position.next, answer: value });
  const yesFirst = position.next !== 'sev1' || suggestedSev1Answer(incident);
  const buttons = [
    <button key="yes" type="button" className="small" disabled={busy} onClick={() => answer(true)}>Yes</button>,
    <button key="no" type="button" className="small" disabled={busy} onClick={() => answer(false)}>No</button>,
  ];
  return (
    <section className="decision-tree" aria-label="Where to start">
      <h4>Where to start</h4>
      {incident.decisions.length > 0 ? (
        <ol className="decision-path" aria-label="Path taken">
          {incident.decisions.map((d) => (
            <li key={d.question}>
              {decisionQuestionText(d.question, playbook)} <strong>{d.answer ? 'Yes' : 'No'}</strong> <span className="muted">({d.by}, {localClockTime(d.at)})</span>
            </li>
          ))}
        </ol>
      ) : null}
      {position.outcome ? (
        <p role="status" className="decision-outcome">{decisionOutcomeText(position.outcome, playbook)}</p>
      ) : position.next && incident.phase !== 'resolved' ? (
        <p className="decision-question">
          {decisionQuestionText(position.next, playbook)} {yesFirst ? buttons : [...buttons].reverse()}
        </p>
      ) : null}
      {error ? <p role="alert" className="action-error">Not recorded: {error}</p> : null}
    </section>
  );
}
