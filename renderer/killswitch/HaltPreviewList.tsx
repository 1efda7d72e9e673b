/**
 * The dialog's "what is about to stop", from the live store, each figure
 * with the age of the data it comes from: a number from half a minute ago
 * is said to be that old, never passed off as now.
 */
import { useMemo } from 'react';
import type { EndpointName } from '../../src/contract/hft.js';
import { useCockpit } from '../view/cockpit-context.js';
import { formatPct, formatSignedUsd, formatUsd } from '../view/format.js';
import { usePanelFreshness } from '../view/use-panel-freshness.js';
import { haltPreview } from './halt-preview.js';

/** Exchanges listed by name before "and N more": the largest exposures matter most. */
const EXCHANGES_SHOWN = 6;

function Age({ endpoint }: { endpoint: EndpointName }) {
  const freshness = usePanelFreshness(endpoint);
  return (
    <span className={`age freshness-${freshness.state}`} data-freshness={freshness.state}>
      {freshness.text}
    </span>
  );
}

export function HaltPreviewList() {
  const strategies = useCockpit((s) => s.endpoints.strategies?.data ?? null);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const positions = useCockpit((s) => s.endpoints.positions?.data ?? null);
  const preview = useMemo(() => haltPreview(strategies, risk, positions), [strategies, risk, positions]);
  const dash = '—';
  const shown = preview.byExchange?.slice(0, EXCHANGES_SHOWN) ?? [];
  const more = (preview.byExchange?.length ?? 0) - shown.length;

  return (
    <section aria-label="What will stop" className="halt-preview">
      <h3>What will stop</h3>
      <dl>
        <div>
          <dt>Strategies to stop</dt>
          <dd>
            <strong>{preview.strategiesToStop ?? dash}</strong>
            {preview.strategiesRunning !== null ? <span className="muted"> ({preview.strategiesRunning} running)</span> : null} <Age endpoint="strategies" />
          </dd>
        </div>
        <div>
          <dt>Gross / net exposure</dt>
          <dd>
            <strong>{preview.grossExposureUsd === null ? dash : formatUsd(preview.grossExposureUsd)}</strong> /{' '}
            <strong>{preview.netExposureUsd === null ? dash : formatSignedUsd(preview.netExposureUsd)}</strong> <Age endpoint="risk" />
          </dd>
        </div>
        <div>
          <dt>Daily P&amp;L vs loss limit</dt>
          <dd>
            <strong>{preview.dailyPnlUsd === null ? dash : formatSignedUsd(preview.dailyPnlUsd)}</strong>
            {preview.lossLimitUsd !== null ? <> of −{formatUsd(preview.lossLimitUsd)}</> : null}
            {preview.lossLimitUsedPct !== null ? <strong> ({formatPct(preview.lossLimitUsedPct)} used)</strong> : null} <Age endpoint="risk" />
          </dd>
        </div>
        <div>
          <dt>Open positions by exchange (they stay open)</dt>
          <dd>
            {preview.byExchange === null ? dash : preview.byExchange.length === 0 ? 'none' : null}
            <Age endpoint="positions" />
            {shown.length > 0 ? (
              <ul className="by-exchange">
                {shown.map((row) => (
                  <li key={row.exchange}>
                    {row.exchange}: {row.positions} positions, gross {formatUsd(row.grossUsd)}, net {formatSignedUsd(row.netUsd)}
                  </li>
                ))}
                {more > 0 ? <li className="muted">and {more} more exchanges</li> : null}
              </ul>
            ) : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}
