/**
 * One dashboard panel: a labelled region that always says how old its numbers
 * are, and goes visibly stale or dead (banner, dimmed or struck values) when
 * its endpoint does. Colour is never the only signal: every state has words.
 */
import type { ReactNode } from 'react';
import type { EndpointName } from '../../src/contract/hft.js';
import { useCockpit } from './cockpit-context.js';
import { failureText } from './format.js';
import { usePanelFreshness } from './use-panel-freshness.js';

interface PanelProps {
  title: string;
  endpoint: EndpointName;
  /** Short facts next to the title, e.g. "3 losing". */
  summary?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Panel({ title, endpoint, summary, className, children }: PanelProps) {
  const freshness = usePanelFreshness(endpoint);
  const lastFailure = useCockpit((s) => s.endpoints[endpoint]?.lastFailure ?? null);
  const failures = useCockpit((s) => s.endpoints[endpoint]?.consecutiveFailures ?? 0);
  const invalid = useCockpit((s) => s.endpoints[endpoint]?.invalidResponses ?? 0);
  const { state } = freshness;

  return (
    <section aria-label={title} className={`panel ${className ?? ''}`} data-state={state}>
      <header className="panel-header">
        <h2>{title}</h2>
        {summary ? <span className="panel-summary">{summary}</span> : null}
        {/* Re-worded four times a second: read on demand, not announced on every tick. */}
        <p role="status" aria-live="off" className="freshness" data-freshness={state}>
          {freshness.text}
        </p>
      </header>
      {state === 'stale' || state === 'dead' ? (
        <div className={`banner banner-${state}`}>
          <strong>{state === 'dead' ? 'NO DATA' : 'STALE'}</strong>
          <span>
            {state === 'dead' ? ' — the API is not answering; values below are the last good ones' : ' — these numbers are not live'}
          </span>
        </div>
      ) : null}
      {(lastFailure && failures > 0) || invalid > 0 || freshness.warnings.length > 0 ? (
        <ul className="panel-problems">
          {lastFailure && failures > 0 ? (
            <li>
              last failure ({failures} in a row): <code>{failureText(lastFailure)}</code>
            </li>
          ) : null}
          {invalid > 0 ? <li>invalid responses since start: {invalid}</li> : null}
          {freshness.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <div className="panel-body">{children}</div>
    </section>
  );
}
