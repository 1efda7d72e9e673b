/**
 * The runbook of the incident's scenario beside it, as a checklist: ticking a
 * step records it on the timeline (who, when), so a step is never unticked.
 * Commands come with the incident's exchange filled in, ready to copy.
 */
import type { Incident } from '../../../src/contract/incidents.js';
import { runbookFor } from '../../../src/core/playbook/runbook.js';
import { runbookApiBase, withApiBase } from '../../../src/core/terminal/api-base.js';
import { useCockpit } from '../cockpit-context.js';
import { useIncidentAct } from './use-incident-act.js';

const hhmm = (at: number) => `${new Date(at).toISOString().slice(11, 16)}Z`;

export function RunbookChecklist({ incident }: { incident: Incident }) {
  const playbook = useCockpit((s) => s.playbook);
  const { act, busy, error } = useIncidentAct(incident.id);
  const apiBase = useCockpit((s) => runbookApiBase(s.info?.demo ?? false, s.info?.apiUrl));
  if (!incident.scenario) return <p className="muted runbook-none">Opened by hand: no runbook. Follow the decision tree.</p>;
  if (!playbook) return <p className="muted">Loading the runbook…</p>;
  const scenario = playbook.scenarios[incident.scenario];
  const exchange = incident.scenario === 'exchange_disconnected' ? incident.subjects[0] : undefined;
  const steps = runbookFor(scenario.runbook, exchange ? { exchange } : {}).map((step) =>
    step.command ? { ...step, command: withApiBase(step.command, apiBase) } : step,
  );
  const resolved = incident.phase === 'resolved';

  return (
    <fieldset className="runbook">
      <legend>Runbook: {scenario.title}</legend>
      {steps.map((step) => {
        const done = incident.stepsDone[step.id];
        return (
          <div key={step.id} className={`step ${done ? 'step-done' : ''}`}>
            <label>
              <input
                type="checkbox"
                checked={done !== undefined}
                disabled={busy || resolved || done !== undefined}
                onChange={() => void act({ type: 'tick_step', stepId: step.id })}
              />
              <span>{step.text}</span>
              {done ? <span className="muted"> — done {hhmm(done.at)} by {done.by}</span> : null}
            </label>
            {step.command ? (
              <div className="step-command">
                <code>{step.command}</code>
                {step.missing.length > 0 ? <span className="muted"> (fill in: {step.missing.join(', ')})</span> : (
                  <button type="button" className="small" aria-label={`Copy command: ${step.text}`} onClick={() => void navigator.clipboard?.writeText(step.command!)}>
                    Copy
                  </button>
                )}
              </div>
            ) : null}
            {step.link ? <a href={step.link} target="_blank" rel="noreferrer">{step.link}</a> : null}
          </div>
        );
      })}
      <p className="escalate-if"><strong>Escalate if:</strong> {scenario.escalateIf}</p>
      {error ? <p role="alert" className="action-error">Not ticked: {error}</p> : null}
    </fieldset>
  );
}
