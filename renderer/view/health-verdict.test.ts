import { describe, expect, it } from 'vitest';
import type { EndpointViews } from '../../src/contract/live.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { sampleEndpoints, samplePositions, sampleStrategies } from '../store/live-fixtures.js';
import { conditionNow } from './incidents/condition-now.js';
import { healthVerdict, verdictBehindHost } from './health-verdict.js';

const AT = Date.UTC(2026, 10, 24, 3, 14, 54);
const clock = (at: number) => new Date(at).toISOString().slice(11, 19);

/** The sample book with every exchange up and the loss limit well away from the alert. */
function calm(): EndpointViews {
  const e = sampleEndpoints(AT, samplePositions(10), sampleStrategies(24));
  e.status.data!.exchanges = e.status.data!.exchanges.map((x) => ({ ...x, connected: true }));
  e.risk.data = { ...e.risk.data!, daily_pnl_usd: -4_500, loss_limit_used_pct: 9 };
  return e;
}

describe('the health verdict', () => {
  it('reads "Trading normal" on a normal day, a loss of 9% of the limit included', () => {
    expect(healthVerdict(calm(), DEFAULT_PLAYBOOK, AT, clock, 1000)).toEqual({ level: 'normal', text: 'Trading normal' });
  });

  it('names what is degraded, from the alert rules\' own thresholds', () => {
    const e = calm();
    e.status.data!.exchanges[3] = { ...e.status.data!.exchanges[3]!, connected: false };
    e.status.data!.latency.order_p99_ms = 48;
    expect(healthVerdict(e, DEFAULT_PLAYBOOK, AT, clock, 1000)).toEqual({
      level: 'degraded', text: `Degraded: ${e.status.data!.exchanges[3]!.name} disconnected; order p99 48 ms`,
    });
  });

  it('says since when the system has not responded, and halted with since when and why', () => {
    const down = calm();
    down.health = { ...down.health, freshness: 'dead', consecutiveFailures: 5, receivedAt: AT - 60_000 };
    expect(healthVerdict(down, DEFAULT_PLAYBOOK, AT, clock, 1000)).toEqual({ level: 'down', text: 'Not responding since 03:13:54' });
    const halted = calm();
    halted.status.data!.killswitch = { active: true, reason: 'limit', activated_at: new Date(AT).toISOString(), source: 'auto_loss_limit' };
    expect(healthVerdict(halted, DEFAULT_PLAYBOOK, AT, clock, 1000)).toEqual({ level: 'halted', text: 'Halted since 03:14:54 (loss limit)' });
  });

  it('says when it cannot judge yet', () => {
    expect(healthVerdict({}, DEFAULT_PLAYBOOK, AT, clock, 1000).level).toBe('unknown');
  });
});

describe('the condition an incident tracks, now', () => {
  const loss = { scenario: 'loss_limit' as const, conditionClearedAt: null };

  it('reads the live figures, not the opening ones', () => {
    const e = calm();
    e.risk.data = { ...e.risk.data!, daily_pnl_usd: -47_512, loss_limit_used_pct: 95.02 };
    expect(conditionNow(loss, e, DEFAULT_PLAYBOOK, AT, clock, 1000)).toEqual({
      state: 'holds', text: '95% of the $50,000 daily loss limit used (P&L -$47,512).',
    });
  });

  it('says when it cleared, and when there is no fresh data to judge', () => {
    expect(conditionNow({ ...loss, conditionClearedAt: AT }, calm(), DEFAULT_PLAYBOOK, AT, clock, 1000)).toMatchObject({ state: 'cleared', text: expect.stringMatching(/^Cleared at 03:14:54: /) });
    const stale = calm();
    stale.risk = { ...stale.risk, freshness: 'stale' };
    expect(conditionNow(loss, stale, DEFAULT_PLAYBOOK, AT, clock, 1000)?.state).toBe('unseen');
    expect(conditionNow({ scenario: null, conditionClearedAt: null }, calm(), DEFAULT_PLAYBOOK, AT, clock, 1000)).toBeNull();
  });

  it('while the host link is down or the host silent, says the verdict is the last known one, never as live', () => {
    const e = calm();
    e.status.data!.exchanges[3] = { ...e.status.data!.exchanges[3]!, connected: false };
    const live = healthVerdict(e, DEFAULT_PLAYBOOK, AT, clock, 1000);
    expect(verdictBehindHost(live, null)).toEqual(live);
    expect(verdictBehindHost(live, 'link-down')).toEqual({ level: 'unknown', text: `Host link down, not live. Last known: ${live.text}` });
    const normal = healthVerdict(calm(), DEFAULT_PLAYBOOK, AT, clock, 1000);
    expect(verdictBehindHost(normal, 'host-silent')).toEqual({ level: 'unknown', text: 'No word from the host, not live. Last known: Trading normal' });
    expect(verdictBehindHost({ level: 'unknown', text: 'Waiting for the first answer' }, 'link-down')).toEqual({ level: 'unknown', text: 'Host link down: no data yet' });
  });
});
