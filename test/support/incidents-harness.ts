/**
 * For tests of the incident service: endpoint views as the poller would
 * hand them over, built from a few facts (which exchanges are down, order
 * p99, disk, loss-limit use), and a service opened on a temp data dir with
 * fake time that can be closed, crashed and reopened on the same files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EndpointViews } from '../../src/contract/live.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { FakeTime, sampleAnswer } from './hft-fakes.js';
import type { Timers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsNotice, type IncidentsService } from '../../src/services/incidents/service.js';

export interface Facts {
  down?: string[];
  orderP99Ms?: number;
  diskPct?: number;
  lossLimitUsedPct?: number;
}

const EXCHANGES = ['binance', 'coinbase', 'kraken', 'okx'];

export function viewsOf(facts: Facts, at: number): EndpointViews {
  const stamp = new Date(at).toISOString();
  const fresh = <T>(data: T) => ({
    freshness: 'fresh' as const, data, receivedAt: at, ageMs: 0, consecutiveFailures: 0, invalidResponses: 0,
    lastFailure: null, clockSkewMs: 0, timestampFrozen: false,
  });
  const status = sampleAnswer('status', stamp);
  const risk = sampleAnswer('risk', stamp);
  const pct = facts.lossLimitUsedPct ?? 10;
  return {
    health: fresh(sampleAnswer('health', stamp)),
    status: fresh({
      ...status,
      exchanges: EXCHANGES.map((name) => ({ ...status.exchanges[0]!, name, connected: !(facts.down ?? []).includes(name) })),
      latency: { ...status.latency, order_p99_ms: facts.orderP99Ms ?? 4.8 },
      resources: { ...status.resources, disk_pct: facts.diskPct ?? 60 },
    }),
    positions: fresh(sampleAnswer('positions', stamp)),
    strategies: fresh(sampleAnswer('strategies', stamp)),
    risk: fresh({ ...risk, loss_limit_used_pct: pct, daily_pnl_usd: -(pct / 100) * risk.daily_loss_limit_usd }),
  };
}

export interface Desk {
  service: IncidentsService;
  audit: AuditLog;
  notices: IncidentsNotice[];
  alerts(): IncidentsNotice[];
  kill(): void;
}

export class IncidentsHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'incidents-'));
  readonly time = new FakeTime();
  readonly logged: string[] = [];
  operator = 'ana';
  private open: Desk[] = [];

  get auditPath(): string {
    return join(this.dir, 'audit.log');
  }

  async start(): Promise<Desk> {
    const audit = await openAuditLog(this.auditPath, { clock: this.time });
    let alive = true;
    // A crashed desk's timers must not fire into the next one's files.
    const timers: Timers = {
      setTimeout: (callback, ms) => this.time.setTimeout(() => alive && callback(), ms),
      clearTimeout: (handle) => this.time.clearTimeout(handle),
    };
    const service = await openIncidentsService({
      dataDir: this.dir, audit, clock: this.time, timers,
      operator: () => this.operator, timeZone: () => 'UTC', log: (line) => this.logged.push(line),
    });
    const notices: IncidentsNotice[] = [];
    service.subscribe((n) => notices.push(n));
    const desk: Desk = {
      service, audit, notices, alerts: () => notices.filter((n) => n.name === 'incidents.alert'),
      kill: () => {
        alive = false;
      },
    };
    this.open.push(desk);
    return desk;
  }

  /**
   * Moves fake time by `ms`, then lets what the timers started reach the
   * disk; a check re-armed for "now" after a write runs too (bounded rounds).
   */
  async pass(ms: number, desk: Desk): Promise<void> {
    await this.time.advance(ms);
    for (let round = 0; round < 10; round++) {
      await desk.service.idle();
      await this.time.advance(0);
    }
    await desk.service.idle();
  }

  /** Polls once with these facts at the current fake time. */
  observe(desk: Desk, facts: Facts): Promise<void> {
    return desk.service.observe(viewsOf(facts, this.time.now()));
  }

  async stop(desk: Desk): Promise<void> {
    await desk.service.close();
    await desk.audit.close();
    this.open = this.open.filter((d) => d !== desk);
  }

  /** As if the process died: nothing more is written, the files stay as they are. */
  async crash(desk: Desk): Promise<void> {
    desk.kill();
    // Writes already started finish (a killed process may or may not have; tests that care cut the files by hand).
    await desk.service.idle();
    await desk.audit.close();
    this.open = this.open.filter((d) => d !== desk);
  }

  async cleanup(): Promise<void> {
    for (const desk of this.open) await this.stop(desk).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
