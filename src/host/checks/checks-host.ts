/**
 * The pre-shift access check as the backend runs it: the plan from the
 * engineer's host profiles and settings, a run (all checks, or some and
 * whatever depends on them) folded into the report as it fills, the report
 * saved in the data folder after every change, manual items ticked, the
 * Markdown export. Answers the `checks.*` calls and emits `checks.progress`.
 *
 * The database password may have to be asked. Asking happens before the
 * database check starts, beside the other checks, so the engineer's typing
 * is not counted against the check's 10 s deadline.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../contract/index.js';
import { DEFAULT_SETTINGS, type DatabaseTargetSetting } from '../../contract/app.js';
import type { HostProfile } from '../../contract/terminal.js';
import { AccessReport, newReport, type CheckDefinition } from '../../core/checks/model.js';
import { DATABASE_ID, DEFAULT_MANUAL_ITEMS, planAccessChecks } from '../../core/checks/plan.js';
import { applyCheckEvent, rerunSet, type CheckEvent } from '../../core/checks/progress.js';
import { reportToMarkdown } from '../../core/checks/markdown.js';
import { PRE_SHIFT_WINDOW_MS } from '../../core/checks/summary.js';
import { formatLocalDateTime } from '../../core/shift/zoned-time.js';
import { accessCheckTasks, accessHostsFrom, accessTargets, type AccessCheckConfig } from '../../services/checks/access-checks.js';
import type { ApiForwarder, FetchFn } from '../../services/checks/api-check.js';
import { resolveDbPassword, pgpassFileOnDisk, type DbPasswordSources, type PgpassFile } from '../../services/checks/db-password.js';
import { runChecks, type CheckTask } from '../../services/checks/runner.js';
import type { SecretStore } from '../../services/checks/secret-store.js';
import type { RemoteExec } from '../../services/checks/ssh-checks.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';
import type { SettingsStore } from '../../services/settings.js';
import type { PtyFactory } from '../../services/terminal/pty.js';
import { CallFailure, type CallHandlers } from '../dispatch.js';
import { JsonFile } from './json-file.js';
import { PasswordAsks, UnknownAskError } from './password-asks.js';

export const ACCESS_REPORT_FILE = 'access-report.json';

export type ChecksCallName = Extract<keyof CallHandlers, `checks.${string}`>;
export type ChecksHandlers = Pick<CallHandlers, ChecksCallName>;

export interface ChecksHostOptions {
  dataDir: string;
  settings: SettingsStore;
  profiles: { list(): Promise<HostProfile[]> };
  ssh: RemoteExec<HostProfile> & ApiForwarder<HostProfile>;
  /** The trading API being watched (the simulator's URL in demo mode). */
  apiUrl: string;
  /** The embedded simulator is watched: the production checks are listed as not configured, a local shell is checked. */
  demo?: boolean;
  /** The local shell the terminal panel starts, and the factory that starts it; checked in the demo. */
  localShell?: { shell: string; env: Readonly<Record<string, string | undefined>>; pty: PtyFactory };
  /** The write key (--api-key / HFT_API_KEY); null when none is configured. */
  writeKey: string | null;
  secretStore: SecretStore;
  clock: Clock;
  timers: Timers;
  emit(name: EventName, payload: unknown): void;
  operator(): string;
  timeZone(): string;
  fetch?: FetchFn;
  /** Where PGPASSWORD and PGPASSFILE are read; the process environment by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Home of ~/.pgpass; the user's by default. */
  home?: string;
  pgpassFile?: PgpassFile;
  passwordAskTimeoutMs?: number;
}

export interface ChecksHost {
  handlers: ChecksHandlers;
  asks: PasswordAsks;
  /** Resolves when the run in progress (if any) has settled; for tests and shutdown. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The database target the settings ship with (production's), whatever order its fields were saved in. */
function isShippedDatabase(target: DatabaseTargetSetting): boolean {
  const shipped = DEFAULT_SETTINGS.checksDatabase!;
  return target.host === shipped.host && target.port === shipped.port && target.user === shipped.user && target.database === shipped.database;
}

export function createChecksHost(opts: ChecksHostOptions): ChecksHost {
  const file = new JsonFile(join(opts.dataDir, ACCESS_REPORT_FILE), AccessReport, () => opts.clock.now());
  const asks = new PasswordAsks({
    clock: opts.clock,
    timers: opts.timers,
    emitAsk: (ask) => opts.emit('checks.passwordAsk', ask),
    emitSettled: (askId) => opts.emit('checks.passwordSettled', { askId }),
    ...(opts.passwordAskTimeoutMs ? { timeoutMs: opts.passwordAskTimeoutMs } : {}),
  });
  let report: AccessReport | null | undefined;
  let running: Promise<void> | null = null;
  const cancel = new AbortController();

  const current = async (): Promise<AccessReport | null> => {
    if (report === undefined) report = await file.read();
    return report;
  };

  const config = async (): Promise<AccessCheckConfig<HostProfile>> => {
    const settings = opts.settings.get();
    const hosts = accessHostsFrom(await opts.profiles.list());
    const via = hosts.find((h) => h.profile.apiViaSsh);
    const shippedInDemo = opts.demo === true && settings.checksDatabase !== null && isShippedDatabase(settings.checksDatabase);
    const passwords: DbPasswordSources = {
      env: opts.env ?? process.env,
      homeDir: opts.home ?? homedir(),
      pgpassFile: opts.pgpassFile ?? pgpassFileOnDisk,
      secretStore: opts.secretStore,
    };
    return {
      hosts,
      api: { url: opts.apiUrl, viaSshHostId: via?.id ?? null, writeKey: opts.writeKey },
      // The shipped database target is production's: the demo lists it as not configured and never asks its password.
      database: settings.checksDatabase && !shippedInDemo ? { target: settings.checksDatabase, passwords } : null,
      manual: DEFAULT_MANUAL_ITEMS,
      ...(opts.demo ? { demo: true, databaseNotConfigured: shippedInDemo, localShell: opts.localShell ? { shell: opts.localShell.shell, env: opts.localShell.env } : null } : {}),
    };
  };

  const publish = (next: AccessReport) => {
    report = next;
    opts.emit('checks.progress', next);
    void file.write(next).catch(() => {});
  };
  const fold = (event: CheckEvent) => {
    if (report) publish(applyCheckEvent(report, event));
  };

  /**
   * A fresh report for a full run. Manual items ticked in the last 12 hours
   * (the pre-shift window) stay ticked: the engineer confirmed the VPN
   * before pressing "Run all", not for a shift that ended.
   */
  const freshReport = (plan: CheckDefinition[], previous: AccessReport | null, at: number): AccessReport => {
    const fresh = newReport(opts.operator(), plan, at);
    if (!previous) return fresh;
    const kept = new Map(
      previous.checks
        .filter((c) => c.kind === 'manual' && c.state === 'manual_done' && c.startedAt !== null && at - c.startedAt < PRE_SHIFT_WINDOW_MS)
        .map((c) => [c.id, c]),
    );
    return { ...fresh, checks: fresh.checks.map((c) => kept.get(c.id) ?? c) };
  };

  /** The database check, once its password is known (asked if need be). */
  const databaseTask = async (task: CheckTask, cfg: AccessCheckConfig<HostProfile>): Promise<CheckTask> => {
    const db = cfg.database!;
    const { target } = db;
    const where = `${target.user}@${target.host}:${target.port}/${target.database}`;
    // An unreadable ~/.pgpass is not settled here: the check reads it again and reports it in its own words.
    const resolved = await resolveDbPassword(target, { ...db.passwords, askPassword: () => asks.ask(where) }).catch(() => null);
    // A typed password goes back in as "asked", so the check keeps it in the secret store once it worked.
    const passwords: DbPasswordSources =
      resolved?.source === 'asked' ? { secretStore: opts.secretStore, askPassword: async () => resolved.password } : db.passwords;
    return accessCheckTasks({ ...cfg, hosts: [], api: null, database: { target, passwords }, demo: false, localShell: null }, { ssh: opts.ssh, fetch: opts.fetch ?? fetch }).find(
      (t) => t.definition.id === task.definition.id,
    )!;
  };

  const run = async (ids: string[] | undefined): Promise<AccessReport> => {
    if (running) throw new CallFailure('conflict', 'a check run is already going; wait for it to finish');
    const cfg = await config();
    const plan = planAccessChecks(accessTargets(cfg));
    const tasks = accessCheckTasks(cfg, { ssh: opts.ssh, fetch: opts.fetch ?? fetch, ...(opts.localShell ? { pty: opts.localShell.pty } : {}) });
    const at = opts.clock.now();
    const previous = await current();
    let chosen: Set<string>;
    if (ids === undefined || previous === null) {
      publish(freshReport(plan, previous, at));
      chosen = new Set(tasks.map((t) => t.definition.id));
    } else {
      const unknown = ids.find((id) => !previous.checks.some((c) => c.id === id));
      if (unknown !== undefined) throw new CallFailure('not_found', `no check ${unknown} in the last report; run all checks`);
      chosen = new Set(ids.flatMap((id) => rerunSet(previous, id)));
      chosen = new Set([...chosen].filter((id) => tasks.some((t) => t.definition.id === id)));
      publish(applyCheckEvent(previous, { type: 'reset', ids: [...chosen], at }));
    }
    const selected = tasks.filter((t) => chosen.has(t.definition.id));
    const dbTask = selected.find((t) => t.definition.id === DATABASE_ID);
    const others = selected.filter((t) => t !== dbTask);
    const options = { clock: opts.clock, timers: opts.timers, onProgress: fold, signal: cancel.signal };
    running = Promise.all([
      runChecks(others, options),
      dbTask ? databaseTask(dbTask, cfg).then((task) => runChecks([task], options)) : null,
    ])
      .then(() => undefined)
      .catch((error: unknown) => {
        // A failure outside any one check (the report could not be folded): say so in the report's own words.
        if (report) publish({ ...report, finishedAt: opts.clock.now() });
        throw error;
      })
      .finally(() => {
        running = null;
      });
    running.catch(() => {});
    return report!;
  };

  const handlers: ChecksHandlers = {
    'checks.plan': async () => {
      const cfg = await config();
      const targets = accessTargets(cfg);
      return {
        checks: planAccessChecks(targets),
        apiUrl: opts.apiUrl,
        demo: opts.demo === true,
        writeKeyConfigured: opts.writeKey !== null,
        database: opts.settings.get().checksDatabase,
        hosts: targets.hosts.map((h) => ({ ...h })),
      };
    },
    'checks.run': ({ ids }) => run(ids),
    'checks.report': () => current(),
    'checks.export': async () => {
      const last = await current();
      if (!last) throw new CallFailure('not_found', 'no access check has been run yet');
      const timeZone = opts.timeZone();
      const stamp = formatLocalDateTime(last.startedAt, timeZone).replace(' ', '-').replace(':', '');
      return { filename: `preshift-check-${stamp}.md`, mediaType: 'text/markdown', text: reportToMarkdown(last, timeZone) };
    },
    'checks.manual': async ({ id, done }) => {
      let last = await current();
      if (!last) {
        // Ticking the VPN before the first run starts a report with everything else pending.
        last = newReport(opts.operator(), planAccessChecks(accessTargets(await config())), opts.clock.now());
      }
      const entry = last.checks.find((c) => c.id === id);
      if (!entry || entry.kind !== 'manual') throw new CallFailure('not_found', `no manual item ${id}`);
      publish(applyCheckEvent(last, { type: 'manual', id, done, at: opts.clock.now() }));
      return report!;
    },
    'checks.answerPassword': ({ askId, password }) => {
      try {
        asks.answer(askId, password);
      } catch (error) {
        if (error instanceof UnknownAskError) throw new CallFailure('not_found', error.message);
        throw error;
      }
      return null;
    },
  };

  return {
    handlers,
    asks,
    idle: async () => {
      await running?.catch(() => {});
    },
    async close() {
      cancel.abort();
      asks.close();
      await running?.catch(() => {});
    },
  };
}
