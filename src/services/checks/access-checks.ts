/**
 * The whole pre-shift run, composed: the plan from src/core/checks/plan.ts
 * with each check bound to the service that performs it. The host calls
 * `accessCheckTasks` and hands the result to `runChecks`; to re-run some
 * checks it passes only those tasks (see rerunSet in the core).
 */
import { isComparableHostname } from '../../core/checks/hostname.js';
import type { CheckOutcome } from '../../core/checks/model.js';
import {
  API_HEALTH_ID,
  API_VIA_SSH_ID,
  API_WRITE_KEY_ID,
  DATABASE_ID,
  LOCAL_SHELL_ID,
  planAccessChecks,
  sshCheckId,
  sudoCheckId,
  type AccessTargets,
  type HostTarget,
} from '../../core/checks/plan.js';
import { checkApiHealth, checkApiHealthViaSsh, checkWriteKey, type ApiForwarder, type FetchFn } from './api-check.js';
import { checkDatabase, type DatabaseTarget } from './db-check.js';
import type { DbPasswordSources } from './db-password.js';
import type { CheckTask } from './runner.js';
import { checkSshHost, checkSudo, type RemoteExec } from './ssh-checks.js';
import { checkLocalShell } from './local-shell-check.js';
import type { PtyFactory } from '../terminal/pty.js';

export interface AccessHost<P> extends HostTarget {
  profile: P;
}

export interface AccessCheckConfig<P> {
  hosts: readonly AccessHost<P>[];
  api: {
    url: string;
    viaSshHostId: string | null;
    /** The API's port on the host, for the forward; 8080 when absent (shared/hft-api.md). */
    viaSshRemotePort?: number;
    writeKey: string | null;
  } | null;
  database: { target: DatabaseTarget; passwords: DbPasswordSources } | null;
  manual: AccessTargets['manual'];
  /** The embedded simulator is watched: production checks without a target are listed as not configured. */
  demo?: boolean;
  /** The demo with the shipped (production) database target: listed as not configured. */
  databaseNotConfigured?: boolean;
  /** The local shell to check, with the environment it starts in; absent for none. */
  localShell?: { shell: string; env: Readonly<Record<string, string | undefined>> } | null;
}

export interface AccessCheckServices<P> {
  ssh: RemoteExec<P> & ApiForwarder<P>;
  fetch: FetchFn;
  /** Spawns the local shell (the terminal panel's factory); needed only with `localShell`. */
  pty?: PtyFactory;
}

/** What the checks read of a host profile (src/services/ssh/profile.ts has these fields). */
export interface ProfileLike {
  id: string;
  name: string;
  host: string;
  role: 'prod' | 'standby' | 'other';
}

/**
 * The hosts a pre-shift run covers: every production and standby profile.
 * The name `hostname` must print is the profile's host when that is a name,
 * and the profile's name when the host is an address (an IP says nothing
 * about which machine answers).
 */
export function accessHostsFrom<P extends ProfileLike>(profiles: readonly P[]): AccessHost<P>[] {
  return profiles
    .filter((p) => p.role !== 'other')
    .map((p) => ({ id: p.id, name: p.name, expectedHostname: isComparableHostname(p.host) ? p.host : p.name, profile: p }));
}

/** The targets the core plans from, without the secrets and profiles. */
export function accessTargets<P>(config: AccessCheckConfig<P>): AccessTargets {
  return {
    hosts: config.hosts.map(({ id, name, expectedHostname }) => ({ id, name, expectedHostname })),
    api: config.api && { url: config.api.url, viaSshHostId: config.api.viaSshHostId, writeKeyConfigured: config.api.writeKey !== null },
    database: config.database && { ...config.database.target },
    manual: config.manual,
    ...(config.demo ? { demo: true } : {}),
    ...(config.databaseNotConfigured ? { databaseNotConfigured: true } : {}),
    ...(config.localShell ? { localShell: config.localShell.shell } : {}),
  };
}

/** Every automated check of the plan, ready for runChecks; manual items are not tasks. */
export function accessCheckTasks<P>(config: AccessCheckConfig<P>, services: AccessCheckServices<P>): CheckTask[] {
  const tasks: CheckTask[] = [];
  for (const definition of planAccessChecks(accessTargets(config))) {
    const timeoutMs = definition.timeoutMs ?? 0;
    const run = ((): ((signal: AbortSignal) => Promise<CheckOutcome>) | null => {
      // A check with nothing to run against is listed, never run.
      if (definition.howToConfigure !== undefined) return null;
      for (const host of config.hosts) {
        if (definition.id === sshCheckId(host.id)) {
          return () => checkSshHost(services.ssh, host.profile, host.name, host.expectedHostname, timeoutMs);
        }
        if (definition.id === sudoCheckId(host.id)) return () => checkSudo(services.ssh, host.profile, host.name, timeoutMs);
      }
      const api = config.api;
      if (api && definition.id === API_HEALTH_ID) return (signal) => checkApiHealth(services.fetch, api.url, signal);
      if (api && definition.id === API_VIA_SSH_ID) {
        const via = config.hosts.find((h) => h.id === api.viaSshHostId)!;
        return (signal) => checkApiHealthViaSsh(services.ssh, via.profile, services.fetch, signal, api.viaSshRemotePort ?? 8080);
      }
      if (api?.writeKey && definition.id === API_WRITE_KEY_ID) {
        const key = api.writeKey;
        return (signal) => checkWriteKey(services.fetch, api.url, key, signal);
      }
      const db = config.database;
      const shell = config.localShell;
      if (shell && services.pty && definition.id === LOCAL_SHELL_ID) {
        const pty = services.pty;
        return (signal) => checkLocalShell(pty, shell.shell, shell.env, signal);
      }
      if (db && definition.id === DATABASE_ID) return (signal) => checkDatabase(db.target, db.passwords, signal);
      return null;
    })();
    if (run) tasks.push({ definition, run });
  }
  return tasks;
}
