/**
 * Breaks during a long incident: once an incident the engineer is on has
 * been open 2 hours, an offer of a break with who covers (PagerDuty's
 * secondary when connected) and how long; during the break, who covers
 * and when to be back; at that time, an alert to come back. Judged on the
 * page's clock; the break itself is the host's (recorded on the audit log).
 */
import { useId, useState } from 'react';
import { breakOffer, breakState, DEFAULT_BREAK_MINUTES } from '../../src/core/shift/breaks.js';
import { formatLocalTime } from '../../src/core/shift/zoned-time.js';
import { callOrShow } from '../checks/host-call.js';
import { useShift } from '../checks/preshift.js';
import { useIntegrations } from '../integrations/integrations.js';
import { useCockpit } from '../view/cockpit-context.js';
import { formatDuration } from '../view/format.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';

export function BreakBanner() {
  const view = useShift((s) => s.view);
  const incidents = useCockpit((s) => s.incidents);
  const operator = useCockpit((s) => s.operator);
  const secondary = useIntegrations((s) => s.view?.onCall?.secondary ?? null);
  const now = useWallClock();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [coveredBy, setCoveredBy] = useState<string | null>(null);
  const [minutes, setMinutes] = useState(String(DEFAULT_BREAK_MINUTES));
  const coverId = useId();
  const minutesId = useId();
  if (!view) return null;

  const brk = view.onBreak;
  const state = breakState(brk, now);
  const back = () => {
    // Just back from a break for it: no new offer for the same incident in this window.
    if (brk?.incidentId) setDismissed(brk.incidentId);
    void callOrShow('shift.breakEnd', {});
  };
  if (brk && state === 'on_break') {
    return (
      <p role="status" aria-label="Break" className="handoff-banner">
        <strong>On a break until {formatLocalTime(brk.backAt, view.timeZone)}</strong>: {brk.coveredBy} covering{brk.incidentId ? ` ${brk.incidentId}` : ''}.{' '}
        <button type="button" onClick={back}>I am back</button>
      </p>
    );
  }
  if (brk && state === 'back_now') {
    return (
      <p role="alert" aria-label="Break over" className="handoff-banner">
        <strong>Break over since {formatLocalTime(brk.backAt, view.timeZone)}</strong>: back to {brk.incidentId ?? 'the shift'}; {brk.coveredBy} has been covering.{' '}
        <button type="button" onClick={back}>I am back</button>
      </p>
    );
  }

  const offer = operator && incidents ? breakOffer(incidents, operator, now) : null;
  if (!offer || dismissed === offer.id) return null;
  const cover = coveredBy ?? (secondary && secondary !== operator ? secondary : '');
  const start = () => {
    const n = Number(minutes);
    if (cover.trim() === '' || !Number.isInteger(n) || n < 1 || n > 120) return;
    void callOrShow('shift.breakStart', { minutes: n, coveredBy: cover.trim(), incidentId: offer.id });
  };
  return (
    <form role="region" aria-label="Break offer" className="handoff-banner break-offer" onSubmit={(e) => (e.preventDefault(), start())}>
      <strong>
        {offer.id} open {formatDuration(now - offer.startedAt)}
      </strong>
      : take a break with the secondary covering, and an alarm to come back.{' '}
      <label htmlFor={coverId}>Covered by</label> <input id={coverId} value={cover} onChange={(e) => setCoveredBy(e.target.value)} size={14} required />{' '}
      <label htmlFor={minutesId}>Minutes</label>{' '}
      <input id={minutesId} type="number" min={1} max={120} value={minutes} onChange={(e) => setMinutes(e.target.value)} style={{ width: '4em' }} />{' '}
      <button type="submit" disabled={cover.trim() === ''}>Start break</button>{' '}
      <button type="button" onClick={() => setDismissed(offer.id)}>Not now</button>
    </form>
  );
}
