/**
 * Desktop notifications for what the engineer must hear at once: a new
 * incident, a severity raised, a deadline passed, a condition cleared. One
 * per `incidents.alert` from the backend; clicking it brings the cockpit
 * window forward. The SEV1 repeating sound is the renderer's, not ours.
 *
 * Electron holds only a weak reference to a main-process Notification, so
 * one nobody keeps is collected and its click handler never runs
 * (https://github.com/electron/electron/issues/16922): each is kept here
 * until it is clicked or closed.
 */
import type { IncidentAlert } from '../src/contract/index.js';
import type { Backend } from '../src/host/backend.js';

export interface NotificationLike {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationRequest {
  title: string;
  body: string;
  /** Linux: critical notifications stay until dismissed. */
  urgency: 'critical' | 'normal' | 'low';
  /** A cleared condition is good news: no sound. */
  silent: boolean;
}

export type CreateNotification = (request: NotificationRequest) => NotificationLike;

export function notificationFor(alert: IncidentAlert): NotificationRequest {
  const cleared = alert.kind === 'condition_cleared';
  return {
    title: alert.title,
    body: alert.body,
    urgency: cleared ? 'low' : alert.severity === 'SEV1' || alert.kind === 'breach' ? 'critical' : 'normal',
    silent: cleared,
  };
}

/** Shows a notification per incident alert; returns the function that stops. */
export function showIncidentNotifications(
  backend: Pick<Backend, 'subscribe'>,
  create: CreateNotification,
  bringForward: (incidentId: string) => void,
): () => void {
  const alive = new Set<NotificationLike>();
  const unsubscribe = backend.subscribe((name, payload) => {
    if (name !== 'incidents.alert') return;
    const alert = payload as IncidentAlert;
    const notification = create(notificationFor(alert));
    alive.add(notification);
    notification.on('click', () => {
      alive.delete(notification);
      bringForward(alert.incidentId);
    });
    notification.on('close', () => alive.delete(notification));
    notification.show();
  });
  return () => {
    unsubscribe();
    alive.clear();
  };
}
