/**
 * Who PagerDuty says is on call for the configured escalation policy, in
 * the shift panel: PagerDuty is the schedule's source of truth, so these
 * names come before the seat chosen in Settings. Old or unreadable, the
 * line says as of when.
 */
import { formatLocalDateTime } from '../../src/core/shift/zoned-time.js';
import { localClockTime } from '../view/format.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { onCallWords } from './integration-words.js';
import { useIntegrations } from './integrations.js';

export function PagerDutyOnCall({ timeZone }: { timeZone: string }) {
  const onCall = useIntegrations((s) => s.view?.onCall ?? null);
  const pd = useIntegrations((s) => s.view?.states.find((x) => x.channel === 'pagerduty'));
  const now = useWallClock();
  if (!onCall || !pd?.configured) return null;
  const w = onCallWords(onCall, pd, now, (ms) => formatLocalDateTime(ms, timeZone), localClockTime);
  return (
    <p role="status" aria-label="On call in PagerDuty" className={`pagerduty-oncall${w.stale ? ' level-warning' : ''}`}>
      <span className="muted">PagerDuty on call: </span>
      <strong>{w.text}</strong>
      {w.stale ? <span> ({w.stale})</span> : null}
    </p>
  );
}
