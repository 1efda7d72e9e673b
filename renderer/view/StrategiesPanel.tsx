import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StrategyStatus } from '../../src/contract/hft.js';
import { selectLosingStrategyCount, selectStrategy, selectStrategyIds, type StrategyOrder } from '../store/selectors.js';
import { useCockpit } from './cockpit-context.js';
import { formatPct, formatSignedUsd } from './format.js';
import { Panel } from './Panel.js';

const STATUS_WORDS: Record<StrategyStatus, string> = {
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  error: 'ERROR',
};

export function StrategiesPanel() {
  // Worst first by default: the losing strategies are the ones to stop at 90 % of the loss limit.
  const [order, setOrder] = useState<StrategyOrder>('worst-first');
  const ids = useCockpit(useShallow((s) => selectStrategyIds(s, order)));
  const losing = useCockpit(selectLosingStrategyCount);
  const pnlSort = order === 'worst-first' ? 'ascending' : order === 'best-first' ? 'descending' : 'none';

  return (
    <Panel
      title="Strategies"
      endpoint="strategies"
      summary={ids.length > 0 ? <span className={`value ${losing > 0 ? 'bad' : ''}`}>{losing} of {ids.length} losing today</span> : null}
    >
      <div className="table-scroll" tabIndex={0}>
        <table className="grid-table">
          <thead>
            <tr>
              <th scope="col" aria-sort={order === 'name' ? 'ascending' : 'none'}>
                <button type="button" className="sort" onClick={() => setOrder('name')}>
                  Strategy{order === 'name' ? ' ▲' : ''}
                </button>
              </th>
              <th scope="col">Status</th>
              <th scope="col" className="num" aria-sort={pnlSort}>
                <button
                  type="button"
                  className="sort"
                  onClick={() => setOrder(order === 'worst-first' ? 'best-first' : 'worst-first')}
                  aria-label={order === 'worst-first' ? 'Daily P&L, worst first; sort best first' : 'Daily P&L; sort worst first'}
                >
                  Daily P&amp;L{order === 'worst-first' ? ' ▲ worst first' : order === 'best-first' ? ' ▼ best first' : ''}
                </button>
              </th>
              <th scope="col" className="num">Trades</th>
              <th scope="col" className="num">Fill rate</th>
              <th scope="col">Exchanges</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <StrategyRow key={id} id={id} />
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

const StrategyRow = memo(function StrategyRow({ id }: { id: string }) {
  const strategy = useCockpit((s) => selectStrategy(s, id));
  if (!strategy) return null;
  const pnl = strategy.performance.daily_pnl_usd;
  const losing = pnl < 0;
  return (
    <tr className={losing ? 'row-losing' : ''}>
      <th scope="row" title={strategy.strategy_id}>
        {strategy.name || strategy.strategy_id}
        <span className="muted"> {strategy.strategy_id}</span>
      </th>
      <td className={`value status-${strategy.status}`}>{STATUS_WORDS[strategy.status]}</td>
      <td className={`num value ${losing ? 'loss' : pnl > 0 ? 'gain' : ''}`}>
        {formatSignedUsd(pnl)}
        {losing ? <span className="tag"> losing</span> : null}
      </td>
      <td className="num value">{strategy.performance.trades_today.toLocaleString('en-US')}</td>
      <td className="num value">{formatPct(strategy.performance.fill_rate_pct)}</td>
      <td className="value">{strategy.exchanges.join(', ')}</td>
    </tr>
  );
});
