/**
 * The page's own alerting, for both hosts: the SEV1 alarm sound until
 * acknowledged (with the engineer's mute), the page title showing the most
 * urgent clock, and in the browser host a desktop notification for each new
 * incident, breach, raise and clear.
 */
import { useEffect, useRef } from 'react';
import { useCockpit } from '../view/cockpit-context.js';
import { pageTitle } from '../view/incidents/countdown.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { SevOneAlarm } from './alarm.js';
import { alarmShouldRing, noticeFor } from './decide.js';

export function useIncidentAlerting(): void {
  const incidents = useCockpit((s) => s.incidents);
  const muted = useCockpit((s) => s.alarmMuted);
  const alerts = useCockpit((s) => s.alerts);
  const hostKind = useCockpit((s) => s.info?.hostKind ?? null);
  const now = useWallClock();
  const alarm = useRef<SevOneAlarm | null>(null);
  const notifiedUpTo = useRef(0);

  useEffect(() => {
    const a = new SevOneAlarm();
    alarm.current = a;
    const unlock = () => a.unlock();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      a.dispose();
      alarm.current = null;
    };
  }, []);

  const ring = alarmShouldRing(incidents, muted);
  useEffect(() => {
    alarm.current?.set(ring);
  }, [ring]);

  const title = pageTitle(incidents ?? [], now);
  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    const fresh = alerts.filter((a) => a.seq > notifiedUpTo.current);
    notifiedUpTo.current = alerts.at(-1)?.seq ?? notifiedUpTo.current;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const alert of fresh) {
      const notice = noticeFor(alert, hostKind);
      if (notice) new Notification(notice.title, { body: notice.body, tag: notice.tag, requireInteraction: notice.requireInteraction });
    }
  }, [alerts, hostKind]);
}
