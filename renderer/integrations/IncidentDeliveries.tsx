/**
 * What the cockpit sent, holds or gave up on for one incident, oldest
 * first: where (PagerDuty, Slack, the status page, Alertmanager), what,
 * the result in a word and when, and for a message still owed when it goes
 * again and why the last attempt failed. Shown once any integration is set
 * up or the incident has deliveries.
 */
import { CHANNEL_LABELS } from '../../src/core/outbox/model.js';
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';
import { deliveryWords } from './integration-words.js';
import { useDeliveries, useIntegrations } from './integrations.js';

export function IncidentDeliveries({ incidentId }: { incidentId: string }) {
  const deliveries = useDeliveries(incidentId);
  const anyOn = useIntegrations((s) => s.view?.states.some((x) => x.configured || x.needsToken) ?? false);
  const linkUp = useCockpit((s) => s.linkUp);
  if (!anyOn && !deliveries?.length) return null;
  return (
    <section className="deliveries" aria-label="Deliveries">
      <h4>
        Sent to other systems{!linkUp ? <span className="muted"> (as last heard: the host link is down)</span> : null}
      </h4>
      {deliveries === undefined ? (
        <p className="muted">Reading the outbox…</p>
      ) : deliveries.length === 0 ? (
        <p className="muted">Nothing sent for this incident yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">What</th>
              <th scope="col">Result</th>
              <th scope="col">When / why</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => {
              const w = deliveryWords(d, localClockTime);
              return (
                <tr key={d.id} className={`level-${w.level}`} data-status={d.status}>
                  <td>{CHANNEL_LABELS[d.channel]}</td>
                  <td className="delivery-what">{d.summary}</td>
                  <td>
                    <span className="delivery-status">{w.status}</span>
                  </td>
                  <td>{w.detail}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
