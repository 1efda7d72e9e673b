import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectExchange, selectExchangeNames } from '../store/selectors.js';
import { useCockpit } from './cockpit-context.js';
import { formatDuration, formatMs, formatPct } from './format.js';
import { Panel } from './Panel.js';
import { StopExchangeButton } from '../killswitch/StopButtons.js';
import { dataAgeMs } from './panel-freshness.js';
import { useNow } from './use-now.js';

/** Rate-limit use above which a row warns, %: exchanges start rejecting near 100. */
const RATE_LIMIT_WARN_PCT = 80;

export function ExchangesPanel() {
  const names = useCockpit(useShallow(selectExchangeNames));
  const down = useCockpit((s) => s.endpoints.status?.data?.exchanges.filter((e) => !e.connected).length ?? 0);
  return (
    <Panel
      title="Exchanges"
      endpoint="status"
      summary={names.length > 0 ? (down > 0 ? <span className="value bad">{down} disconnected</span> : <span className="value">all {names.length} connected</span>) : null}
    >
      <table className="grid-table">
        <thead>
          <tr>
            <th scope="col">Exchange</th>
            <th scope="col">Link</th>
            <th scope="col" className="num">Latency</th>
            <th scope="col" className="num">Last message</th>
            <th scope="col" className="num">Rate limit</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <ExchangeRow key={name} name={name} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

const ExchangeRow = memo(function ExchangeRow({ name }: { name: string }) {
  const exchange = useCockpit((s) => selectExchange(s, name));
  const serverTime = useCockpit((s) => s.endpoints.status?.data?.timestamp);
  const view = useCockpit((s) => s.endpoints.status);
  const arrivedAt = useCockpit((s) => s.arrivedAt.status);
  const now = useNow();
  if (!exchange) return null;
  // Both instants are on the server's clock, so skew does not enter; then aged by the answer's own age.
  const atAnswer = serverTime ? Date.parse(serverTime) - Date.parse(exchange.last_message_at) : null;
  const age = atAnswer === null ? null : atAnswer + (dataAgeMs(view, arrivedAt, now) ?? 0);
  return (
    <tr className={exchange.connected ? '' : 'row-bad'}>
      <th scope="row">{exchange.name}</th>
      <td className={exchange.connected ? 'ok' : 'bad'}>
        <span aria-hidden="true">{exchange.connected ? '● ' : '✖ '}</span>
        <span className="value">{exchange.connected ? 'connected' : 'disconnected'}</span>
        {exchange.connected ? null : <> <StopExchangeButton exchange={exchange.name} /></>}
      </td>
      <td className="num value">{formatMs(exchange.latency_ms)}</td>
      <td className="num value">{age === null ? '—' : `${formatDuration(age)} ago`}</td>
      <td className={`num value ${exchange.rate_limit_used_pct >= RATE_LIMIT_WARN_PCT ? 'warn' : ''}`}>
        {formatPct(exchange.rate_limit_used_pct, 0)}
      </td>
    </tr>
  );
});
