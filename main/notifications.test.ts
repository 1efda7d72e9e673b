import { describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../src/contract/index.js';
import type { BackendListener } from '../src/host/backend.js';
import { notificationFor, showIncidentNotifications, type NotificationRequest } from './notifications.js';

const alert = (over: Partial<IncidentAlert>): IncidentAlert => ({
  kind: 'new', incidentId: 'INC-3', severity: 'SEV2', title: 'SEV2 INC-3: Exchange disconnected: okx', body: '1 of 12 exchanges disconnected: okx.', item: null, at: 1, ...over,
});

describe('incident notifications', () => {
  it('are critical for SEV1 and breaches, quiet for cleared conditions', () => {
    expect(notificationFor(alert({}))).toMatchObject({ urgency: 'normal', silent: false });
    expect(notificationFor(alert({ severity: 'SEV1' })).urgency).toBe('critical');
    expect(notificationFor(alert({ kind: 'breach', item: 'ack' })).urgency).toBe('critical');
    expect(notificationFor(alert({ kind: 'condition_cleared' }))).toMatchObject({ urgency: 'low', silent: true });
  });

  it('shows one per alert, keeps it until clicked or closed, and brings the window forward on click', () => {
    const listeners = new Set<BackendListener>();
    const backend = { subscribe: (l: BackendListener) => (listeners.add(l), () => void listeners.delete(l)) };
    const made: { request: NotificationRequest; shown: boolean; handlers: Record<string, () => void> }[] = [];
    const forward: string[] = [];
    const stop = showIncidentNotifications(
      backend,
      (request) => {
        const n = { request, shown: false, handlers: {} as Record<string, () => void> };
        made.push(n);
        return { show: () => (n.shown = true), on: (event, listener) => (n.handlers[event] = listener) };
      },
      (id) => forward.push(id),
    );
    for (const l of listeners) {
      l('live.update', {});
      l('incidents.alert', alert({}));
      l('incidents.alert', alert({ kind: 'breach', item: 'ack', incidentId: 'INC-4' }));
    }
    expect(made.map((n) => [n.request.title, n.shown])).toEqual([
      ['SEV2 INC-3: Exchange disconnected: okx', true],
      ['SEV2 INC-3: Exchange disconnected: okx', true],
    ]);
    made[1]!.handlers.click!();
    expect(forward).toEqual(['INC-4']);
    stop();
    expect(listeners.size).toBe(0);
  });
});
