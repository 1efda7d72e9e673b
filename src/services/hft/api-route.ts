/**
 * Which way the cockpit reaches the trading API: straight to the configured
 * URL, or, when that stops answering, through a port forward over the SSH
 * connection of a prod (else standby) host to the API on that host's
 * localhost:8080 (shared/hft-api.md, "Reach"). The HFT client asks
 * `current()` on every request, so the poller and the killswitch follow the
 * route without knowing it exists.
 *
 * The route judges by the health polls only (`report`), and only by
 * failures that mean "cannot reach" (network, timeout): an HTTP error or a
 * bad body is the system answering, and a tunnel would reach the same
 * system. While on the tunnel it keeps probing the direct URL in the
 * background and goes back as soon as that answers, closing the forward.
 * A tunnel whose requests keep failing is closed, the route falls back to
 * direct, and the tunnel is reopened with backoff a bounded number of
 * times. Every switch and every failed opening is written to the audit log.
 */
import { backoffDelayMs } from '../../core/backoff.js';
import type { ApiRoute, FailureKind } from '../../contract/live.js';
import type { HostProfile } from '../../contract/terminal.js';
import type { AuditEntry } from '../audit-log.js';
import type { LocalForward } from '../ssh/local-forward.js';
import { createHftClient, type FetchFunction, type HftClient } from './client.js';
import type { TimerHandle, Timers } from './timers.js';

/** Health polls in a row that could not reach the direct URL before the tunnel is opened (at a 1 s poll, about 3-7 s with the poller's backoff). */
export const DIRECT_FAILURES_BEFORE_SSH = 3;
/** Health polls in a row that could not get through the tunnel before it is counted as dead. */
export const TUNNEL_FAILURES_BEFORE_REOPEN = 3;
/** How often the direct URL is tried while on the tunnel, ms: cheap, and a switch back within half a minute is soon enough. */
export const DIRECT_PROBE_INTERVAL_MS = 30_000;
/** Deadline of one direct probe, ms (the poller's default request deadline). */
export const DIRECT_PROBE_TIMEOUT_MS = 2_000;
/** Attempts at opening a tunnel before giving up until the direct URL fails again DIRECT_FAILURES_BEFORE_SSH times. */
export const TUNNEL_OPEN_ATTEMPTS = 5;
/** Backoff between attempts, ms: 0.5-1 s, 1-2 s, 2-4 s, 4-8 s (core/backoff.ts), capped at 30 s. */
export const TUNNEL_RETRY_BASE_MS = 500;
export const TUNNEL_RETRY_CAP_MS = 30_000;
/** Where the API listens as seen from the host itself (shared/hft-api.md). */
export const DEFAULT_REMOTE_API_HOST = 'localhost';
export const DEFAULT_REMOTE_API_PORT = 8080;

/** The part of the SshConnector the route needs. */
export interface TunnelOpener {
  forwardLocal(profile: HostProfile, remoteHost: string, remotePort: number): Promise<LocalForward>;
}

export interface ApiRouteOptions {
  /** The configured API URL, e.g. http://hft-prod-01:8080. */
  directUrl: string;
  profiles: { list(): Promise<HostProfile[]> };
  connector: TunnelOpener;
  audit: { append(entry: AuditEntry): Promise<unknown> };
  timers: Timers;
  remoteHost?: string;
  remotePort?: number;
  /** For the direct probes; the global fetch by default. */
  fetch?: FetchFunction;
  /** Source of backoff jitter in [0, 1). */
  random?: () => number;
  log?: (line: string) => void;
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
}

export interface ApiRouteService {
  /** The base URL requests go to now. */
  current(): string;
  view(): ApiRoute;
  /** The outcome of one health poll sent to `baseUrl` ('ok', or the failure's kind). */
  report(baseUrl: string, outcome: 'ok' | FailureKind): void;
  subscribe(listener: (view: ApiRoute) => void): () => void;
  /** Stops probing and closes any tunnel; the route stays direct. */
  close(): Promise<void>;
}

type Phase =
  | { name: 'direct' }
  | { name: 'opening' }
  | { name: 'waiting'; timer: TimerHandle }
  | { name: 'ssh'; profile: HostProfile; forward: LocalForward }
  | { name: 'closed' };

const trimSlash = (url: string) => url.replace(/\/+$/, '');
const cannotReach = (outcome: 'ok' | FailureKind) => outcome === 'network' || outcome === 'timeout';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createApiRoute(options: ApiRouteOptions): ApiRouteService {
  const directUrl = trimSlash(options.directUrl);
  const remoteHost = options.remoteHost ?? DEFAULT_REMOTE_API_HOST;
  const remotePort = options.remotePort ?? DEFAULT_REMOTE_API_PORT;
  const probeIntervalMs = options.probeIntervalMs ?? DIRECT_PROBE_INTERVAL_MS;
  const probeTimeoutMs = options.probeTimeoutMs ?? DIRECT_PROBE_TIMEOUT_MS;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const { timers } = options;
  const probeClient = createHftClient({ baseUrl: directUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });

  let phase: Phase = { name: 'direct' };
  let directFailures = 0;
  let tunnelFailures = 0;
  let note: string | null = null;
  let published: ApiRoute = { kind: 'direct', via: null, note: null };
  let probeTimer: TimerHandle | null = null;
  let probeAbort: AbortController | null = null;
  const listeners = new Set<(view: ApiRoute) => void>();

  const view = (): ApiRoute =>
    phase.name === 'ssh' ? { kind: 'ssh', via: phase.profile.name, note } : { kind: 'direct', via: null, note };

  function publish(): void {
    const next = view();
    if (next.kind === published.kind && next.via === published.via && next.note === published.note) return;
    published = next;
    for (const listener of [...listeners]) {
      try {
        listener(next);
      } catch {
        // A broken listener must not stop the route from switching.
      }
    }
  }

  function record(type: string, data: Record<string, unknown>): void {
    options.audit.append({ type, data }).catch((error: unknown) => log(`api route: could not audit ${type}: ${messageOf(error)}`));
  }

  /** Prod hosts first, then standby; only those the engineer marked "reach the API through SSH". */
  async function candidates(): Promise<HostProfile[]> {
    const all = await options.profiles.list().catch((error: unknown) => {
      log(`api route: could not read the host profiles: ${messageOf(error)}`);
      return [];
    });
    const usable = all.filter((p) => p.apiViaSsh);
    return [...usable.filter((p) => p.role === 'prod'), ...usable.filter((p) => p.role === 'standby')];
  }

  async function openTunnel(attempt: number, reason: string): Promise<void> {
    phase = { name: 'opening' };
    const hosts = await candidates();
    if (phase.name !== 'opening') return;
    if (hosts.length === 0) {
      phase = { name: 'direct' };
      directFailures = 0;
      const said = 'direct API unreachable; no prod or standby host profile is marked to reach the API through SSH';
      if (note !== said) {
        note = said;
        record('api.route.no_ssh_route', { directUrl, reason });
        log(`api route: ${said}`);
      }
      publish();
      return;
    }
    const errors: string[] = [];
    for (const profile of hosts) {
      let forward: LocalForward;
      try {
        forward = await options.connector.forwardLocal(profile, remoteHost, remotePort);
      } catch (error) {
        errors.push(`${profile.name}: ${messageOf(error)}`);
        continue;
      }
      if (phase.name !== 'opening') {
        // Closed (or direct came back) while the tunnel was opening.
        await forward.close().catch(() => {});
        return;
      }
      switchToSsh(profile, forward, reason);
      return;
    }
    if (phase.name !== 'opening') return;
    record('api.route.tunnel_failed', { attempt, of: TUNNEL_OPEN_ATTEMPTS, errors });
    log(`api route: SSH tunnel attempt ${attempt} of ${TUNNEL_OPEN_ATTEMPTS} failed: ${errors.join('; ')}`);
    if (attempt < TUNNEL_OPEN_ATTEMPTS) {
      note = `SSH tunnel could not be opened (attempt ${attempt} of ${TUNNEL_OPEN_ATTEMPTS}); trying again`;
      waitThenOpen(attempt + 1, reason);
    } else {
      phase = { name: 'direct' };
      directFailures = 0;
      note = `SSH tunnel could not be opened after ${TUNNEL_OPEN_ATTEMPTS} attempts; using the direct URL`;
    }
    publish();
  }

  function waitThenOpen(attempt: number, reason: string): void {
    const delay = backoffDelayMs(attempt - 1, TUNNEL_RETRY_BASE_MS, random(), TUNNEL_RETRY_CAP_MS);
    phase = { name: 'waiting', timer: timers.setTimeout(() => void openTunnel(attempt, reason), delay) };
  }

  function switchToSsh(profile: HostProfile, forward: LocalForward, reason: string): void {
    phase = { name: 'ssh', profile, forward };
    tunnelFailures = 0;
    note = null;
    record('api.route.switched', {
      from: 'direct',
      to: 'ssh',
      via: profile.name,
      profileId: profile.id,
      localUrl: forward.localUrl,
      remote: `${remoteHost}:${remotePort}`,
      reason,
    });
    log(`api route: now through SSH via ${profile.name} (${reason})`);
    publish();
    scheduleProbe();
  }

  /** Leaves the tunnel for the direct URL; `lost` keeps reopening it afterwards. */
  async function leaveTunnel(reason: string, lost: boolean): Promise<void> {
    if (phase.name !== 'ssh') return;
    const { profile, forward } = phase;
    stopProbe();
    directFailures = 0;
    record('api.route.switched', { from: 'ssh', to: 'direct', via: profile.name, reason });
    log(`api route: back to the direct URL (${reason})`);
    if (lost) {
      note = `SSH tunnel via ${profile.name} lost; reopening`;
      waitThenOpen(1, reason);
    } else {
      note = null;
      phase = { name: 'direct' };
    }
    publish();
    await forward.close().catch((error: unknown) => log(`api route: closing the tunnel via ${profile.name}: ${messageOf(error)}`));
  }

  function scheduleProbe(): void {
    probeTimer = timers.setTimeout(() => {
      probeTimer = null;
      void probeDirect();
    }, probeIntervalMs);
  }

  function stopProbe(): void {
    if (probeTimer !== null) timers.clearTimeout(probeTimer);
    probeTimer = null;
    probeAbort?.abort();
    probeAbort = null;
  }

  async function probeDirect(): Promise<void> {
    if (phase.name !== 'ssh') return;
    const onTunnel = phase.forward;
    const controller = new AbortController();
    probeAbort = controller;
    const deadline = timers.setTimeout(() => controller.abort(), probeTimeoutMs);
    // Settles on the answer or the deadline, whichever comes first: a fetch that ignores its signal cannot stall the probing.
    const aborted = new Promise<false>((resolve) => controller.signal.addEventListener('abort', () => resolve(false), { once: true }));
    const answered = probeClient.get('health', controller.signal).then((r) => r.ok, () => false);
    const ok = await Promise.race([answered, aborted]);
    timers.clearTimeout(deadline);
    if (probeAbort === controller) probeAbort = null;
    if (phase.name !== 'ssh' || phase.forward !== onTunnel) return;
    if (ok) await leaveTunnel('the direct URL answers its health check again', false);
    else scheduleProbe();
  }

  return {
    current: () => (phase.name === 'ssh' ? phase.forward.localUrl : directUrl),
    view,
    report(baseUrl, outcome) {
      const url = trimSlash(baseUrl);
      if (url === directUrl && (phase.name === 'direct' || phase.name === 'waiting')) {
        if (!cannotReach(outcome)) {
          directFailures = 0;
          if (phase.name === 'waiting' || note !== null) {
            if (phase.name === 'waiting') timers.clearTimeout(phase.timer);
            phase = { name: 'direct' };
            note = null;
            publish();
          }
          return;
        }
        if (phase.name !== 'direct' || ++directFailures < DIRECT_FAILURES_BEFORE_SSH) return;
        void openTunnel(1, `${directFailures} health polls in a row could not reach ${directUrl} (${outcome})`);
      } else if (phase.name === 'ssh' && url === trimSlash(phase.forward.localUrl)) {
        if (!cannotReach(outcome)) tunnelFailures = 0;
        else if (++tunnelFailures >= TUNNEL_FAILURES_BEFORE_REOPEN) {
          void leaveTunnel(`${tunnelFailures} health polls in a row could not get through the tunnel (${outcome})`, true);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      const was = phase;
      phase = { name: 'closed' };
      stopProbe();
      listeners.clear();
      if (was.name === 'waiting') timers.clearTimeout(was.timer);
      if (was.name === 'ssh') await was.forward.close().catch(() => {});
    },
  };
}

/**
 * The client with every health poll's outcome reported to the route,
 * together with the URL it went to. The client reads the URL synchronously
 * when the request starts, so the URL read here is the one it used.
 */
export function reportingHealthTo(route: Pick<ApiRouteService, 'current' | 'report'>, client: HftClient): HftClient {
  return {
    ...client,
    get(endpoint, signal) {
      const url = route.current();
      const answer = client.get(endpoint, signal);
      if (endpoint === 'health') void answer.then((result) => route.report(url, result.ok ? 'ok' : result.failure.kind), () => {});
      return answer;
    },
  };
}
