/**
 * The shift's risk history (daily P&L and loss-limit use, one point per good
 * risk answer), kept in a fixed-size ring of typed arrays OUTSIDE React and
 * zustand: 12 h at 1 Hz is 43,200 points, and copying that into state on
 * every poll would cost more than drawing it.
 */
import type { LiveUpdate, RiskHistory } from '../../src/contract/live.js';

export interface RiskColumns {
  /** Wall-clock ms (host clock), ascending. */
  t: Float64Array;
  dailyPnlUsd: Float64Array;
  lossLimitUsedPct: Float64Array;
}

/** Points to keep for a window of `hours` polled every `pollMs`. */
export const historyCapacity = (hours: number, pollMs: number) => Math.max(2, Math.ceil((hours * 3_600_000) / pollMs));

export class RiskHistoryRing {
  private t: Float64Array;
  private pnl: Float64Array;
  private used: Float64Array;
  /** Index of the oldest point. */
  private head = 0;
  private count = 0;
  private versionNo = 0;
  private listeners = new Set<() => void>();

  private cap: number;
  /** Least time between appended points, ms (src/core/lanes.ts riskHistorySpacingMs). */
  private spacingMs = 0;

  constructor(capacity: number) {
    this.cap = Math.max(2, Math.floor(capacity));
    this.t = new Float64Array(this.cap);
    this.pnl = new Float64Array(this.cap);
    this.used = new Float64Array(this.cap);
  }

  get capacity() {
    return this.cap;
  }

  /** Changes how many points are kept (the window or poll interval changed); keeps the newest. */
  resize(capacity: number): void {
    const cap = Math.max(2, Math.floor(capacity));
    if (cap === this.cap) return;
    const old = this.columns();
    this.cap = cap;
    this.t = new Float64Array(cap);
    this.pnl = new Float64Array(cap);
    this.used = new Float64Array(cap);
    this.head = 0;
    this.count = 0;
    for (let i = Math.max(0, old.t.length - cap); i < old.t.length; i++) {
      this.push(old.t[i]!, old.dailyPnlUsd[i]!, old.lossLimitUsedPct[i]!);
    }
    this.changed();
  }

  get length() {
    return this.count;
  }
  /** Changes on every append or load; for useSyncExternalStore. */
  get version() {
    return this.versionNo;
  }
  get lastTime(): number | null {
    return this.count === 0 ? null : this.t[(this.head + this.count - 1) % this.cap]!;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Keeps appended points at least `ms` apart, so a risk lane faster than the window's sizing cannot shorten the window. */
  setSpacing(ms: number): void {
    this.spacingMs = Math.max(0, ms);
  }

  /** Adds a point; ignored unless it is at least the spacing newer than the last one (a repeated answer is not a new point). */
  append(t: number, dailyPnlUsd: number, lossLimitUsedPct: number): boolean {
    const last = this.lastTime;
    if (last !== null && this.spacingMs > 0 && t - last < this.spacingMs) return false;
    if (!this.push(t, dailyPnlUsd, lossLimitUsedPct)) return false;
    this.changed();
    return true;
  }

  /** Appends the risk answer carried by a live update, if it has one. */
  appendFromUpdate(update: LiveUpdate): boolean {
    const risk = update.endpoints.risk;
    if (!risk?.data || risk.receivedAt === null) return false;
    return this.append(risk.receivedAt, risk.data.daily_pnl_usd, risk.data.loss_limit_used_pct);
  }

  /**
   * Replaces the content with the host's history, then re-adds points this
   * ring already had that are newer than the history (updates that arrived
   * while the history call was in flight).
   */
  load(history: RiskHistory): void {
    const newer = this.columns();
    this.head = 0;
    this.count = 0;
    const n = Math.min(history.t.length, history.dailyPnlUsd.length, history.lossLimitUsedPct.length);
    for (let i = Math.max(0, n - this.cap); i < n; i++) {
      this.push(history.t[i]!, history.dailyPnlUsd[i]!, history.lossLimitUsedPct[i]!);
    }
    for (let i = 0; i < newer.t.length; i++) this.push(newer.t[i]!, newer.dailyPnlUsd[i]!, newer.lossLimitUsedPct[i]!);
    this.changed();
  }

  /** The points oldest first, as fresh arrays. */
  columns(): RiskColumns {
    const out: RiskColumns = {
      t: new Float64Array(this.count),
      dailyPnlUsd: new Float64Array(this.count),
      lossLimitUsedPct: new Float64Array(this.count),
    };
    const firstRun = Math.min(this.count, this.cap - this.head);
    out.t.set(this.t.subarray(this.head, this.head + firstRun));
    out.dailyPnlUsd.set(this.pnl.subarray(this.head, this.head + firstRun));
    out.lossLimitUsedPct.set(this.used.subarray(this.head, this.head + firstRun));
    if (firstRun < this.count) {
      const rest = this.count - firstRun;
      out.t.set(this.t.subarray(0, rest), firstRun);
      out.dailyPnlUsd.set(this.pnl.subarray(0, rest), firstRun);
      out.lossLimitUsedPct.set(this.used.subarray(0, rest), firstRun);
    }
    return out;
  }

  private push(t: number, pnl: number, used: number): boolean {
    const last = this.lastTime;
    if (last !== null && t <= last) return false;
    const at = (this.head + this.count) % this.cap;
    this.t[at] = t;
    this.pnl[at] = pnl;
    this.used[at] = used;
    if (this.count < this.cap) this.count++;
    else this.head = (this.head + 1) % this.cap;
    return true;
  }

  private changed() {
    this.versionNo++;
    for (const listener of [...this.listeners]) listener();
  }
}
