/**
 * Alertmanager's v2 API (https://github.com/prometheus/alertmanager,
 * api/v2/openapi.yaml), both ways:
 *
 * - Source: `GET /api/v2/alerts?active=true&silenced=false&inhibited=false`
 *   every poll; a silenced or inhibited alert is someone's decision not to
 *   be paged, so it raises nothing here either. Each successful read goes to
 *   the incident desk (`src/core/external/alertmanager.ts` decides); a
 *   failed one says nothing about the alerts (unseen is not clear).
 * - Sink: the outbox's `alertmanager` channel posts the cockpit's own alerts
 *   (`POST /api/v2/alerts`, a JSON array of postableAlert) so the team's
 *   routing sees them. Alertmanager merges alerts by their label set, so a
 *   repeat is harmless; resolving posts the same labels with `endsAt`.
 * - No auth of its own (it sits behind the team's proxy); the base URL may
 *   carry one.
 */
import type { AlertmanagerAlert } from '../../core/external/alertmanager.js';
import type { Clock } from '../clock.js';
import type { Timers } from '../hft/timers.js';
import type { ChannelTransport } from '../outbox/outbox.js';
import { joinUrl, outcomeOf, type HttpClient } from './http.js';
import { createReadLoop, type ReadLoop } from './read-loop.js';

export const ALERTMANAGER_ACTIVE_ALERTS = 'api/v2/alerts?active=true&silenced=false&inhibited=false';
/** Longest wait between reads while Alertmanager does not answer, ms. */
const SOURCE_BACKOFF_CAP_MS = 60_000;

export interface AlertmanagerConfig {
  baseUrl: string;
}

export function alertmanagerTransport(config: () => AlertmanagerConfig | null, http: HttpClient, clock: Clock): ChannelTransport {
  return {
    configured: () => config() !== null,
    async send(message) {
      const c = config();
      if (!c) return { ok: false, retry: true, reason: 'Alertmanager is not set up' };
      const { alerts } = message.payload as { alerts: unknown[] };
      const result = await http({ method: 'POST', url: joinUrl(c.baseUrl, 'api/v2/alerts'), body: alerts });
      return outcomeOf(result, 'Alertmanager', clock.now(), (a) => a.text.slice(0, 200));
    },
  };
}

export interface AlertmanagerSourceOptions {
  config: () => AlertmanagerConfig | null;
  http: HttpClient;
  clock: Clock;
  timers: Timers;
  intervalMs: number;
  /** The alerts of one successful read. */
  onAlerts: (alerts: AlertmanagerAlert[]) => Promise<void>;
  onStatus?: () => void;
  random?: () => number;
}

export type AlertmanagerSource = ReadLoop;

export function createAlertmanagerSource(o: AlertmanagerSourceOptions): AlertmanagerSource {
  return createReadLoop({
    clock: o.clock,
    timers: o.timers,
    intervalMs: o.intervalMs,
    capMs: SOURCE_BACKOFF_CAP_MS,
    ...(o.onStatus ? { onStatus: o.onStatus } : {}),
    ...(o.random ? { random: o.random } : {}),
    async read() {
      const c = o.config();
      if (!c) return false;
      const result = await o.http({ method: 'GET', url: joinUrl(c.baseUrl, ALERTMANAGER_ACTIVE_ALERTS) });
      const outcome = outcomeOf(result, 'Alertmanager', o.clock.now());
      if (!outcome.ok) throw new Error(outcome.reason);
      const body = result.ok ? result.answer.json : null;
      if (!Array.isArray(body)) throw new Error('Alertmanager answered something other than a list of alerts');
      const alerts = body.filter(
        (a): a is AlertmanagerAlert => typeof a === 'object' && a !== null && typeof a.fingerprint === 'string' && typeof a.labels === 'object' && a.labels !== null,
      );
      await o.onAlerts(alerts);
      return true;
    },
  });
}
