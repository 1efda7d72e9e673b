/**
 * The header's integrations line: each configured integration with its
 * state in a word (connected, N queued, FAILING since when and why, token
 * needed), the ones not set up named once, and a way to Settings. While the
 * host link is down the states are the last ones heard and say so.
 */
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';
import { integrationStateWords } from './integration-words.js';
import { openIntegrationSettings, useIntegrations } from './integrations.js';
import './integrations.css';

export function IntegrationsStatus() {
  const view = useIntegrations((s) => s.view);
  const linkUp = useCockpit((s) => s.linkUp);
  if (!view) return null;
  const shown = view.states.filter((s) => s.configured || s.needsToken);
  const off = view.states.filter((s) => !s.configured && !s.needsToken);
  return (
    <div className="integrations-status" role="group" aria-label="Integrations" data-stale={linkUp ? undefined : 'true'}>
      {shown.map((s) => {
        const w = integrationStateWords(s, localClockTime);
        return (
          <p key={s.channel} role="status" aria-label={`${s.label} integration`} className={`integration level-${w.level}`} title={w.detail || undefined}>
            <span className="muted">{s.label} </span>
            <strong>{w.word}</strong>
            {w.level === 'danger' || s.needsToken ? <span className="integration-detail"> {w.detail}</span> : null}
          </p>
        );
      })}
      {off.length > 0 ? (
        <p className="muted integration-off" role="status" aria-label="Integrations not set up">
          {shown.length === 0 ? 'Integrations off' : `Not set up: ${off.map((s) => s.label).join(', ')}`}
        </p>
      ) : null}
      {!linkUp ? <p className="muted">(last known)</p> : null}
      <button type="button" className="small" onClick={openIntegrationSettings} aria-label="Set up integrations">
        Set up
      </button>
    </div>
  );
}
