/**
 * The integrations in words for the header and the incident detail. Pure:
 * the clock and the time formatter are parameters. Colour always doubles a
 * word (connected, N queued, FAILING, not set up).
 */
import type { Delivery, IntegrationState } from '../../src/contract/integrations.js';

export type Level = 'ok' | 'warning' | 'danger' | 'unknown';

export interface StateWords {
  /** The short word in the header: "connected", "3 queued", "FAILING", "not set up". */
  word: string;
  /** The rest of the line: since when, why, what waits. */
  detail: string;
  level: Level;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function integrationStateWords(s: IntegrationState, time: (ms: number) => string): StateWords {
  if (s.needsToken) return { word: 'token needed', detail: 'set the token in Settings; messages wait', level: 'warning' };
  if (!s.configured) return { word: 'not set up', detail: '', level: 'unknown' };
  const lost = s.failedForGood > 0 ? `${plural(s.failedForGood, 'message')} refused for good` : '';
  const queued = s.queued > 0 ? `${s.queued} queued` : '';
  if (s.failingSince !== null) {
    const detail = [`since ${time(s.failingSince)}`, s.reason ?? '', queued, lost].filter(Boolean).join(' · ');
    return { word: 'FAILING', detail, level: 'danger' };
  }
  if (s.failedForGood > 0) return { word: queued || 'connected', detail: lost, level: 'danger' };
  if (s.queued > 0) return { word: queued, detail: 'sending', level: 'warning' };
  if (s.lastOkAt === null) return { word: 'ready', detail: 'nothing sent or read yet', level: 'ok' };
  return { word: 'connected', detail: `last answer ${time(s.lastOkAt)}`, level: 'ok' };
}

export interface DeliveryWords {
  status: string;
  /** When it was sent, or when it goes again, and why the last try failed. */
  detail: string;
  level: Level;
}

export function deliveryWords(d: Delivery, time: (ms: number) => string): DeliveryWords {
  const why = d.lastError ? `: ${d.lastError}` : '';
  switch (d.status) {
    case 'sent':
      return { status: 'sent', detail: `${d.sentAt !== null ? time(d.sentAt) : ''}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}`, level: 'ok' };
    case 'failed':
      return { status: 'FAILED', detail: `refused for good after ${plural(d.attempts, 'attempt')}${why}`, level: 'danger' };
    case 'sending':
      return { status: 'sending', detail: `attempt ${d.attempts}`, level: 'warning' };
    case 'uncertain':
      return { status: 'checking', detail: 'was in flight at a restart; asking whether it arrived before sending again', level: 'warning' };
    case 'queued':
      if (d.attempts === 0) return { status: 'queued', detail: `since ${time(d.queuedAt)}`, level: 'warning' };
      return {
        status: 'retrying',
        detail: `${plural(d.attempts, 'attempt')}${d.nextAt !== null ? `, next at ${time(d.nextAt)}` : ''}${why}`,
        level: 'danger',
      };
  }
}

export interface OnCallWords {
  text: string;
  /** Said beside it when the answer is old or PagerDuty is failing: the names may be out of date. */
  stale: string | null;
}

/** Older than this, PagerDuty's on-call answer is shown as not current: two of its 15 s reads missed and some. */
export const ON_CALL_STALE_MS = 60_000;

/** "Primary Ana Duty · secondary Ben Phone · handoff 2026-12-04 17:00", from PagerDuty's on-call answer. */
export function onCallWords(
  onCall: { primary: string | null; secondary: string | null; handoffAt: string | null; readAt: number },
  pagerDuty: Pick<IntegrationState, 'failingSince' | 'reason'> | undefined,
  now: number,
  formatAt: (ms: number) => string,
  time: (ms: number) => string,
): OnCallWords {
  const handoff = onCall.handoffAt && Number.isFinite(Date.parse(onCall.handoffAt)) ? formatAt(Date.parse(onCall.handoffAt)) : null;
  const text = [
    `Primary ${onCall.primary ?? 'nobody'}`,
    `secondary ${onCall.secondary ?? 'nobody'}`,
    handoff ? `handoff ${handoff}` : 'no handoff time',
  ].join(' · ');
  const failing = pagerDuty?.failingSince != null;
  const old = now - onCall.readAt > ON_CALL_STALE_MS;
  const stale = failing || old ? `as read at ${time(onCall.readAt)}${failing ? `; PagerDuty failing: ${pagerDuty?.reason ?? 'no answer'}` : ''}` : null;
  return { text, stale };
}
