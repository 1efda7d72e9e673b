/**
 * The header's change line: a change in flight (its window contains now)
 * named with its ticket and end, an emergency change whose write-up is
 * overdue, and the button that opens the Changes view. Nothing is said
 * before the host's list has arrived: no list is not "no change".
 */
import { changesInFlight, emergencyChangeClocks } from '../../src/core/change/record.js';
import { formatLocalTime } from '../../src/core/shift/zoned-time.js';
import { useShift } from '../checks/preshift.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { openChanges, useChanges } from './changes.js';

export function ChangesStatus() {
  const changes = useChanges((s) => s.changes);
  const zone = useShift((s) => s.view?.timeZone ?? null) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = useWallClock();
  const inFlight = changes ? changesInFlight(changes, now) : [];
  const overdue = changes ? changes.filter((c) => emergencyChangeClocks(c, now).some((k) => k.breached)) : [];
  return (
    <p role="status" aria-label="Changes" className={`changes-status ${inFlight.length > 0 ? 'level-warning' : ''}`}>
      {inFlight.map((c) => (
        <strong key={c.id}>
          CHANGE IN FLIGHT: {c.ticket || c.id} until {formatLocalTime(c.window.end, zone)}
        </strong>
      ))}
      {overdue.length > 0 ? <strong className="bad">{overdue.map((c) => c.ticket || c.id).join(', ')}: emergency write-up overdue</strong> : null}
      <button type="button" onClick={openChanges}>
        Changes
      </button>
    </p>
  );
}
