/**
 * The top line: which system this is (and a DEMO badge nobody can miss when
 * it is the simulator), whether it answers, and whether this page still
 * hears its host.
 */
import { memo } from 'react';
import { useCockpit } from './cockpit-context.js';
import { demoSimulatorLine } from '../../src/core/demo.js';
import { haltedState } from '../../src/core/killswitch/halted.js';
import { formatDuration, localClockTime } from './format.js';
import { usePanelFreshness } from './use-panel-freshness.js';
import { KillswitchButton } from '../killswitch/KillswitchButton.js';
import { AccessStatus } from '../checks/AccessStatus.js';
import { DocsButton } from '../docs/DocsButton.js';
import { HandoffButton } from '../handoff/HandoffButton.js';
import { SettingsButton } from '../settings/SettingsButton.js';
import { IntegrationsStatus } from '../integrations/IntegrationsStatus.js';
import { DrillButton } from '../drill/DrillButton.js';
import { ChangesStatus } from '../changes/ChangesStatus.js';

export function Header() {
  const info = useCockpit((s) => s.info);
  const health = useCockpit((s) => s.endpoints.health?.data ?? null);
  const healthFreshness = usePanelFreshness('health');
  const linkUp = useCockpit((s) => s.linkUp);
  const apiRoute = useCockpit((s) => s.apiRoute);
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const halted = haltedState(status, risk);

  const notResponding = healthFreshness.state === 'dead';
  const healthWord = notResponding ? 'NOT RESPONDING' : health ? (health.status === 'ok' ? 'ok' : 'DEGRADED') : 'unknown';
  const healthLevel = notResponding ? 'danger' : health?.status === 'degraded' ? 'warning' : health ? 'ok' : 'unknown';
  const uptimeMs = health ? health.uptime_s * 1000 + (healthFreshness.ageMs ?? 0) : null;

  return (
    <header className="top">
      {/* The first line says what is watched and how it is; the second holds what the engineer can do. */}
      <div className="top-line">
        <h1>On-call cockpit</h1>
        {info?.demo ? (
          <p className="demo-badge" title={demoSimulatorLine(info.apiUrl)} aria-description={demoSimulatorLine(info.apiUrl)}>
            DEMO — simulated trading system
          </p>
        ) : null}
        <p className="api-url">
          <span className="muted">API </span>
          <code>{info?.apiUrl ?? '…'}</code>
          {apiRoute?.kind === 'ssh' ? <strong className="api-route"> via SSH {apiRoute.via}</strong> : null}
          {apiRoute?.note ? <span className="muted api-route-note" title={apiRoute.note}> · {apiRoute.note}</span> : null}
        </p>
        <p role="status" aria-label="System health" className={`health level-${healthLevel}`}>
          <span className="muted">health </span>
          <strong>{healthWord}</strong>
          {healthFreshness.state === 'stale' ? <span> (stale)</span> : null}
          {health ? (
            <span className="muted">
              {' '}
              v{health.version}
              {/* An uptime counted on from the last answer would claim the system is still up. */}
              {notResponding ? ' (last seen)' : ` · up ${uptimeMs === null ? '—' : formatDuration(uptimeMs)}`}
            </span>
          ) : null}
        </p>
        {halted ? (
          <p className="killswitch-flag" role="status" aria-label="Trading halted">
            TRADING HALTED{halted.since !== null ? ` since ${localClockTime(halted.since)}` : ''} ({halted.byWords})
          </p>
        ) : null}
        <p role="status" aria-label="Host link" className={`link ${linkUp ? 'level-ok' : 'level-danger'}`} title={info ? `${info.hostKind} host · cockpit v${info.version}` : undefined}>
          <span className="muted">host link </span>
          <strong>{linkUp ? 'up' : 'DOWN — reconnecting'}</strong>
          {info ? <span className="muted link-detail"> · {info.hostKind} · cockpit v{info.version}</span> : null}
        </p>
      </div>
      <HeaderActions />
    </header>
  );
}

/**
 * The second line. Memoised: the line above is re-worded on every fast-lane
 * answer and freshness tick (a dozen times a second), and each of these reads
 * the store itself, so none of them needs to render again with it.
 */
const HeaderActions = memo(function HeaderActions() {
  return (
    <div className="top-line top-actions">
      <KillswitchButton />
      <DrillButton />
      <AccessStatus />
      <IntegrationsStatus />
      <ChangesStatus />
      <nav aria-label="Docs, handoff and settings" className="header-help">
        <DocsButton />
        <HandoffButton />
        <SettingsButton />
      </nav>
    </div>
  );
});
