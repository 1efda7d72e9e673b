/**
 * The cockpit backend both hosts wrap: it decides what to watch (the
 * trading system named by --api or the saved setting, else the embedded
 * simulator on loopback), composes the HFT client and poller into the live
 * feed, answers every contract call through the dispatcher, and fans the
 * feed's updates out to whichever transport subscribes.
 *
 * Settings changed through `settings.update` are saved at once; the URL and
 * poll timing they name take effect at the next start (the running feed and
 * `app.info` describe what is being watched now).
 */
import { laneIntervals } from '../core/lanes.js';
import { join } from 'node:path';
import type { AppInfo, EventName, Result } from '../contract/index.js';
import { openAuditLog, type AuditLog } from '../services/audit-log.js';
import { shiftEventsFrom } from './docs/shift-events-source.js';
import { restartRule } from '../core/terminal/restart-rule.js';
import { openChangeStore } from '../services/changes/change-store.js';
import { changesHandlers } from './changes/changes-host.js';
import { CHAIN_KEY_FILE, keyFileChainKeys, type ChainKeySource } from '../services/audit/chain-key.js';
import { systemClock, type Clock } from '../services/clock.js';
import { createApiRoute, reportingHealthTo, type ApiRouteService } from '../services/hft/api-route.js';
import { createHftClient } from '../services/hft/client.js';
import type { LiveFeed } from '../services/hft/feed.js';
import { createPoller } from '../services/hft/poller.js';
import { systemTimers, type Timers } from '../services/hft/timers.js';
import { openIncidentsService, systemTimeZone, systemUserName, type IncidentsService } from '../services/incidents/index.js';
import type { SettingsStore } from '../services/settings.js';
import { createDispatch, type Caller, type Dispatch } from './dispatch.js';
import { incidentHandlers } from './incident-handlers.js';
import { gatherHandler } from './incident-gather.js';
import { sshForChecks } from './checks/ssh-for-checks.js';
import { killswitchHandlers } from './killswitch/killswitch-handlers.js';
import { sshFallbackFrom } from './killswitch/ssh-fallback.js';
import { createTerminalHost, sshAuditSink, type TerminalHostOptions } from './terminal/terminal-host.js';
import { createChecksPart, type ChecksPartOptions } from './checks/index.js';
import { createDocsPart } from './docs/index.js';
import { memorySecretStore, type SecretStore } from '../services/checks/secret-store.js';
import { fetchHttpClient } from '../services/integrations/http.js';
import { createIntegrationsHost, type IntegrationUrls } from './integrations/integrations-host.js';
import type { IntegrationSecrets } from './cli-args.js';
import { withChainHeads } from './chain-head-exports.js';
import { acquireDataFolderLock, type DataFolderLock } from '../services/data-lock.js';
import { ensurePrivateDir } from '../services/data-dir.js';
import { COCKPIT_VERSION } from './version.js';
import { createLiveLinkSender } from './live-link.js';
import { linkParts } from '../core/live-link/link.js';
import { nodePtyFactory } from '../services/terminal/pty.js';
import { createDrillPart } from './drill/drill-part.js';
import { createIncidentsLinkSender } from './incidents-link.js';

export interface BackendOptions {
  /** From --api; null or absent falls back to the saved setting, then the simulator. */
  apiUrl?: string | null;
  apiKey?: string;
  /** From --poll-ms; absent uses the saved setting. */
  pollMs?: number;
  /** Fast lane interval (health, status, risk), ms; else the saved setting. */
  fastPollMs?: number;
  dataDir: string;
  hostKind: 'electron' | 'browser';
  clock?: Clock;
  settings: SettingsStore;
  /** A ready-made feed (tests); without one the backend polls `apiUrl` itself. */
  feed?: LiveFeed;
  /** The incident clocks' timer (tests pass fake timers); the system's by default. */
  timers?: Timers;
  /** Where problems a person should know about are written; stderr by default. */
  log?: (line: string) => void;
  /** Terminal overrides (tests pin the local shell and the home holding ~/.ssh). */
  terminal?: Pick<TerminalHostOptions, 'localShell' | 'home' | 'ptyFactory' | 'promptTimeoutMs'>;
  /** Where a typed database password is kept (Electron: the OS secret store); process memory by default. */
  secretStore?: SecretStore;
  /** Where the audit chain's key is kept (Electron: the OS secret store); an owner-only file in the data folder by default. */
  chainKeys?: ChainKeySource;
  /** Pre-shift check overrides (tests pin the environment, ~/.pgpass and the password question's timeout). */
  checks?: Pick<ChecksPartOptions, 'env' | 'home' | 'pgpassFile' | 'passwordAskTimeoutMs' | 'fetch'>;
  /** Where the API listens as seen from a prod host, for the SSH route; localhost:8080 by default (tests point it at a simulator). */
  apiViaSsh?: { remoteHost?: string; remotePort?: number };
  /** Base URLs of PagerDuty, Slack, the status page and Alertmanager (--pagerduty-url ...); the public endpoints by default. */
  integrationUrls?: IntegrationUrls;
  /** Integration tokens from the environment, put into the secret store at start. */
  integrationTokens?: IntegrationSecrets;
}

/** The cockpit's one audit log, in the data dir: every service that records actions appends to this file. */
export const AUDIT_LOG_FILE = 'audit.log';

/**
 * Told of every event; `viewerId` is set on events for one viewer only
 * (terminal output), which a transport delivers to that renderer alone.
 */
export type BackendListener = (name: EventName, payload: unknown, viewerId?: string) => void;

export interface Backend {
  /** Answers a call; `caller` names the renderer it came from (the one window when absent). */
  handle(name: unknown, request: unknown, caller?: Caller): Promise<Result<unknown>>;
  subscribe(listener: BackendListener): () => void;
  /** A renderer went away (its socket closed): terminals stop waiting for its acknowledgements. */
  releaseViewer(viewerId: string): void;
  close(): Promise<void>;
  info: AppInfo;
  /** The audit log every recorded action goes to (closed by `close`). */
  audit: AuditLog;
  /** The data folder's lock (released by `close`); the browser host notes its address on it. */
  lock: Pick<DataFolderLock, 'noteUrl'>;
}

interface Watched {
  apiUrl: string;
  demo: boolean;
  stopSimulator: () => Promise<void>;
}

/** Seed of the embedded simulator, so the demo tells the same story every start. */
const DEMO_SEED = 7;

/**
 * Takes the data folder (owner-only, and locked: one backend per folder,
 * services/data-lock.ts) before anything in it is opened; a second start
 * on the same folder throws DataFolderInUse, naming the one running.
 */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  await ensurePrivateDir(opts.dataDir);
  const lock = await acquireDataFolderLock(opts.dataDir, { hostKind: opts.hostKind, now: (opts.clock ?? systemClock).now() });
  try {
    return await startBackend(opts, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startBackend(opts: BackendOptions, lock: DataFolderLock): Promise<Backend> {
  const clock = opts.clock ?? systemClock;
  const saved = opts.settings.get();
  const pollMs = opts.pollMs ?? saved.pollMs;
  const { fastPollMs } = laneIntervals(pollMs, opts.fastPollMs ?? saved.fastPollMs);
  const watched = await chooseTarget(opts.apiUrl ?? saved.apiUrl, opts.apiKey);

  // One client for reads and writes: the killswitch goes to the system the poller watches, with the same key.
  // The route (direct, or an SSH tunnel through a prod host) is made once the
  // audit log and the SSH connector exist, before the first poll; until then
  // the client goes direct.
  let route: ApiRouteService | null = null;
  const routeNow = { current: () => route?.current() ?? watched.apiUrl, report: (...a: Parameters<ApiRouteService['report']>) => route?.report(...a) };
  const hftClient = reportingHealthTo(
    routeNow,
    createHftClient({ baseUrl: routeNow.current, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) }),
  );
  let feed: LiveFeed;
  try {
    feed =
      opts.feed ??
      createPoller({
        client: hftClient,
        clock,
        pollMs,
        fastPollMs,
        requestTimeoutMs: saved.requestTimeoutMs,
        historyHours: saved.historyHours,
      });
  } catch (error) {
    await watched.stopSimulator();
    throw error;
  }

  const info: AppInfo = {
    version: COCKPIT_VERSION,
    hostKind: opts.hostKind,
    demo: watched.demo,
    apiUrl: watched.apiUrl,
    pollMs,
    fastPollMs,
    dataDir: opts.dataDir,
    startedAt: clock.now(),
  };

  const log = opts.log ?? ((line: string) => process.stderr.write(`cockpit: ${line}\n`));
  let audit: AuditLog;
  let incidents: IncidentsService;
  try {
    const chainKeys = opts.chainKeys ?? keyFileChainKeys(join(opts.dataDir, CHAIN_KEY_FILE));
    audit = await openAuditLog(join(opts.dataDir, AUDIT_LOG_FILE), { clock, keys: await chainKeys.load() });
    incidents = await openIncidentsService({
      dataDir: opts.dataDir,
      audit,
      clock,
      ...(opts.timers ? { timers: opts.timers } : {}),
      operator: () => opts.settings.get().operatorName ?? systemUserName(),
      timeZone: () => opts.settings.get().timeZone ?? systemTimeZone(),
      log,
      // The health check's lane: when the next check is due after a failed one.
      pollMs: fastPollMs,
    }).catch(async (error: unknown) => {
      await audit.close();
      throw error;
    });
  } catch (error) {
    await watched.stopSimulator();
    throw error;
  }

  const operator = () => opts.settings.get().operatorName ?? systemUserName();
  const secretStore = opts.secretStore ?? memorySecretStore();
  const integrations = await createIntegrationsHost({
    dataDir: opts.dataDir, audit, incidents, clock, timers: opts.timers ?? systemTimers, http: fetchHttpClient(), secretStore,
    ...(opts.integrationUrls ? { urls: opts.integrationUrls } : {}),
    ...(opts.integrationTokens ? { tokens: opts.integrationTokens } : {}),
    emit: (view) => emit('integrations.changed', view),
    log,
    // docsPart is made below; the note is only asked for on a call, long after start.
    handoffNote: () => docsPart.handoffForChannel(),
  });
  const changeStore = await openChangeStore({ dataDir: opts.dataDir, clock, audit, log });
  // Opened before anything that emits events: the library reads the data folder, and nothing may fire meanwhile.
  const docsPart = await createDocsPart({
    dataDir: opts.dataDir,
    clock,
    incidents,
    operator,
    timeZone: () => opts.settings.get().timeZone ?? systemTimeZone(),
    shiftStartedAt: async () => (await checksPart.shift.view()).startsAt,
    shiftEndsAt: async () => (await checksPart.shift.view()).endsAt,
    audit,
    changes: () => changeStore.list(),
    shiftEvents: shiftEventsFrom({
      audit,
      accessReport: async () => (await checksPart.handlers['checks.report']({})) ?? null,
      timeZone: () => opts.settings.get().timeZone ?? systemTimeZone(),
      // Asked on each export, long after start: the drill part exists by then.
      drillSpans: () => drillPart.service.spans(),
    }),
    log,
  });
  const terminals = createTerminalHost({
    ...opts.terminal,
    dataDir: opts.dataDir,
    settings: opts.settings,
    audit: sshAuditSink(audit, operator),
    operator,
    clock,
    restartRule: () => restartRule(incidents.state().incidents, incidents.playbook(), clock.now(), opts.settings.get().timeZone ?? systemTimeZone()),
    ...(opts.timers ? { timers: opts.timers } : {}),
    emit: (name, payload, viewerId) => emit(name, payload, viewerId),
  });

  const checksPart = createChecksPart({
    audit,
    incidents,
    ...opts.checks,
    dataDir: opts.dataDir,
    settings: opts.settings,
    profiles: terminals.profiles,
    connector: terminals.connector,
    apiUrl: watched.apiUrl,
    demo: watched.demo,
    // The shell the terminal panel starts, started the same way (openLocalShell's default).
    localShell: {
      shell: opts.terminal?.localShell?.shell ?? process.env.SHELL ?? '/bin/bash',
      env: opts.terminal?.localShell?.env ?? process.env,
      pty: opts.terminal?.ptyFactory ?? nodePtyFactory,
    },
    writeKey: opts.apiKey ?? null,
    secretStore,
    clock,
    timers: opts.timers ?? systemTimers,
    emit: (name, payload) => emit(name, payload),
    operator,
    timeZone: () => opts.settings.get().timeZone ?? systemTimeZone(),
  });

  // Only a real system is worth a tunnel: the demo's simulator is on loopback, and a ready-made feed polls nothing.
  if (!watched.demo && !opts.feed) {
    route = createApiRoute({
      directUrl: watched.apiUrl,
      profiles: terminals.profiles,
      connector: terminals.connector,
      audit,
      timers: opts.timers ?? systemTimers,
      ...opts.apiViaSsh,
      log,
    });
  }
  const drillPart = createDrillPart({
    dataDir: opts.dataDir,
    apiUrl: watched.apiUrl,
    clock,
    timers: opts.timers ?? systemTimers,
    incidents,
    operator,
    tick: async (listId, itemId) => checksPart.handlers['shift.tick']({ listId, itemId, done: true }),
    emit: (view) => emit('drill.changed', view),
    log,
  });
  const killswitch = killswitchHandlers({
    client: hftClient,
    audit,
    clock,
    incidents,
    operator,
    timeZone: () => opts.settings.get().timeZone ?? systemTimeZone(),
    sshFallback: sshFallbackFrom({ profiles: terminals.profiles, connector: terminals.connector, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) }),
    log,
  });
  const link = createLiveLinkSender();
  const incidentsLink = createIncidentsLinkSender();
  const withRoute = <T extends object>(value: T): T => (route ? { ...value, apiRoute: route.view() } : value);

  const dispatch: Dispatch = createDispatch(withChainHeads({
    'app.info': () => info,
    'live.snapshot': () => link.snapshot(withRoute(feed.snapshot()), (delta) => emit('live.update', delta)),
    'live.history': () => feed.history(),
    'settings.get': () => opts.settings.get(),
    'settings.update': (patch) => opts.settings.update(patch),
    ...incidentHandlers(incidents, () => clock.now(), incidentsLink),
    ...gatherHandler({ incidents, profiles: terminals.profiles, ssh: sshForChecks(terminals.connector), clock }),
    ...terminals.handlers,
    ...checksPart.handlers,
    ...docsPart.handlers,
    ...integrations.handlers,
    ...changesHandlers({ store: changeStore, operator, emit: (name, payload) => emit(name, payload) }),
    ...killswitch,
    // A press read back during a drill counts for its report.
    'killswitch.fire': async (request, caller) => {
      const answer = await killswitch['killswitch.fire'](request, caller);
      drillPart.service.noteKillswitch(answer.outcome.verified, answer.outcome.verifiedAt ?? clock.now(), answer.outcome.elapsedMs);
      return answer;
    },
    ...drillPart.handlers,
  }, () => audit.head()));

  const listeners = new Set<BackendListener>();
  const emit = (name: EventName, payload: unknown, viewerId?: string) => {
    for (const listener of [...listeners]) {
      try {
        listener(name, payload, viewerId);
      } catch {
        // One broken transport must not starve the others of updates.
      }
    }
  };
  const unsubscribeIncidents = incidents.subscribe((notice) => {
    if (notice.name !== 'incidents.changed') return emit(notice.name, notice.payload);
    emit(notice.name, incidentsLink.encode(notice.payload));
    // A resolved SEV1 brings its debrief into the shift's view.
    checksPart.shift.refresh();
  });
  const unsubscribeFeed = feed.subscribe((update) => {
    for (const part of linkParts(withRoute(update))) emit('live.update', link.encode(part));
    incidents.observe(feed.snapshot().endpoints).catch((e: Error) => log(`incidents: could not record what the alert rules saw: ${e.message}`));
  });
  // A route change alone is an update with no endpoints, so the header follows at once.
  const unsubscribeRoute = route?.subscribe((apiRoute) => emit('live.update', link.encode({ endpoints: {}, pollMs, at: clock.now(), apiRoute }))) ?? (() => {});
  feed.start();

  let closing: Promise<void> | null = null;
  return {
    info,
    audit,
    lock,
    handle: dispatch,
    releaseViewer: (viewerId) => terminals.registry.releaseViewer(viewerId),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closing ??= (async () => {
        listeners.clear();
        unsubscribeFeed();
        unsubscribeIncidents();
        unsubscribeRoute();
        // The tunnel first, then the SSH connections it rides on.
        await route?.close();
        terminals.close();
        await drillPart.close();
        await checksPart.close();
        await integrations.close();
        try {
          await feed.stop();
        } finally {
          try {
            await incidents.close();
            await audit.close();
          } finally {
            await watched.stopSimulator();
            await lock.release();
          }
        }
      })();
      return closing;
    },
  };
}

async function chooseTarget(apiUrl: string | null, apiKey: string | undefined): Promise<Watched> {
  if (apiUrl) return { apiUrl, demo: false, stopSimulator: async () => {} };
  // Loaded only for the demo: a cockpit watching a real system carries no simulator state.
  const { startSimulator } = await import('../sim/index.js');
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: DEMO_SEED, ...(apiKey ? { apiKey } : {}) });
  return { apiUrl: sim.url, demo: true, stopSimulator: () => sim.close() };
}
