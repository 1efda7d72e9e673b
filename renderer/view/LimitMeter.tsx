/**
 * A horizontal gauge of how much of a limit is used, with the level in words
 * and an optional marker (the 90 % line of the loss-limit procedure).
 */

export interface LimitMeterProps {
  label: string;
  /** Percent of the limit used; may exceed 100. */
  usedPct: number;
  /** Full sentence for assistive technology, e.g. "82.5% of the $50,000 daily loss limit used". */
  valueText: string;
  /** Percent at which to draw a marker line, with its caption. */
  marker?: { atPct: number; caption: string };
  /** Percent from which the level reads "warning" and "danger". */
  warnAtPct: number;
  dangerAtPct: number;
  children?: React.ReactNode;
}

export type MeterLevel = 'ok' | 'warning' | 'danger';

export const meterLevel = (usedPct: number, warnAtPct: number, dangerAtPct: number): MeterLevel =>
  usedPct >= dangerAtPct ? 'danger' : usedPct >= warnAtPct ? 'warning' : 'ok';

const LEVEL_WORDS: Record<MeterLevel, string> = { ok: 'ok', warning: 'WARNING', danger: 'DANGER' };

export function LimitMeter({ label, usedPct, valueText, marker, warnAtPct, dangerAtPct, children }: LimitMeterProps) {
  const level = meterLevel(usedPct, warnAtPct, dangerAtPct);
  const fill = Math.max(0, Math.min(100, usedPct));
  return (
    <div className={`meter meter-${level}`}>
      <div className="meter-caption">
        <span>{label}</span>
        <span className="value meter-figure">
          {usedPct.toFixed(1)}% <span className="meter-level">{LEVEL_WORDS[level]}</span>
        </span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(usedPct, 100) * 10) / 10}
        aria-valuetext={valueText}
        className="meter-track"
      >
        <div className="meter-fill" style={{ width: `${fill}%` }} />
        {marker ? (
          <div className="meter-marker" style={{ left: `${marker.atPct}%` }}>
            <span>{marker.caption}</span>
          </div>
        ) : null}
      </div>
      {children ? <div className="meter-detail value">{children}</div> : null}
    </div>
  );
}
