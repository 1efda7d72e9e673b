/**
 * Which checks a run consists of, from the engineer's profiles and settings:
 * per production host an SSH check and, after it, a sudo check; the API's
 * health directly and, where configured, through a host's SSH forward; the
 * write key when one is set; the database; and the manual items.
 */
import type { CheckDefinition } from './model.js';

export interface HostTarget {
  /** The host profile's id. */
  id: string;
  /** The profile's name, as the engineer knows it. */
  name: string;
  /** What the host's `hostname` must print (the profile's host name). */
  expectedHostname: string;
}

export interface AccessTargets {
  hosts: readonly HostTarget[];
  api: {
    url: string;
    /** Host profile id whose SSH forward reaches the API, or null when not configured. */
    viaSshHostId: string | null;
    writeKeyConfigured: boolean;
  } | null;
  database: { host: string; port: number; user: string; database: string } | null;
  manual: readonly ManualItem[];
}

export interface ManualItem {
  id: string;
  label: string;
}

/** The things the cockpit cannot test for the engineer (shared/domain.md). */
export const DEFAULT_MANUAL_ITEMS: readonly ManualItem[] = [
  { id: 'vpn', label: 'VPN connected' },
  { id: 'pagerduty', label: 'PagerDuty app logged in, notifications on' },
  { id: 'slack', label: 'Slack: in #incident-response and #hft-operations' },
  { id: 'grafana', label: 'Grafana and Prometheus open and loading' },
  { id: 'exchange-ui', label: 'Exchange web UIs reachable and logged in' },
];

/** Deadlines per check, ms: long enough for a VPN round trip and an SSH handshake, short enough to wait for. */
export const CHECK_TIMEOUTS_MS = {
  ssh: 15_000,
  sudo: 10_000,
  api_health: 5_000,
  api_health_via_ssh: 15_000,
  api_write_key: 5_000,
  database: 10_000,
} as const;

export const sshCheckId = (hostId: string) => `ssh:${hostId}`;
export const sudoCheckId = (hostId: string) => `sudo:${hostId}`;
export const API_HEALTH_ID = 'api:health';
export const API_VIA_SSH_ID = 'api:health-via-ssh';
export const API_WRITE_KEY_ID = 'api:write-key';
export const DATABASE_ID = 'database';
export const manualCheckId = (itemId: string) => `manual:${itemId}`;

export function planAccessChecks(targets: AccessTargets): CheckDefinition[] {
  const plan: CheckDefinition[] = [];
  for (const host of targets.hosts) {
    plan.push({
      id: sshCheckId(host.id),
      kind: 'ssh',
      label: `SSH to ${host.name}`,
      target: host.expectedHostname,
      dependsOn: [],
      timeoutMs: CHECK_TIMEOUTS_MS.ssh,
    });
    plan.push({
      id: sudoCheckId(host.id),
      kind: 'sudo',
      label: `Passwordless sudo on ${host.name}`,
      target: host.expectedHostname,
      dependsOn: [sshCheckId(host.id)],
      timeoutMs: CHECK_TIMEOUTS_MS.sudo,
    });
  }
  const api = targets.api;
  if (api) {
    plan.push({ id: API_HEALTH_ID, kind: 'api_health', label: 'Trading API health', target: api.url, dependsOn: [], timeoutMs: CHECK_TIMEOUTS_MS.api_health });
    const via = api.viaSshHostId === null ? undefined : targets.hosts.find((h) => h.id === api.viaSshHostId);
    if (via) {
      plan.push({
        id: API_VIA_SSH_ID,
        kind: 'api_health_via_ssh',
        label: `Trading API health through SSH to ${via.name}`,
        target: `${via.expectedHostname} → localhost:8080`,
        dependsOn: [sshCheckId(via.id)],
        timeoutMs: CHECK_TIMEOUTS_MS.api_health_via_ssh,
      });
    }
    if (api.writeKeyConfigured) {
      plan.push({
        id: API_WRITE_KEY_ID,
        kind: 'api_write_key',
        label: 'Trading API write key accepted',
        target: api.url,
        dependsOn: [API_HEALTH_ID],
        timeoutMs: CHECK_TIMEOUTS_MS.api_write_key,
      });
    }
  }
  const db = targets.database;
  if (db) {
    plan.push({
      id: DATABASE_ID,
      kind: 'database',
      label: `Database ${db.database} as ${db.user}`,
      target: `${db.host}:${db.port}`,
      dependsOn: [],
      timeoutMs: CHECK_TIMEOUTS_MS.database,
    });
  }
  for (const item of targets.manual) {
    plan.push({ id: manualCheckId(item.id), kind: 'manual', label: item.label, target: null, dependsOn: [], timeoutMs: null });
  }
  return plan;
}
