/**
 * The thresholds of each rule, with every hold at zero (NO_HOLD): what
 * counts as the condition, its severity, updates, clearing and flapping.
 * Hold times, inhibition and recurrence are in hold.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { AlertState } from './evaluate.js';
import type { AlertSnapshot, RiskFacts, StatusFacts } from './snapshot.js';
import { HEALTHY, MIN, failedChecks, NO_HOLD as PB, S, T0, kinds, risk, run as runWith, snap, status } from './test-snapshots.js';

const run = (steps: [number, AlertSnapshot][], start?: AlertState) => runWith(steps, start, PB);

describe('healthy system', () => {
  it('signals nothing', () => {
    expect(run([[T0, snap()], [T0 + S, snap()]]).signals).toEqual([]);
  });
});

describe('exchange disconnected', () => {
  it('raises SEV2 for one exchange, naming it in the title', () => {
    const { signals } = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      kind: 'raise', conditionKey: 'exchange_disconnected', severity: 'SEV2',
      title: 'Exchange disconnected: binance', subjects: ['binance'], at: T0,
    });
  });

  it('raises the open incident to SEV1 when a second exchange drops, without a second raise', () => {
    const { signals, state } = run([
      [T0, snap({ status: status({ down: ['binance'] }) })],
      [T0 + S, snap({ status: status({ down: ['binance'] }) })],
      [T0 + 2 * S, snap({ status: status({ down: ['binance', 'kraken'] }) })],
    ]);
    expect(kinds(signals)).toEqual(['raise:exchange_disconnected:SEV2', 'update:exchange_disconnected:SEV1']);
    expect(signals[1]!.title).toBe('Exchanges disconnected: binance, kraken');
    expect(state.open.exchange_disconnected?.severity).toBe('SEV1');
  });

  it('raises SEV1 at once when several drop together', () => {
    const { signals } = run([[T0, snap({ status: status({ down: ['okx', 'binance'] }) })]]);
    expect(kinds(signals)).toEqual(['raise:exchange_disconnected:SEV1']);
  });

  it('keeps SEV1 when one of two reconnects, and says which is still down', () => {
    const { signals } = run([
      [T0, snap({ status: status({ down: ['binance', 'kraken'] }) })],
      [T0 + S, snap({ status: status({ down: ['kraken'] }) })],
    ]);
    expect(kinds(signals)).toEqual(['raise:exchange_disconnected:SEV1', 'update:exchange_disconnected:SEV1']);
    expect(signals[1]!.title).toBe('Exchange disconnected: kraken');
  });

  it('does not flap: a reconnect shorter than the clear window says nothing', () => {
    const down = snap({ status: status({ down: ['binance'] }) });
    const up = snap();
    const { signals } = run([
      [T0, down], [T0 + S, up], [T0 + 10 * S, up], [T0 + 11 * S, down], [T0 + 12 * S, up], [T0 + 40 * S, down],
    ]);
    expect(kinds(signals)).toEqual(['raise:exchange_disconnected:SEV2']);
  });

  it('signals cleared once clear for the whole window, exactly at its end', () => {
    const up = snap();
    const clearMs = PB.alerting.clearAfterSeconds * S;
    const first = run([[T0, snap({ status: status({ down: ['binance'] }) })], [T0 + S, up]]);
    const before = run([[T0 + S + clearMs - 1, up]], first.state);
    expect(before.signals).toEqual([]);
    const at = run([[T0 + S + clearMs, up]], before.state);
    expect(at.signals).toHaveLength(1);
    expect(at.signals[0]).toMatchObject({ kind: 'cleared', title: 'Exchange disconnected: binance', subjects: ['binance'] });
    expect(at.state.open).toEqual({});
  });

  it('restarts the clear window when the condition returns inside it: nothing at the first deadline', () => {
    const down = snap({ status: status({ down: ['binance'] }) });
    const up = snap();
    const clearMs = PB.alerting.clearAfterSeconds * S;
    const back = run([[T0, down], [T0 + S, up], [T0 + 10 * S, down], [T0 + 11 * S, up]]);
    expect(kinds(back.signals)).toEqual(['raise:exchange_disconnected:SEV2']);
    const firstDeadline = T0 + S + clearMs;
    const pastFirst = run([[firstDeadline - 1, up], [firstDeadline, up], [firstDeadline + 1, up]], back.state);
    expect(pastFirst.signals).toEqual([]);
    const deadline = T0 + 11 * S + clearMs;
    const before = run([[deadline - 1, up]], pastFirst.state);
    expect(before.signals).toEqual([]);
    const at = run([[deadline, up]], before.state);
    expect(kinds(at.signals)).toEqual(['cleared:exchange_disconnected:SEV2']);
  });

  it('neither raises nor clears on stale status data', () => {
    const stale = snap({ status: null });
    expect(run([[T0, stale]]).signals).toEqual([]);
    const opened = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    // Ten minutes of stale data, then one clear reading: the clear window only starts now.
    const later = run([[T0 + S, stale], [T0 + 10 * MIN, stale], [T0 + 10 * MIN + S, snap()]], opened.state);
    expect(later.signals).toEqual([]);
    expect(later.state.open.exchange_disconnected?.clearSince).toBe(T0 + 10 * MIN + S);
  });

  it('does not count unseen time towards the clear window', () => {
    const opened = run([[T0, snap({ status: status({ down: ['binance'] }) })], [T0 + S, snap()]]);
    const later = run([[T0 + 30 * S, snap({ status: null })], [T0 + 70 * S, snap()]], opened.state);
    expect(later.signals).toEqual([]);
  });
});

describe('high latency', () => {
  const lat = (ms: number) => snap({ status: status({ orderP99Ms: ms }) });
  const threshold = PB.scenarios.high_latency.detection.orderP99ThresholdMs;

  it('is not high exactly at the threshold, and is SEV3 just above', () => {
    expect(run([[T0, lat(threshold)]]).signals).toEqual([]);
    expect(kinds(run([[T0, lat(threshold + 0.01)]]).signals)).toEqual(['raise:high_latency:SEV3']);
  });

  it('upgrades to SEV2 only past five minutes of unbroken high readings', () => {
    const steps: [number, AlertSnapshot][] = [];
    for (let t = 0; t <= 5 * MIN; t += 30 * S) steps.push([T0 + t, lat(25)]);
    const atFive = run(steps);
    expect(kinds(atFive.signals)).toEqual(['raise:high_latency:SEV3']);
    const past = run([[T0 + 5 * MIN + 1, lat(25)]], atFive.state);
    expect(kinds(past.signals)).toEqual(['update:high_latency:SEV2']);
    expect(past.signals[0]!.detail).toContain('sustained');
  });

  it('restarts the five minutes after a reading below the threshold', () => {
    const { signals } = run([
      [T0, lat(25)], [T0 + 3 * MIN, lat(25)], [T0 + 3 * MIN + S, lat(5)], [T0 + 3 * MIN + 2 * S, lat(25)],
      [T0 + 7 * MIN, lat(25)], [T0 + 8 * MIN + 2 * S, lat(25)], [T0 + 8 * MIN + 3 * S, lat(25)],
    ]);
    expect(kinds(signals)).toEqual(['raise:high_latency:SEV3', 'update:high_latency:SEV2']);
    expect(signals[1]!.at).toBe(T0 + 8 * MIN + 3 * S);
  });

  it('keeps SEV2 when latency drops back under five minutes of run', () => {
    const { signals } = run([[T0, lat(25)], [T0 + 6 * MIN, lat(25)], [T0 + 6 * MIN + S, lat(12)], [T0 + 6 * MIN + 2 * S, lat(5)]]);
    expect(kinds(signals)).toEqual(['raise:high_latency:SEV3', 'update:high_latency:SEV2']);
  });
});

describe('daily loss limit', () => {
  const loss = (pct: number, over: Partial<RiskFacts> = {}, st: Partial<StatusFacts> = {}) =>
    snap({ risk: risk(pct, over), status: status(st) });

  it('opens SEV1 at the approaching mark, not just below it', () => {
    expect(run([[T0, loss(79.99)]]).signals).toEqual([]);
    expect(kinds(run([[T0, loss(80)]]).signals)).toEqual(['raise:loss_limit:SEV1']);
  });

  it('puts the 90% mark and the automatic killswitch on the open incident as events, once each', () => {
    const { signals } = run([
      [T0, loss(82.5)],
      [T0 + S, loss(89.99)],
      [T0 + 2 * S, loss(90)],
      [T0 + 3 * S, loss(95)],
      [T0 + 4 * S, loss(100, { killswitchActive: true }, { killswitchActive: true, killswitchSource: 'auto_loss_limit' })],
      [T0 + 5 * S, loss(101, { killswitchActive: true }, { killswitchActive: true, killswitchSource: 'auto_loss_limit' })],
    ]);
    expect(kinds(signals)).toEqual([
      'raise:loss_limit:SEV1',
      'event:loss_limit:SEV1:prepare_kill',
      'event:loss_limit:SEV1:limit_reached',
      'event:loss_limit:SEV1:killswitch_fired',
    ]);
    expect(signals[1]!.detail).toContain('90%');
    expect(signals[3]!.detail).toMatch(/Automatic killswitch fired/);
  });

  it('reports the limit reached without claiming a killswitch that did not fire', () => {
    const { signals } = run([[T0, loss(100)]]);
    expect(kinds(signals)).toEqual(['raise:loss_limit:SEV1', 'event:loss_limit:SEV1:prepare_kill', 'event:loss_limit:SEV1:limit_reached']);
  });

  it('does not take a manual killswitch for the automatic one', () => {
    const { signals } = run([[T0, loss(100, { killswitchActive: true }, { killswitchActive: true, killswitchSource: 'manual' })]]);
    expect(signals.map((s) => s.mark).filter(Boolean)).toEqual(['prepare_kill', 'limit_reached']);
  });

  it('writes the amounts in the detail', () => {
    const { signals } = run([[T0, loss(82.5, { dailyPnlUsd: -41_250 })]]);
    expect(signals[0]!.detail).toBe('82.5% of the $50,000 daily loss limit used (P&L -$41,250).');
  });

  it('is blind while the risk endpoint is stale', () => {
    expect(run([[T0, snap({ risk: null })]]).signals).toEqual([]);
  });
});

describe('system not responding', () => {
  const down = (n: number) => failedChecks(n, T0, 'timeout: no answer in 2000 ms');

  it('raises SEV1 on the first failed health check when the playbook asks for one, with the reason', () => {
    const { signals } = run([[T0, down(1)]]);
    expect(kinds(signals)).toEqual(['raise:system_down:SEV1']);
    expect(signals[0]!.detail).toContain('timeout: no answer in 2000 ms');
  });

  it('raises when the API is dead even if health has not failed yet', () => {
    const { signals } = run([[T0, snap({ health: { ...HEALTHY, answering: false }, apiDead: true, status: null, risk: null })]]);
    expect(kinds(signals)).toEqual(['raise:system_down:SEV1']);
  });

  it('does not raise from missing data alone, and clears only after good answers for the window', () => {
    const pending = snap({ health: { ...HEALTHY, answering: false }, status: null, risk: null });
    expect(run([[T0, pending]]).signals).toEqual([]);
    const { signals } = run([[T0, down(3)], [T0 + S, pending], [T0 + 2 * S, snap()], [T0 + 62 * S, snap()]]);
    expect(kinds(signals)).toEqual(['raise:system_down:SEV1', 'cleared:system_down:SEV1']);
  });
});

describe('disk space low', () => {
  const disk = (pct: number) => snap({ status: status({ diskPct: pct }) });

  it('is SEV3 just above the low mark and nothing exactly at it', () => {
    expect(run([[T0, disk(85)]]).signals).toEqual([]);
    expect(kinds(run([[T0, disk(85.1)]]).signals)).toEqual(['raise:disk_low:SEV3']);
  });

  it('is SEV3 at 95% and SEV2 just above', () => {
    expect(kinds(run([[T0, disk(95)]]).signals)).toEqual(['raise:disk_low:SEV3']);
    expect(kinds(run([[T0, disk(95.01)]]).signals)).toEqual(['raise:disk_low:SEV2']);
  });

  it('upgrades an open SEV3 when the disk passes 95%', () => {
    expect(kinds(run([[T0, disk(90)], [T0 + MIN, disk(96)]]).signals)).toEqual(['raise:disk_low:SEV3', 'update:disk_low:SEV2']);
  });
});

describe('state', () => {
  it('survives a JSON round trip with the same behaviour', () => {
    const opened = run([[T0, snap({ status: status({ down: ['binance'], orderP99Ms: 30 }) })]]);
    const restored = JSON.parse(JSON.stringify(opened.state)) as AlertState;
    const later = run([[T0 + 6 * MIN, snap({ status: status({ down: ['binance'], orderP99Ms: 30 }) })]], restored);
    expect(kinds(later.signals)).toEqual(['update:high_latency:SEV2']);
  });
});
