import { describe, expect, it } from 'vitest';
import { DRILLS, clock, drillReport, spoken, type Drill } from './drill.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const drill = (id: string): Drill => DRILLS.find((d) => d.id === id)!;

describe('drill definitions', () => {
  it('cover the five scenarios, crash-and-recover, a slow kill switch and the loss limit to 100%', () => {
    const names = new Set(DRILLS.flatMap((d) => d.steps.map((s) => s.control.name)));
    for (const n of ['exchange_disconnect', 'high_latency', 'loss_limit_approach', 'crash', 'disk_low', 'slow']) {
      expect(names).toContain(n);
    }
    expect(drill('loss-limit').steps[0]!.control.target_pct).toBe(100);
    expect(drill('slow-killswitch').steps[0]!.control.target).toBe('killswitch');
  });

  it('script a sequence with times in order', () => {
    const seq = drill('two-exchanges-then-loss').steps;
    expect(seq.map((s) => s.control.name)).toEqual(['exchange_disconnect', 'exchange_disconnect', 'loss_limit_approach']);
    expect(seq.map((s) => s.at_s)).toEqual([...seq.map((s) => s.at_s)].sort((a, b) => a - b));
    expect(seq[0]!.control.exchange).not.toBe(seq[1]!.control.exchange);
  });
});

describe('drillReport', () => {
  it('compares each response with its clock and names what was missed', () => {
    const lines = drillReport(drill('exchange-down'), T0, [
      { kind: 'acknowledged', at: T0 + 48_000 },
      { kind: 'desk_told', at: T0 + 190_000 },
    ]);
    expect(lines.map((l) => l.text)).toEqual([
      'acknowledged in 48 s of 5 min',
      'desk told at 3:10 of 5:00',
      'missed: status update',
    ]);
    expect(lines.map((l) => l.met)).toEqual([true, true, false]);
  });

  it('counts a response past its clock as not met', () => {
    const [ack] = drillReport(drill('exchange-down'), T0, [{ kind: 'acknowledged', at: T0 + 301_000 }]);
    expect(ack).toEqual({ kind: 'acknowledged', met: false, text: 'acknowledged in 5 min 1 s of 5 min' });
  });

  it('reports the kill switch by how long it took to confirm', () => {
    const lines = drillReport(drill('loss-limit'), T0, [{ kind: 'killswitch_verified', at: T0 + 90_000, took_ms: 1_700 }]);
    expect(lines[2]!.text).toBe('kill switch verified in 1.7 s');
  });

  it('ignores what happened before the drill started and takes the first response after', () => {
    const [ack] = drillReport(drill('exchange-down'), T0, [
      { kind: 'acknowledged', at: T0 - 5_000 },
      { kind: 'acknowledged', at: T0 + 70_000 },
      { kind: 'acknowledged', at: T0 + 20_000 },
    ]);
    expect(ack!.text).toBe('acknowledged in 20 s of 5 min');
  });
});

describe('durations', () => {
  it('speak seconds and minutes, and read as a clock', () => {
    expect(spoken(48)).toBe('48 s');
    expect(spoken(150)).toBe('2 min 30 s');
    expect(clock(190)).toBe('3:10');
    expect(clock(300)).toBe('5:00');
  });
});
