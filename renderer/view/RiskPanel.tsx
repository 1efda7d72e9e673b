import { haltedState } from '../../src/core/killswitch/halted.js';
import { useCockpit } from './cockpit-context.js';
import { formatSignedUsd, formatUsd, localClockTime } from './format.js';
import { LimitMeter } from './LimitMeter.js';
import { Panel } from './Panel.js';
import { RiskChart } from './RiskChart.js';

/**
 * Loss-limit levels, % used: 90 is where the procedure says to get ready to
 * kill and stop losing strategies; 100 fires the killswitch automatically.
 * Warning from 70 gives the desk a heads-up before that.
 */
export const LOSS_LIMIT_PREPARE_PCT = 90;
const LOSS_LIMIT_WARN_PCT = 70;
/** Exposure vs the position limit, %: the same shape of warning. */
const EXPOSURE_WARN_PCT = 75;
const EXPOSURE_DANGER_PCT = 90;

export function RiskPanel() {
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  return (
    <Panel title="Risk" endpoint="risk" className="panel-risk">
      {risk ? (
        <>
          <div className="risk-headline">
            <div>
              <div className="muted">Daily P&amp;L</div>
              <div className={`big value ${risk.daily_pnl_usd < 0 ? 'loss' : 'gain'}`}>{formatSignedUsd(risk.daily_pnl_usd)}</div>
            </div>
            <Killswitch />
          </div>
          <LimitMeter
            label="Daily loss limit used"
            usedPct={risk.loss_limit_used_pct}
            valueText={`${risk.loss_limit_used_pct.toFixed(1)}% of the ${formatUsd(risk.daily_loss_limit_usd)} daily loss limit used`}
            marker={{ atPct: LOSS_LIMIT_PREPARE_PCT, caption: '90%' }}
            warnAtPct={LOSS_LIMIT_WARN_PCT}
            dangerAtPct={LOSS_LIMIT_PREPARE_PCT}
          >
            limit {formatUsd(risk.daily_loss_limit_usd)}
            {risk.loss_limit_used_pct >= LOSS_LIMIT_PREPARE_PCT ? <strong className="bad"> — at 90%: get ready to kill, stop losing strategies, tell the desk</strong> : null}
          </LimitMeter>
          <LimitMeter
            label="Gross exposure vs position limit"
            usedPct={(risk.gross_exposure_usd / risk.position_limit_usd) * 100}
            valueText={`gross exposure ${formatUsd(risk.gross_exposure_usd)} of ${formatUsd(risk.position_limit_usd)} position limit`}
            warnAtPct={EXPOSURE_WARN_PCT}
            dangerAtPct={EXPOSURE_DANGER_PCT}
          >
            {formatUsd(risk.gross_exposure_usd)} of {formatUsd(risk.position_limit_usd)}
          </LimitMeter>
          <LimitMeter
            label="Net exposure vs position limit"
            usedPct={(Math.abs(risk.net_exposure_usd) / risk.position_limit_usd) * 100}
            valueText={`net exposure ${formatUsd(risk.net_exposure_usd)} of ${formatUsd(risk.position_limit_usd)} position limit`}
            warnAtPct={EXPOSURE_WARN_PCT}
            dangerAtPct={EXPOSURE_DANGER_PCT}
          >
            {risk.net_exposure_usd >= 0 ? 'net long ' : 'net short '}
            {formatUsd(Math.abs(risk.net_exposure_usd))}
          </LimitMeter>
        </>
      ) : (
        <p className="muted">No risk summary yet.</p>
      )}
      <RiskChart />
    </Panel>
  );
}

function Killswitch() {
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const tradingEnabled = status?.trading_enabled ?? null;
  // The same halted state the header and the Kill switch button read.
  const halted = haltedState(status, risk);
  if (!halted) {
    return (
      <div className="killswitch killswitch-off value">
        Killswitch: off{tradingEnabled === false ? ' — but trading is DISABLED' : tradingEnabled ? ' — trading enabled' : ''}
      </div>
    );
  }
  return (
    <div className="killswitch killswitch-on value">
      <strong>TRADING HALTED</strong>
      {halted.since !== null ? ` since ${localClockTime(halted.since)}` : ''} ({halted.byWords})
      {halted.reason ? <div>reason: {halted.reason}</div> : null}
    </div>
  );
}
