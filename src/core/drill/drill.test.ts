import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import { DRILLS, clock, drillLimits, drillReport, type Drill } from './drill.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const drill = (id: string): Drill => DRILLS.find((d) => d.id === id)!;
const SEV1 = drillLimits(DEFAULT_PLAYBOOK.severities.SEV1);

describe('drill definitions', () => {
  it('cover the five scenarios, crash-and-recover, a slow kill switch and the loss limit to 100%', () => {
    const names = new Set(DRILLS.flatMap((d) => d.steps.map((s) => s.control?.name)));
    for (const n of ['exchange_disconnect', 'high_latency', 'loss_limit_approach', 'crash', 'disk_low', 'slow']) {
      expect(names).toContain(n);
    }
    expect(drill('loss-limit').steps[0]!.control!.target_pct).toBe(100);
    expect(drill('slow-killswitch').steps[0]!.control!.target).toBe('killswitch');
    expect(drill('crash-and-recover').steps.at(-1)!.control).toBeNull();
  });

  it('script a sequence with times in order', () => {
    for (const d of DRILLS.filter((x) => x.kind === 'scripted')) {
      expect(d.steps.length).toBeGreaterThan(1);
      expect(d.steps.map((s) => s.at_s)).toEqual([...d.steps.map((s) => s.at_s)].sort((a, b) => a - b));
    }
    const seq = drill('two-exchanges-then-loss').steps;
    expect(seq.map((s) => s.control!.name)).toEqual(['exchange_disconnect', 'exchange_disconnect', 'loss_limit_approach']);
    expect(seq[0]!.control!.exchange).not.toBe(seq[1]!.control!.exchange);
  });
});

describe('drill clocks', () => {
  it('come from the playbook severity the drill reached', () => {
    expect(SEV1).toEqual({ acknowledged: 300, desk_told: 300, status_update: 900, killswitch_verified: null, resolved: null });
    const custom = drillLimits({ ...DEFAULT_PLAYBOOK.severities.SEV2, ackMinutes: 7 });
    expect(custom.acknowledged).toBe(420);
    expect(drillLimits(DEFAULT_PLAYBOOK.severities.SEV4).acknowledged).toBeNull();
  });
});

describe('drillReport', () => {
  it('compares each response with its clock and names what was missed', () => {
    const lines = drillReport(drill('exchange-down'), T0, [
      { kind: 'acknowledged', at: T0 + 48_000 },
      { kind: 'desk_told', at: T0 + 190_000 },
    ], SEV1);
    expect(lines.map((l) => l.text)).toEqual([
      'acknowledged in 48 s of 5 min',
      'desk told at 3:10 of 5:00',
      'missed: status update',
    ]);
    expect(lines.map((l) => l.met)).toEqual([true, true, false]);
  });

  it('counts a response past its clock as not met, and says so', () => {
    const [ack] = drillReport(drill('exchange-down'), T0, [{ kind: 'acknowledged', at: T0 + 301_000 }], SEV1);
    expect(ack).toEqual({ kind: 'acknowledged', met: false, text: 'acknowledged in 5 min, past its 5 min' });
    const [slower] = drillReport(drill('exchange-down'), T0, [{ kind: 'acknowledged', at: T0 + 301_000 }], { ...SEV1, acknowledged: 420 });
    expect(slower).toEqual({ kind: 'acknowledged', met: true, text: 'acknowledged in 5 min of 7 min' });
  });

  it('reports the kill switch by how long it took to confirm', () => {
    const lines = drillReport(drill('loss-limit'), T0, [{ kind: 'killswitch_verified', at: T0 + 90_000, took_ms: 1_700 }], SEV1);
    expect(lines[2]!.text).toBe('kill switch verified in 1.7 s');
  });

  it('ignores what happened before the drill started and takes the first response after', () => {
    const [ack] = drillReport(drill('exchange-down'), T0, [
      { kind: 'acknowledged', at: T0 - 5_000 },
      { kind: 'acknowledged', at: T0 + 70_000 },
      { kind: 'acknowledged', at: T0 + 20_000 },
    ], SEV1);
    expect(ack!.text).toBe('acknowledged in 20 s of 5 min');
  });
});

describe('durations', () => {
  it('read as a clock', () => {
    expect(clock(190)).toBe('3:10');
    expect(clock(300)).toBe('5:00');
  });
});
