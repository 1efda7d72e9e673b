import { useCockpit } from './cockpit-context.js';
import { formatMs, formatPct, skewText } from './format.js';
import { Panel } from './Panel.js';
import { SKEW_WARN_MS } from './panel-freshness.js';

/**
 * Resource thresholds, % used, from the on-call procedures: CPU above 80 %
 * points at a runaway process, memory above 90 % at a leak, disk above 95 %
 * makes a low-disk alert SEV2 (warning from 85 %).
 */
const CPU_WARN_PCT = 80;
const MEMORY_WARN_PCT = 90;
const DISK_WARN_PCT = 85;
const DISK_DANGER_PCT = 95;

export function SystemPanel() {
  const latency = useCockpit((s) => s.endpoints.status?.data?.latency ?? null);
  const resources = useCockpit((s) => s.endpoints.status?.data?.resources ?? null);
  const skew = useCockpit((s) => s.endpoints.status?.clockSkewMs ?? null);
  return (
    <Panel title="System" endpoint="status">
      {latency && resources ? (
        <dl className="facts">
          <dt>Order latency p50</dt>
          <dd className="value">{formatMs(latency.order_p50_ms)}</dd>
          <dt>Order latency p99</dt>
          <dd className="value">{formatMs(latency.order_p99_ms)}</dd>
          <dt>Market data p99</dt>
          <dd className="value">{formatMs(latency.market_data_p99_ms)}</dd>
          <Resource label="CPU" pct={resources.cpu_pct} warnAt={CPU_WARN_PCT} note="runaway process?" />
          <Resource label="Memory" pct={resources.memory_pct} warnAt={MEMORY_WARN_PCT} note="leak?" />
          <Resource label="Disk" pct={resources.disk_pct} warnAt={DISK_WARN_PCT} dangerAt={DISK_DANGER_PCT} note="archive logs, drop old partitions" />
          <dt>Clock skew</dt>
          <dd className={`value ${skew !== null && Math.abs(skew) >= SKEW_WARN_MS ? 'warn' : ''}`}>
            {skew === null ? 'unknown' : Math.abs(skew) < SKEW_WARN_MS ? `in step (${Math.round(skew)} ms)` : skewText(skew)}
          </dd>
        </dl>
      ) : (
        <p className="muted">No system status yet.</p>
      )}
    </Panel>
  );
}

function Resource({ label, pct, warnAt, dangerAt, note }: { label: string; pct: number; warnAt: number; dangerAt?: number; note: string }) {
  const level = dangerAt !== undefined && pct >= dangerAt ? 'danger' : pct >= warnAt ? 'warning' : 'ok';
  return (
    <>
      <dt>{label}</dt>
      <dd className={`value level-${level}`}>
        {formatPct(pct)}
        {level !== 'ok' ? <strong> {level === 'danger' ? 'DANGER' : 'HIGH'} — {note}</strong> : null}
      </dd>
    </>
  );
}
