/**
 * Which checks a run consists of, from the engineer's profiles and settings:
 * per production host an SSH check and, after it, a sudo check; the API's
 * health directly and, where configured, through a host's SSH forward; the
 * write key when one is set; the database; and the manual items.
 *
 * In the demo (the embedded simulator is watched) the plan runs what can
 * run here, the simulator's health and a local shell, and lists the
 * production checks as not configured, each saying how to configure it,
 * instead of running them against hosts and a database the demo is not
 * about (and failing, or asking for the production database's password).
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
  /** The embedded simulator is watched: production checks without a target are "not configured". */
  demo?: boolean;
  /** The demo with the shipped (production) database target: listed as not configured instead of checked. */
  databaseNotConfigured?: boolean;
  /** The local shell to check (the program the terminal starts), or null/absent for none. */
  localShell?: string | null;
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
  local_shell: 5_000,
} as const;

export const sshCheckId = (hostId: string) => `ssh:${hostId}`;
export const sudoCheckId = (hostId: string) => `sudo:${hostId}`;
export const API_HEALTH_ID = 'api:health';
export const API_VIA_SSH_ID = 'api:health-via-ssh';
export const API_WRITE_KEY_ID = 'api:write-key';
export const DATABASE_ID = 'database';
export const manualCheckId = (itemId: string) => `manual:${itemId}`;
export const LOCAL_SHELL_ID = 'local:shell';
/** The demo's stand-ins for checks that need a production host profile. */
export const SSH_UNCONFIGURED_ID = 'ssh:production';
export const SUDO_UNCONFIGURED_ID = 'sudo:production';

/** How to configure each production check the demo cannot run; shown in its row and the report. */
export const HOW_TO_CONFIGURE = {
  ssh: 'No production host profile: add hft-prod-01 and hft-prod-02 under Terminals → Hosts with the role prod or standby, and SSH and `hostname` are checked on each.',
  sudo: 'Checked on each production host once it has a profile (Terminals → Hosts): `sudo -n systemctl status hft_system`.',
  api_health_via_ssh: "Tick “API through this host's SSH” on a production host's profile (Terminals → Hosts) to check the API through the host's forward.",
  api_write_key: 'Start the cockpit with --api-key-file PATH (or HFT_API_KEY set) to check that the trading system accepts the write key.',
  database: 'The demo watches no database: start with --api URL (or untick “Use demo simulator” in Settings), then name the database under Settings → Pre-shift database.',
} as const;

export function planAccessChecks(targets: AccessTargets): CheckDefinition[] {
  const plan: CheckDefinition[] = [];
  const demo = targets.demo === true;
  if (demo && targets.hosts.length === 0) {
    plan.push({ id: SSH_UNCONFIGURED_ID, kind: 'ssh', label: 'SSH to the production hosts', target: null, dependsOn: [], timeoutMs: null, howToConfigure: HOW_TO_CONFIGURE.ssh });
    plan.push({ id: SUDO_UNCONFIGURED_ID, kind: 'sudo', label: 'Passwordless sudo on the production hosts', target: null, dependsOn: [], timeoutMs: null, howToConfigure: HOW_TO_CONFIGURE.sudo });
  }
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
    } else if (demo) {
      plan.push({ id: API_VIA_SSH_ID, kind: 'api_health_via_ssh', label: 'Trading API health through SSH', target: null, dependsOn: [], timeoutMs: null, howToConfigure: HOW_TO_CONFIGURE.api_health_via_ssh });
    }
    if (!api.writeKeyConfigured && demo) {
      plan.push({ id: API_WRITE_KEY_ID, kind: 'api_write_key', label: 'Trading API write key accepted', target: null, dependsOn: [], timeoutMs: null, howToConfigure: HOW_TO_CONFIGURE.api_write_key });
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
  } else if (targets.databaseNotConfigured) {
    // The demo names no database of its own: the shipped target is production's, never asked for here.
    plan.push({ id: DATABASE_ID, kind: 'database', label: 'Database', target: null, dependsOn: [], timeoutMs: null, howToConfigure: HOW_TO_CONFIGURE.database });
  }
  if (targets.localShell) {
    plan.push({ id: LOCAL_SHELL_ID, kind: 'local_shell', label: 'Local shell', target: targets.localShell, dependsOn: [], timeoutMs: CHECK_TIMEOUTS_MS.local_shell });
  }
  for (const item of targets.manual) {
    plan.push({ id: manualCheckId(item.id), kind: 'manual', label: item.label, target: null, dependsOn: [], timeoutMs: null });
  }
  return plan;
}
