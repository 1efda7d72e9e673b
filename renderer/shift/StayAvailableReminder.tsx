/**
 * After the handoff time, the outgoing engineer stays available for 30
 * minutes, or until the incoming engineer's acceptance comes back: a banner
 * says so, judged on the page's clock. The sign-off is read when the page
 * opens and after every handoff action.
 */
import { useEffect } from 'react';
import { stayAvailableUntil } from '../../src/core/handoff/signoff.js';
import { formatLocalTime } from '../../src/core/shift/zoned-time.js';
import { handoff, openHandoff, useHandoff } from '../handoff/handoff.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';

export function StayAvailableReminder() {
  const outgoing = useHandoff((s) => s.context?.signoff.outgoing ?? null);
  const timeZone = useHandoff((s) => s.context?.timeZone ?? 'UTC');
  const now = useWallClock();
  useEffect(() => {
    void handoff().load();
  }, []);
  if (!outgoing) return null;
  const until = stayAvailableUntil(outgoing.handoffAt, outgoing.acceptedAt !== null, now);
  if (until === null) return null;
  return (
    <p role="alert" aria-label="Stay available" className="handoff-banner">
      <strong>Stay available until {formatLocalTime(until, timeZone)}</strong>: {outgoing.to || 'the incoming engineer'} has not accepted the handoff
      yet.{' '}
      <button type="button" onClick={openHandoff}>
        Open the acceptance
      </button>
    </p>
  );
}
