/**
 * What a panel says about its own numbers. The host judges each endpoint
 * (fresh/stale/dead/pending); the renderer adds what only it can see: whether
 * it still hears its host. A link that is down, or a host silent for three
 * poll intervals, makes every fresh panel stale: numbers are never shown as
 * live when nobody is refreshing them.
 */
import type { EndpointFailure, Freshness } from '../../src/contract/live.js';
import { formatDuration, skewText } from './format.js';

/** Poll intervals without any message from the host before the view distrusts it. */
export const HOST_SILENT_AFTER_INTERVALS = 3;
/**
 * Server/host clock disagreement worth a warning, ms. A second is one poll:
 * beyond it the "updated N s ago" of a panel and the server's own timestamps
 * tell different stories.
 */
export const SKEW_WARN_MS = 1_000;

/** The part of an endpoint view that freshness depends on. */
export interface ViewTiming {
  freshness: Freshness;
  receivedAt: number | null;
  ageMs: number | null;
  consecutiveFailures: number;
  invalidResponses: number;
  lastFailure: EndpointFailure | null;
  clockSkewMs: number | null;
  timestampFrozen: boolean;
}

export interface PanelFacts {
  view: ViewTiming | undefined;
  /** Renderer monotonic ms when the view arrived. */
  arrivedAt: number | undefined;
  linkUp: boolean;
  /** Renderer monotonic ms of the host's last message. */
  lastHostMessageAt: number | null;
  pollMs: number | null;
  /** Renderer monotonic ms now. */
  localNow: number;
}

export type HostProblem = 'link-down' | 'host-silent' | null;

export interface PanelFreshness {
  state: Freshness;
  /** One line: "updated 0.8 s ago", "STALE — last good 14 s ago", ... */
  text: string;
  /** Age of the shown data now, ms; null without data. */
  ageMs: number | null;
  hostProblem: HostProblem;
  /** Extra warnings to show under the banner (frozen clock, skew, failures). */
  warnings: string[];
}

export function hostProblem(f: Pick<PanelFacts, 'linkUp' | 'lastHostMessageAt' | 'pollMs' | 'localNow'>): HostProblem {
  if (!f.linkUp) return 'link-down';
  if (f.lastHostMessageAt !== null && f.pollMs !== null && f.localNow - f.lastHostMessageAt > HOST_SILENT_AFTER_INTERVALS * f.pollMs) {
    return 'host-silent';
  }
  return null;
}

/** The data's age now: what the host measured when it sent the view, plus the time since. */
/**
 * The host's last message time if, at `localNow`, the host has been silent
 * too long, else null. What a view needs of `lastHostMessageAt` to judge
 * "host silent" (hostProblem gives the same verdict, and judgePanel the same
 * words, with this in its place): selected instead of the time itself, it
 * changes when the verdict does, not on every host message, so a panel does
 * not re-render for a message that is not its own.
 */
export function silentSince(f: Pick<PanelFacts, 'lastHostMessageAt' | 'pollMs' | 'localNow'>): number | null {
  return hostProblem({ linkUp: true, ...f }) === 'host-silent' ? f.lastHostMessageAt : null;
}

export function dataAgeMs(view: ViewTiming | undefined, arrivedAt: number | undefined, localNow: number): number | null {
  if (!view || view.ageMs === null || view.receivedAt === null) return null;
  return view.ageMs + Math.max(0, localNow - (arrivedAt ?? localNow));
}

export function judgePanel(f: PanelFacts, clock: (wallMs: number) => string): PanelFreshness {
  const problem = hostProblem(f);
  const view = f.view;
  const age = dataAgeMs(view, f.arrivedAt, f.localNow);
  let state: Freshness = view?.freshness ?? 'pending';
  if (state === 'fresh' && problem !== null) state = 'stale';

  const lastGood = age === null ? 'no good answer yet' : `last good ${formatDuration(age)} ago`;
  const hostWords =
    problem === 'link-down'
      ? 'host link down'
      : problem === 'host-silent'
        ? `no word from the host for ${formatDuration(f.localNow - (f.lastHostMessageAt ?? f.localNow))}`
        : null;

  let text: string;
  switch (state) {
    case 'pending':
      text = problem === 'link-down' ? 'NO DATA — host link down' : 'waiting for the first answer';
      break;
    case 'fresh':
      text = `updated ${formatDuration(age ?? 0)} ago`;
      break;
    case 'stale':
      text = `STALE — ${hostWords ? `${hostWords}, ` : view?.timestampFrozen ? 'server timestamp frozen, ' : ''}${lastGood}`;
      break;
    case 'dead': {
      const since = view?.receivedAt ?? view?.lastFailure?.at ?? null;
      text = `NO DATA — API not responding${since === null ? '' : ` since ${clock(since)}`}`;
      if (hostWords) text += ` (${hostWords})`;
      break;
    }
  }

  const warnings: string[] = [];
  if (view?.timestampFrozen) warnings.push('server timestamp frozen: the numbers stopped moving');
  if (view?.clockSkewMs != null && Math.abs(view.clockSkewMs) >= SKEW_WARN_MS) warnings.push(skewText(view.clockSkewMs));
  return { state, text, ageMs: age, hostProblem: problem, warnings };
}
