/**
 * "Gather logs and metrics": pick a trading host (a prod or standby
 * profile) and the host runs the runbooks' read-only commands over SSH
 * (src/core/incidents/gather.ts); their output lands on the timeline. The
 * form says which commands, how long it may take, and waits visibly.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Incident } from '../../../src/contract/incidents.js';
import type { HostProfile } from '../../../src/contract/terminal.js';
import { GATHER_COMMANDS, GATHER_LIMITS, gatherAllowed } from '../../../src/core/incidents/gather.js';
import { getHost } from '../../host/index.js';
import { useCockpit } from '../cockpit-context.js';

export function GatherForm({ incident, onDone, onCancel }: { incident: Incident; onDone: () => void; onCancel: () => void }) {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const [hosts, setHosts] = useState<HostProfile[] | null>(null);
  const [profileId, setProfileId] = useState('');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void getHost().call('ssh.profiles.list', {}).then((listed) => {
      if (!live) return;
      if (!listed.ok) return setError(`the host profiles could not be read: ${listed.error.message}`);
      const trading = listed.value.filter(gatherAllowed);
      setHosts(trading);
      setProfileId((chosen) => chosen || (trading.find((p) => p.role === 'prod') ?? trading[0])?.id || '');
    });
    return () => {
      live = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!profileId || running) return;
    setRunning(true);
    setError(null);
    const answer = await callIncidents('incidents.gather', { incidentId: incident.id, profileId });
    setRunning(false);
    if (!answer.ok) return setError(answer.error.message);
    upsertIncident(answer.value);
    onDone();
  };
  const chosen = hosts?.find((h) => h.id === profileId);

  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} aria-label={`Gather logs and metrics for ${incident.id}`} aria-busy={running}>
      <p className="gather-help">
        Runs these read-only commands one after the other, at most {GATHER_LIMITS.perCommandMs / 1000} s each and{' '}
        {GATHER_LIMITS.totalMs / 1000} s in all; their output goes on the timeline:
      </p>
      <ul className="gather-commands" aria-label="Commands gathered">
        {GATHER_COMMANDS.map((c) => (
          <li key={c.id}>
            <code>{c.command}</code> — {c.label}
          </li>
        ))}
      </ul>
      {hosts === null && !error ? <p>Reading the host profiles…</p> : null}
      {hosts !== null && hosts.length === 0 ? (
        <p role="alert">No trading host to gather from: add a host profile with the role prod or standby (Terminals, Hosts).</p>
      ) : null}
      {hosts !== null && hosts.length > 0 ? (
        <>
          <label htmlFor={id}>Host</label>
          <select id={id} value={profileId} onChange={(e) => setProfileId(e.target.value)} disabled={running} autoFocus>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name} ({h.role}, {h.user}@{h.host})
              </option>
            ))}
          </select>
        </>
      ) : null}
      {running && chosen ? <p role="status">Gathering on {chosen.name}: up to {GATHER_LIMITS.totalMs / 1000} s…</p> : null}
      {error ? <p role="alert" className="action-error">Not gathered: {error}</p> : null}
      <div className="form-buttons">
        <button type="submit" disabled={running || !profileId}>Gather</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
