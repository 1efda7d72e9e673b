/**
 * Daily P&L and loss-limit use over the shift. The history lives in a ring
 * outside React; on each new point it is downsampled to the chart's pixel
 * width and drawn with animation off (live data must not lag behind a tween).
 */
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useRiskHistory } from './cockpit-context.js';
import { compactUsd, distinctLabels, riskChartPoints, timeTicks, valueTicks, type RiskPoint } from './chart-points.js';
import { formatPct, formatSignedUsd, localClockTime } from './format.js';

const CHART_HEIGHT_PX = 180;
const MIN_WIDTH_PX = 200;

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Ticks on each value axis: recharts' own choice can print the same rounded label twice. */
const VALUE_TICKS = 5;

/** Memoised: the risk panel re-renders on every poll, the chart only when the history grows. */
export const RiskChart = memo(function RiskChart() {
  const { ring, version: latest } = useRiskHistory();
  // The chart redraws after the live numbers have committed, never in their way.
  const version = useDeferredValue(latest);
  const [ref, width] = useWidth<HTMLDivElement>();
  const updateStarted = useRef(0);
  const figure = useRef<HTMLElement>(null);
  const chartWidth = Math.max(MIN_WIDTH_PX, width);
  // Axis margins take ~110 px of the width; the plot area gets the rest.
  const plotWidth = Math.max(2, chartWidth - 110);

  const points = useMemo(() => {
    updateStarted.current = performance.now();
    return riskChartPoints(ring.columns(), plotWidth);
    // `version` is the ring's change counter: a new point means new columns.
  }, [ring, version, plotWidth]);

  useLayoutEffect(() => {
    // Downsampling plus React's commit of the SVG: the chart's update time.
    // Written to the DOM, not to state: a state update here would render the chart again.
    if (figure.current) figure.current.dataset.chartUpdateMs = (performance.now() - updateStarted.current).toFixed(1);
  }, [points]);

  const first = points[0];
  const last = points.at(-1);
  const ticks = useMemo(
    () => (first && last ? timeTicks(first.t, last.t, Math.max(2, Math.floor(plotWidth / 90)), -new Date(last.t).getTimezoneOffset()) : []),
    [first, last, plotWidth],
  );
  const summary = last
    ? `Daily P&L and loss-limit use since ${localClockTime(points[0]!.t)}; now ${formatSignedUsd(last.pnl)}, ${formatPct(last.used)} of the limit`
    : 'Daily P&L and loss-limit use: no history yet';

  return (
    <figure ref={figure} className="risk-chart" aria-label={summary} data-points={points.length}>
      <figcaption className="muted">
        Shift chart: daily P&amp;L (solid, left axis) and loss limit used (dashed, right axis); {ring.length.toLocaleString('en-US')} points,{' '}
        {points.length.toLocaleString('en-US')} drawn
      </figcaption>
      <div ref={ref} className="risk-chart-area">
        {points.length >= 2 ? (
          <RiskChartPlot points={points} ticks={ticks} width={chartWidth} />
        ) : (
          <p className="muted">Not enough history to draw yet.</p>
        )}
      </div>
    </figure>
  );
});

/** The SVG itself; memoised so that only new points, ticks or a new width redraw it. */
const RiskChartPlot = memo(function RiskChartPlot({ points, ticks, width }: { points: RiskPoint[]; ticks: number[]; width: number }) {
  // Seconds only where minutes alone would repeat a label (ticks less than a minute apart, early in a shift).
  const timeLabel = useMemo(() => distinctLabels(ticks, (t, digits) => (digits === 0 ? localClockTime(t).slice(0, 5) : localClockTime(t)), 1), [ticks]);
  const axes = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    let used = 0;
    for (const p of points) {
      lo = Math.min(lo, p.pnl);
      hi = Math.max(hi, p.pnl);
      used = Math.max(used, p.used);
    }
    const pnl = valueTicks(lo, hi, VALUE_TICKS);
    const pct = valueTicks(0, Math.max(100, Math.ceil(used)), VALUE_TICKS);
    return {
      pnl, pnlLabel: distinctLabels(pnl, compactUsd),
      pct, pctLabel: distinctLabels(pct, (v, digits) => `${v.toFixed(digits)}%`),
    };
  }, [points]);
  const holder = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // recharts 3.11 renders its z-index layers as bare <g> portals, which
    // Chromium puts in the tab order: six empty tab stops inside the chart.
    // https://github.com/recharts/recharts/pull/6687 added tabindex=-1 for
    // this, https://github.com/recharts/recharts/pull/7805 took it out again.
    holder.current?.querySelectorAll('g[class^="recharts-zIndex-layer_"]').forEach((g) => g.setAttribute('tabindex', '-1'));
  });
  return (
    <div ref={holder}>
      <LineChart
        // The figure around the chart carries its summary; recharts' keyboard layer would add tab stops inside the SVG.
        accessibilityLayer={false}
        width={width}
        height={CHART_HEIGHT_PX}
        data={points}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
      >
        <CartesianGrid stroke="#2a3340" strokeDasharray="2 4" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          ticks={ticks}
          interval={0}
          tickFormatter={timeLabel}
          stroke="#8b97a7"
        />
        <YAxis
          yAxisId="pnl"
          stroke="#8b97a7"
          ticks={axes.pnl}
          domain={[axes.pnl[0] ?? 'auto', axes.pnl.at(-1) ?? 'auto']}
          tickFormatter={axes.pnlLabel}
          width={56}
          interval={0}
        />
        <YAxis
          yAxisId="used"
          orientation="right"
          stroke="#8b97a7"
          ticks={axes.pct}
          domain={[0, axes.pct.at(-1) ?? 100]}
          tickFormatter={axes.pctLabel}
          width={44}
          interval={0}
        />
        <ReferenceLine yAxisId="used" y={90} stroke="#ff5c5c" strokeDasharray="6 3" label={{ value: '90%', fill: '#ff8a8a', position: 'insideTopLeft' }} />
        <Tooltip
          isAnimationActive={false}
          contentStyle={{ background: '#10161f', border: '1px solid #2a3340' }}
          labelFormatter={(t) => localClockTime(Number(t))}
          formatter={(v, name) => (name === 'Daily P&L' ? formatSignedUsd(Number(v)) : formatPct(Number(v)))}
        />
        <Line yAxisId="pnl" name="Daily P&L" dataKey="pnl" stroke="#6cb6ff" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        <Line
          yAxisId="used"
          name="Loss limit used"
          dataKey="used"
          stroke="#f0b84b"
          strokeDasharray="4 2"
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
});
