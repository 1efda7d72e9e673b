/**
 * While a terminal in the page pours out bulk output (a `cat`, a `yes`),
 * the live view's updates compete with xterm.js for the page's one thread:
 * in the terminal bench the React work of DEMO's updates (four a second on
 * the fast lane) took more of it than xterm.js's parsing. So while a
 * terminal floods, an update that only brings new numbers is committed
 * at most once per gap (the poll interval), together with whatever waited
 * before it, in order and each with the time it arrived, so every panel's
 * age ("updated 0.8 s ago") stays the true age of what it shows: held data
 * is never on screen, and what is on screen keeps ageing.
 *
 * Anything that is not only new numbers is committed at once, with what
 * waited before it: a freshness verdict that is not "fresh" before and
 * after, a failure, a rejected response, a frozen server clock, a clock
 * skew crossing its warning, a new API route, a change in what the
 * verdicts are made of (health status, trading enabled, the kill switch,
 * an exchange's link), or a number crossing one of the playbook's marks
 * the page judges by (order latency, the loss limit's approach, prepare-
 * to-kill and limit marks, disk). Bad news never waits.
 */
import type { ApiRoute, EndpointViews, LiveUpdate } from '../../contract/live.js';
import { observeDisk, observeLatency, observeLossLimit, toAlertSnapshot } from '../alerts/index.js';
import type { Playbook } from '../playbook/schema.js';

type Views = Partial<EndpointViews>;

/** The facts of the live data the verdicts (the header, the health verdict, incidents) are made of. */
function verdictFacts(views: Views, name: keyof EndpointViews): string {
  switch (name) {
    case 'health':
      return String(views.health?.data?.status);
    case 'status': {
      const data = views.status?.data;
      if (!data) return 'none';
      return `${data.trading_enabled} ${data.killswitch.active} ${data.exchanges.map((e) => `${e.name}=${e.connected}`).join(',')}`;
    }
    case 'risk':
      return String(views.risk?.data?.killswitch_active);
    default:
      return '';
  }
}

/**
 * Which of the playbook's marks the numbers are past, as the page's health
 * verdict and the kill switch's arming read them: a crossing is a verdict
 * changing, not a new number.
 */
function marksPassed(views: Views, playbook: Playbook, pollMs: number): string {
  const { health, status, risk } = views;
  if (!health || !status || !risk) return 'none';
  const snap = toAlertSnapshot({ ...views, health, status, risk } as EndpointViews, pollMs);
  const loss = observeLossLimit(snap, playbook, 0);
  return [observeLatency(snap, playbook, null, 0).active, loss.active, ...loss.marks, observeDisk(snap, playbook, 0).active].join(' ');
}

const sameRoute = (a: ApiRoute | null, b: ApiRoute) => a !== null && a.kind === b.kind && a.via === b.via && a.note === b.note;

/** What the page judges by, besides the data: the playbook's marks and the poll interval the health checks are due at. */
export interface Judging {
  playbook: Playbook;
  pollMs: number;
  skewWarnMs: number;
}

/**
 * Whether `update` only brings new numbers against what is `shown`: every
 * endpoint in it fresh before and after, with no failure, no rejected
 * response, no frozen clock, the clock skew on the same side of
 * `skewWarnMs`, the same verdict facts, past the same playbook marks, and
 * the same API route.
 */
export function onlyNewNumbers(update: LiveUpdate, shown: Views, shownRoute: ApiRoute | null, judging: Judging): boolean {
  const { skewWarnMs } = judging;
  if (update.apiRoute && !sameRoute(shownRoute, update.apiRoute)) return false;
  const warns = (skew: number | null) => skew !== null && Math.abs(skew) >= skewWarnMs;
  for (const name of Object.keys(update.endpoints) as (keyof EndpointViews)[]) {
    const next = update.endpoints[name];
    if (next === undefined) continue;
    const before = shown[name];
    if (!before || before.freshness !== 'fresh' || next.freshness !== 'fresh') return false;
    if (next.consecutiveFailures !== 0 || next.timestampFrozen) return false;
    if (next.invalidResponses !== before.invalidResponses) return false;
    if ((next.lastFailure?.at ?? null) !== (before.lastFailure?.at ?? null)) return false;
    if (warns(next.clockSkewMs) !== warns(before.clockSkewMs)) return false;
    if (verdictFacts(update.endpoints, name) !== verdictFacts(shown, name)) return false;
  }
  const after = { ...shown, ...update.endpoints };
  return marksPassed(after, judging.playbook, judging.pollMs) === marksPassed(shown, judging.playbook, judging.pollMs);
}

/**
 * Holds what may wait and says what to commit: `offer` each item as it
 * comes, commit what it returns (in order), and call `release` at `dueAt`.
 * Times are the caller's monotonic ms.
 */
export class FloodHold<T> {
  private held: T[] = [];
  private lastCommitAt = -Infinity;
  private dueBy = -Infinity;

  /**
   * An item came at `now`. It waits when it `mayWait` and the last commit
   * was less than `gapMs` ago; otherwise it is returned, after everything
   * that waited.
   */
  offer(item: T, now: number, mayWait: boolean, gapMs: number): T[] {
    if (mayWait && now - this.lastCommitAt < gapMs) {
      this.held.push(item);
      this.dueBy = this.lastCommitAt + gapMs;
      return [];
    }
    this.held.push(item);
    return this.release(now);
  }

  /** When what waits must be committed at the latest; null when nothing waits. */
  get dueAt(): number | null {
    return this.held.length > 0 ? this.dueBy : null;
  }

  /** Everything that waits, in order, to be committed now. */
  release(now: number): T[] {
    const out = this.held;
    this.held = [];
    if (out.length > 0) this.lastCommitAt = now;
    return out;
  }
}
