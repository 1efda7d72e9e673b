/**
 * The strategies, worst first by default, virtualised like the positions: at
 * 1,000 strategies every P&L moves every second and the worst-first order
 * reshuffles with it, so only the rows in view are mounted. Each row reads
 * the strategy at its place in the order; the order is sorted once per poll
 * (store/selectors.ts), not once per row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, useState, type CSSProperties } from 'react';
import type { StrategyStatus } from '../../src/contract/hft.js';
import {
  isAlarmingLoss, selectAlarmingStrategyCount, selectLosingStrategyCount, selectStrategyCount, selectStrategyInOrderAt, selectStrategyLossAlarmUsd,
  type StrategyOrder,
} from '../store/selectors.js';
import { useCockpit } from './cockpit-context.js';
import { formatPct, formatSignedUsd, formatUsd } from './format.js';
import { Panel } from './Panel.js';
import { StopLosingButton, StopStrategyButton } from '../killswitch/StopButtons.js';
import { POSITION_ROW_PX } from './position-layout.js';

const STATUS_WORDS: Record<StrategyStatus, string> = {
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  error: 'ERROR',
};

/** Same row height as the positions list, so both panels read alike. */
const ROW_PX = POSITION_ROW_PX;
/** Tallest the list grows, px (about 14 rows), as the positions list. */
const LIST_MAX_PX = 360;
/** Rows mounted beyond each edge of the view: enough for a wheel step without a blank flash. */
const OVERSCAN_ROWS = 4;
/** Built once: toLocaleString builds a new formatter on every call. */
const wholeNumber = new Intl.NumberFormat('en-US');
/** Name (with id), status, daily P&L (with its "losing" tag), trades, fill rate, exchanges, the stop button. */
const COLUMNS: CSSProperties = { gridTemplateColumns: 'minmax(96px, 1.4fr) 60px 128px 56px 60px minmax(56px, 1fr) 52px' };

export function StrategiesPanel() {
  // Worst first by default: the losing strategies are the ones to stop at 90 % of the loss limit.
  const [order, setOrder] = useState<StrategyOrder>('worst-first');
  const count = useCockpit(selectStrategyCount);
  const losing = useCockpit(selectLosingStrategyCount);
  const alarming = useCockpit(selectAlarmingStrategyCount);
  const alarmUsd = useCockpit(selectStrategyLossAlarmUsd);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN_ROWS,
  });
  const pnlSort = order === 'worst-first' ? 'ascending' : order === 'best-first' ? 'descending' : 'none';

  return (
    <Panel
      title="Strategies"
      endpoint="strategies"
      summary={
        count > 0 ? (
          <>
            <span className="value">{losing} of {count} below zero today</span>
            {alarming > 0 && alarmUsd !== null ? <strong className="value bad"> · {alarming} losing more than {formatUsd(alarmUsd)}</strong> : null}{' '}
            <StopLosingButton count={losing} />
          </>
        ) : null
      }
    >
      <div role="table" aria-label="Strategies" aria-rowcount={count + 1} className="vtable">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="vrow vhead" style={COLUMNS}>
            <span role="columnheader" aria-sort={order === 'name' ? 'ascending' : 'none'}>
              <button type="button" className="sort" onClick={() => setOrder('name')}>
                Strategy{order === 'name' ? ' ▲' : ''}
              </button>
            </span>
            <span role="columnheader">Status</span>
            <span role="columnheader" className="num" aria-sort={pnlSort}>
              <button
                type="button"
                className="sort"
                onClick={() => setOrder(order === 'worst-first' ? 'best-first' : 'worst-first')}
                aria-label={order === 'worst-first' ? 'Daily P&L, worst first; sort best first' : 'Daily P&L; sort worst first'}
              >
                Daily P&amp;L{order === 'worst-first' ? ' ▲ worst' : order === 'best-first' ? ' ▼ best' : ''}
              </button>
            </span>
            <span role="columnheader" className="num">Trades</span>
            <span role="columnheader" className="num">Fill rate</span>
            <span role="columnheader">Exchanges</span>
            <span role="columnheader">Stop</span>
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="vscroll" tabIndex={0} style={{ height: Math.min(LIST_MAX_PX, Math.max(1, count) * ROW_PX) }}>
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <StrategyRow key={item.key} index={item.index} order={order} top={item.start} />
            ))}
          </div>
        </div>
      </div>
    </Panel>
  );
}

/** Memoised, and reading only its own place in the order: a poll re-renders the rows in view whose strategy changed. */
const StrategyRow = memo(function StrategyRow({ index, order, top }: { index: number; order: StrategyOrder; top: number }) {
  const strategy = useCockpit((s) => selectStrategyInOrderAt(s, order, index));
  const alarmUsd = useCockpit(selectStrategyLossAlarmUsd);
  if (!strategy) return null;
  const pnl = strategy.performance.daily_pnl_usd;
  // Red and "losing" only past the playbook's share of the loss limit; a small loss reads as a plain negative number.
  const losing = isAlarmingLoss(pnl, alarmUsd);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`vrow ${losing ? 'row-losing' : ''}`}
      style={{ ...COLUMNS, transform: `translateY(${top}px)` }}
    >
      <span role="rowheader" title={strategy.strategy_id}>
        {strategy.name || strategy.strategy_id}
        <span className="muted"> {strategy.strategy_id}</span>
      </span>
      <span role="cell" className={`value status-${strategy.status}`}>{STATUS_WORDS[strategy.status]}</span>
      <span role="cell" className={`num value ${losing ? 'loss' : pnl > 0 ? 'gain' : ''}`}>
        {formatSignedUsd(pnl)}
        {losing ? <span className="tag"> losing</span> : null}
      </span>
      <span role="cell" className="num value">{wholeNumber.format(strategy.performance.trades_today)}</span>
      <span role="cell" className="num value">{formatPct(strategy.performance.fill_rate_pct)}</span>
      <span role="cell" className="value">{strategy.exchanges.join(', ')}</span>
      <span role="cell">{strategy.status === 'stopped' ? null : <StopStrategyButton strategyId={strategy.strategy_id} />}</span>
    </div>
  );
});
