/**
 * The position book, virtualised: 10,000 rows update every poll, so only the
 * rows in view are mounted, and each subscribes to its own row object (which
 * the store keeps identical when the row did not change).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import { selectPositionAt, selectPositionCount, selectTotalUnrealizedPnl } from '../store/selectors.js';
import { useCockpit } from './cockpit-context.js';
import { formatPrice, formatQuantity, formatSignedUsd, formatUsd } from './format.js';
import { Panel } from './Panel.js';
import { POSITION_ROW_PX } from './position-layout.js';

const COLUMNS = ['Exchange', 'Symbol', 'Side', 'Qty', 'Entry', 'Mark', 'Notional', 'uPnL', 'Strategy'] as const;
const NUMERIC = new Set(['Qty', 'Entry', 'Mark', 'Notional', 'uPnL']);
/**
 * Rows mounted beyond each edge of the view. Every mounted row re-renders on
 * every poll (the trading system re-marks every position each tick), so
 * overscan costs per poll, not only while scrolling.
 */
const OVERSCAN_ROWS = 4;
/** Built once: toLocaleString builds a new formatter on every call. */
const wholeNumber = new Intl.NumberFormat('en-US');

export function PositionsPanel() {
  const count = useCockpit(selectPositionCount);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => POSITION_ROW_PX,
    overscan: OVERSCAN_ROWS,
  });

  return (
    <Panel
      title="Positions"
      endpoint="positions"
      className="panel-positions"
      summary={count > 0 ? <PositionsSummary count={count} /> : null}
    >
      <div role="table" aria-label="Open positions" aria-rowcount={count + 1} className="vtable">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="vrow vhead">
            {COLUMNS.map((c) => (
              <span role="columnheader" key={c} className={NUMERIC.has(c) ? 'num' : ''}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="vscroll" tabIndex={0}>
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <PositionRow key={item.key} index={item.index} top={item.start} />
            ))}
          </div>
        </div>
      </div>
    </Panel>
  );
}

/**
 * Its own component, so the total's change on every poll does not re-render
 * the list around it; the total is summed once per poll (store/selectors.ts).
 */
function PositionsSummary({ count }: { count: number }) {
  const totalUpnl = useCockpit(selectTotalUnrealizedPnl);
  return (
    <span className="value">
      {wholeNumber.format(count)} open · uPnL <span className={totalUpnl < 0 ? 'loss' : 'gain'}>{formatSignedUsd(totalUpnl)}</span>
    </span>
  );
}

/** Memoised: when the list re-renders (scrolling), rows whose position did not change stay as they are. */
const PositionRow = memo(function PositionRow({ index, top }: { index: number; top: number }) {
  const p = useCockpit((s) => selectPositionAt(s, index));
  if (!p) return null;
  const losing = p.unrealized_pnl_usd < 0;
  return (
    <div role="row" aria-rowindex={index + 2} className="vrow" style={{ transform: `translateY(${top}px)` }}>
      <span role="cell">{p.exchange}</span>
      <span role="cell">{p.symbol}</span>
      <span role="cell" className={`value side-${p.side}`}>{p.side}</span>
      <span role="cell" className="num value">{formatQuantity(p.quantity)}</span>
      <span role="cell" className="num value">{formatPrice(p.avg_entry_price)}</span>
      <span role="cell" className="num value">{formatPrice(p.mark_price)}</span>
      <span role="cell" className="num value">{formatUsd(p.notional_usd)}</span>
      <span role="cell" className={`num value ${losing ? 'loss' : 'gain'}`}>{formatSignedUsd(p.unrealized_pnl_usd)}</span>
      <span role="cell">{p.strategy_id}</span>
    </div>
  );
});
