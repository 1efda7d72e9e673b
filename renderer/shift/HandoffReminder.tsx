/**
 * The handoff reminder: a banner from 30 minutes before the shift ends,
 * judged on the page's clock so it shows on time without any event.
 */
import { useShift } from '../checks/preshift.js';
import { openHandoff } from '../handoff/handoff.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { handoffCountdown, reminderDue } from './shift-words.js';
import './shift.css';

export function HandoffReminder() {
  const view = useShift((s) => s.view);
  const now = useWallClock();
  if (!view || !reminderDue(view, now)) return null;
  return (
    <p role="alert" aria-label="Handoff reminder" className="handoff-banner">
      <strong>{handoffCountdown(view, now)}</strong>: prepare the handoff — open incidents with status and next steps, recent activity
      with times, ongoing monitoring, scheduled maintenance, notes, and how to reach you.{' '}
      <button type="button" onClick={openHandoff}>
        Prepare handoff
      </button>
    </p>
  );
}
