/** Opening an incident by hand: something the rules do not watch, or a call from the desk. */
import { useId, useState, type FormEvent } from 'react';
import { SCENARIO_IDS, SEVERITIES, type ScenarioId, type Severity } from '../../../src/core/playbook/schema.js';
import { useCockpit } from '../cockpit-context.js';

export function OpenIncidentForm({ onDone }: { onDone: () => void }) {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const [detail, setDetail] = useState('');
  const [scenario, setScenario] = useState<ScenarioId | ''>('');
  const playbook = useCockpit((s) => s.playbook);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), severity: useId(), detail: useId(), scenario: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const answer = await callIncidents('incidents.open', {
      title: title.trim(), severity, ...(detail.trim() ? { detail: detail.trim() } : {}), scenario: scenario === '' ? null : scenario,
    });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    upsertIncident(answer.value);
    onDone();
  };

  return (
    <form className="action-form open-form" aria-label="Open an incident" onSubmit={(e) => void submit(e)}>
      <label htmlFor={ids.title}>Title (name what is affected)</label>
      <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} autoFocus />
      <label htmlFor={ids.severity}>Severity of the new incident</label>
      <select id={ids.severity} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </select>
      <label htmlFor={ids.scenario}>Scenario (its runbook and clocks)</label>
      <select id={ids.scenario} value={scenario} onChange={(e) => setScenario(e.target.value as ScenarioId | '')}>
        <option value="">Other: no runbook</option>
        {SCENARIO_IDS.map((id) => (
          <option key={id} value={id}>{playbook?.scenarios[id].title ?? id}</option>
        ))}
      </select>
      <label htmlFor={ids.detail}>Detail (optional)</label>
      <textarea id={ids.detail} rows={2} value={detail} onChange={(e) => setDetail(e.target.value)} />
      <div className="form-buttons">
        <button type="submit" disabled={busy || !title.trim()}>Open incident now</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      {error ? <p role="alert" className="action-error">Not opened: {error}</p> : null}
    </form>
  );
}
