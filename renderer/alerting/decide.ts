/**
 * What the page does about incidents on its own, as pure decisions: whether
 * the SEV1 alarm rings, and which host alerts become a desktop notification.
 */
import type { Incident, IncidentAlert } from '../../src/contract/incidents.js';

/** The alarm rings while any open SEV1 waits for its acknowledgement, unless the engineer muted it. */
export function alarmShouldRing(incidents: readonly Incident[] | null, muted: boolean): boolean {
  if (muted || !incidents) return false;
  return incidents.some((i) => i.phase !== 'resolved' && i.severity === 'SEV1' && i.acknowledged === null);
}

/** Alert kinds worth interrupting the engineer's desktop for. */
const NOTIFY_KINDS = new Set<IncidentAlert['kind']>(['new', 'breach', 'severity_raised', 'condition_cleared', 'flagged']);

export interface DesktopNotice {
  title: string;
  body: string;
  /** Same tag replaces the earlier notice of the same incident and kind instead of stacking. */
  tag: string;
  /** SEV1 notices stay until dismissed. */
  requireInteraction: boolean;
}

/**
 * The notice for a host alert, or null. In Electron the main process shows
 * desktop notifications itself, so the page only does it in the browser host.
 */
export function noticeFor(alert: IncidentAlert, hostKind: 'electron' | 'browser' | null): DesktopNotice | null {
  if (hostKind !== 'browser' || !NOTIFY_KINDS.has(alert.kind)) return null;
  return {
    title: alert.title,
    body: alert.body,
    tag: `${alert.incidentId}:${alert.kind}${alert.item ? `:${alert.item}` : ''}`,
    requireInteraction: alert.severity === 'SEV1',
  };
}
