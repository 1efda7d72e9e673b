/**
 * The banner shown the moment the system reports its killswitch active,
 * whoever fired it: the system by itself at the loss limit (the engineer
 * must tell management), or a person. It stays while the status says so.
 */
import { useMemo } from 'react';
import { killswitchBanner } from '../../src/core/killswitch/select.js';
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';
import './killswitch.css';

export function KillswitchBanner() {
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const active = status?.killswitch.active === true;
  const killswitch = status?.killswitch;
  const banner = useMemo(
    () => (active && status ? killswitchBanner(status) : null),
    // Only the killswitch fields matter; the rest of the status changes every poll.
    [active, killswitch?.reason, killswitch?.source, killswitch?.activated_at],
  );
  if (!banner) return null;
  return (
    <div role="alert" aria-label="Killswitch active" className={`killswitch-banner source-${banner.source ?? 'unknown'}`}>
      <strong>{banner.text}</strong>
      {banner.activatedAt !== null ? <span> Since {localClockTime(banner.activatedAt)}.</span> : null}
      {banner.source === 'auto_loss_limit' ? <span> Tell management now, and the trading desk.</span> : <span> Tell the trading desk.</span>}
    </div>
  );
}
