/**
 * The weekly routine's "review incident trends of the week": the last seven
 * days of incidents against the seven before, as the host counts them from
 * every incident it keeps (src/core/incidents/trend.ts). Read on demand and
 * stamped with when it was read, so an old reading is never taken for now.
 */
import { useState } from 'react';
import type { IncidentTrend } from '../../src/contract/incidents.js';
import { trendRows } from '../../src/core/incidents/trend.js';
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';

export function WeeklyTrend() {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const playbook = useCockpit((s) => s.playbook);
  const [trend, setTrend] = useState<{ value: IncidentTrend; at: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const read = async () => {
    setBusy(true);
    const answer = await callIncidents('incidents.trend', {});
    setBusy(false);
    setError(answer.ok ? null : answer.error.message);
    if (answer.ok) setTrend({ value: answer.value, at: Date.now() });
  };
  const rows = trend && playbook ? trendRows(trend.value, playbook) : null;
  return (
    <div className="weekly-trend">
      <button type="button" onClick={() => void read()} disabled={busy}>
        {trend ? 'Read the trend again' : 'Show the incident trend'}
      </button>
      {error ? <p role="alert" className="action-error">Trend not read: {error}</p> : null}
      {rows && trend ? (
        <div className="trend-scroll">
        <table className="grid-table trend-table" aria-label="Incident trend">
          <caption>
            Last 7 days against the 7 before, as of {localClockTime(trend.at)}
          </caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Last 7 days</th>
              <th scope="col">7 days before</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.thisWeek}</td>
                <td>{r.lastWeek}</td>
                <td>{r.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
    </div>
  );
}
