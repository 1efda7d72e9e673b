/**
 * The header's `Kill switch` button, always visible. From the playbook's
 * prepare-to-kill mark (90 % of the daily loss limit) it shows itself
 * ARMED, in words and colour, and the dialog it opens preselects the
 * loss-limit reason; once trading is halted it says HALTED instead, and the
 * dialog opens on the halted state. Pressing it only opens the dialog:
 * nothing is sent before a reason and a completed hold. The note sits
 * beside the button, not in it, so the button's name is its visible text.
 */
import { useMemo, useState } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import { killswitchReadiness } from '../../src/core/killswitch/select.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { getHost } from '../host/index.js';
import { useCockpit } from '../view/cockpit-context.js';
import { formatPct, localClockTime } from '../view/format.js';
import { usePanelFreshness } from '../view/use-panel-freshness.js';
import { haltedState } from '../../src/core/killswitch/halted.js';
import { KillswitchDialog } from './KillswitchDialog.js';
import './killswitch.css';

export function KillswitchButton({ host }: { host?: CockpitHost }) {
  const [open, setOpen] = useState(false);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const playbook = useCockpit((s) => s.playbook) ?? DEFAULT_PLAYBOOK;
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const halted = haltedState(status, risk);
  const readiness = killswitchReadiness(risk, playbook);
  const armed = readiness.armed && !halted;
  // The note is read from the risk and status figures: when they are not fresh (the API or the host link), it says so.
  const riskFresh = usePanelFreshness('risk').state === 'fresh';
  const statusFresh = usePanelFreshness('status').state === 'fresh';
  const lastKnown = (fresh: boolean) => (fresh ? '' : ' (last known)');
  const cockpitHost = useMemo(() => (open ? (host ?? getHost()) : null), [open, host]);

  return (
    <>
      <span className="killswitch-control">
        <button
          type="button"
          className={`killswitch-button${armed ? ' armed' : ''}${halted ? ' halted' : ''}`}
          aria-describedby={armed || halted ? 'killswitch-note' : undefined}
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
        >
          Kill switch
        </button>
        {halted ? (
          <span id="killswitch-note" className="armed-note halted-note">
            HALTED{halted.since !== null ? ` since ${localClockTime(halted.since)}` : ''}{lastKnown(statusFresh && riskFresh)}
          </span>
        ) : armed ? (
          <span id="killswitch-note" className="armed-note">
            ARMED: loss limit {formatPct(readiness.lossLimitUsedPct ?? 0, 0)} used{lastKnown(riskFresh)}
          </span>
        ) : null}
      </span>
      {open && cockpitHost ? <KillswitchDialog host={cockpitHost} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
