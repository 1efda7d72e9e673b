/**
 * The header's `Kill switch` button, always visible. From the playbook's
 * prepare-to-kill mark (90 % of the daily loss limit) it shows itself
 * ARMED, in words and colour, and the dialog it opens preselects the
 * loss-limit reason. Pressing it only opens the dialog: nothing is sent
 * before a reason and a completed hold.
 */
import { useMemo, useState } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import { killswitchReadiness } from '../../src/core/killswitch/select.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { getHost } from '../host/index.js';
import { useCockpit } from '../view/cockpit-context.js';
import { formatPct } from '../view/format.js';
import { KillswitchDialog } from './KillswitchDialog.js';
import './killswitch.css';

export function KillswitchButton({ host }: { host?: CockpitHost }) {
  const [open, setOpen] = useState(false);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const playbook = useCockpit((s) => s.playbook) ?? DEFAULT_PLAYBOOK;
  const readiness = killswitchReadiness(risk, playbook);
  const cockpitHost = useMemo(() => (open ? (host ?? getHost()) : null), [open, host]);

  return (
    <>
      <button
        type="button"
        className={`killswitch-button${readiness.armed ? ' armed' : ''}`}
        aria-label="Kill switch"
        aria-describedby={readiness.armed ? 'killswitch-armed-note' : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">Kill switch</span>
        {readiness.armed ? (
          <span id="killswitch-armed-note" className="armed-note">
            ARMED: loss limit {formatPct(readiness.lossLimitUsedPct ?? 0, 0)} used
          </span>
        ) : null}
      </button>
      {open && cockpitHost ? <KillswitchDialog host={cockpitHost} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
