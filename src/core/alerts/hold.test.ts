/**
 * Hold times, inhibition and what a staged fault of each length gives, with
 * the default playbook: time is the poll instant passed in, one poll a
 * second unless a test says otherwise.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../playbook/default.js';
import type { ScenarioId } from '../playbook/schema.js';
import { evaluateAlerts, initialAlertState, nextAlertCheckAt, type AlertSignal } from './evaluate.js';
import type { AlertSnapshot } from './snapshot.js';
import { everySecond, failedChecks, kinds, risk, run, S, snap, status, T0 } from './test-snapshots.js';
import { stillHolds } from './wording.js';

const lat = (ms: number) => snap({ status: status({ orderP99Ms: ms }) });
/** When each signal came, in seconds after T0. */
const timed = (signals: AlertSignal[]) => signals.map((s) => `${s.kind}:${s.conditionKey}:${s.severity}@${(s.at - T0) / S}`);

/** What the scenario looks like on the poll at `t`, the fault having been staged at T0. */
const FAULTS: Record<ScenarioId, (t: number) => AlertSnapshot> = {
  exchange_disconnected: () => snap({ status: status({ down: ['binance'] }) }),
  high_latency: () => lat(25),
  loss_limit: () => snap({ risk: risk(90) }),
  system_down: (t) => failedChecks((t - T0) / S + 1, t),
  disk_low: () => snap({ status: status({ diskPct: 96 }) }),
};

/** The fault on for `seconds` of polls from T0, then two minutes of a healthy system. */
function staged(scenario: ScenarioId, seconds: number) {
  const end = T0 + seconds * S;
  return run([...everySecond(T0, end - S, FAULTS[scenario]), ...everySecond(end, end + 120 * S, () => snap())]);
}

describe('a fault staged for one poll, a few seconds, a minute', () => {
  // What an engineer would want: no page for a blip of latency, disk or the
  // API; an exchange drop and the loss limit at once; the rest once held.
  const outcomes: [ScenarioId, number, string[]][] = [
    ['exchange_disconnected', 1, ['raise:exchange_disconnected:SEV2@0', 'cleared:exchange_disconnected:SEV2@61']],
    ['exchange_disconnected', 5, ['raise:exchange_disconnected:SEV2@0', 'cleared:exchange_disconnected:SEV2@65']],
    ['exchange_disconnected', 60, ['raise:exchange_disconnected:SEV2@0', 'cleared:exchange_disconnected:SEV2@120']],
    ['high_latency', 1, []],
    ['high_latency', 5, []],
    ['high_latency', 60, ['raise:high_latency:SEV3@10', 'cleared:high_latency:SEV3@120']],
    ['loss_limit', 1, ['raise:loss_limit:SEV1@0', 'event:loss_limit:SEV1@0', 'cleared:loss_limit:SEV1@61']],
    ['loss_limit', 5, ['raise:loss_limit:SEV1@0', 'event:loss_limit:SEV1@0', 'cleared:loss_limit:SEV1@65']],
    ['loss_limit', 60, ['raise:loss_limit:SEV1@0', 'event:loss_limit:SEV1@0', 'cleared:loss_limit:SEV1@120']],
    ['system_down', 1, []],
    ['system_down', 2, []],
    ['system_down', 5, ['raise:system_down:SEV1@3', 'cleared:system_down:SEV1@65']],
    ['system_down', 60, ['raise:system_down:SEV1@3', 'cleared:system_down:SEV1@120']],
    ['disk_low', 1, []],
    ['disk_low', 5, []],
    ['disk_low', 60, ['raise:disk_low:SEV2@30', 'cleared:disk_low:SEV2@120']],
  ];
  it.each(outcomes)('%s for %i s gives %j', (scenario, seconds, expected) => {
    expect(timed(staged(scenario, seconds).signals)).toEqual(expected);
  });
});

describe('hold time', () => {
  it('raises high latency once it held the full 10 s, saying how long it held', () => {
    const { signals } = run(everySecond(T0, T0 + 12 * S, () => lat(25)));
    expect(timed(signals)).toEqual(['raise:high_latency:SEV3@10']);
    expect(signals[0]!.heldMs).toBe(10 * S);
    expect(signals[0]!.detail).toBe('Order p99 25 ms (threshold 10 ms). Order p99 above 10 ms for 10 s.');
  });

  it('starts the wait again after a reading below the threshold, and keeps it across a reading it cannot see', () => {
    const dip = run([...everySecond(T0, T0 + 8 * S, () => lat(25)), [T0 + 9 * S, lat(5)], ...everySecond(T0 + 10 * S, T0 + 19 * S, () => lat(25))]);
    expect(dip.signals).toEqual([]);
    expect(timed(run([[T0 + 20 * S, lat(25)]], dip.state).signals)).toEqual(['raise:high_latency:SEV3@20']);
    const blind = run([...everySecond(T0, T0 + 8 * S, () => lat(25)), [T0 + 9 * S, snap({ status: null })], ...everySecond(T0 + 10 * S, T0 + 12 * S, () => lat(25))]);
    expect(timed(blind.signals)).toEqual(['raise:high_latency:SEV3@10']);
  });

  it('says nothing of the hold when it is zero', () => {
    const { signals } = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    expect(signals[0]!.detail).toBe('1 of 4 exchanges disconnected: binance.');
  });

  it('reads the hold from the playbook', () => {
    const quick = { ...PB, scenarios: { ...PB.scenarios, disk_low: { ...PB.scenarios.disk_low, holdSeconds: 2 } } };
    const out = everySecond(T0, T0 + 3 * S, () => snap({ status: status({ diskPct: 90 }) })).reduce(
      (acc, [t, s]) => {
        const next = evaluateAlerts(acc.state, s, t, quick);
        return { state: next.state, signals: [...acc.signals, ...next.signals] };
      },
      { state: initialAlertState(), signals: [] as AlertSignal[] },
    );
    expect(timed(out.signals)).toEqual(['raise:disk_low:SEV3@2']);
  });

  it('keeps the clear window: a return within it says nothing once raised', () => {
    const opened = run(everySecond(T0, T0 + 10 * S, () => lat(25)));
    const later = run([[T0 + 11 * S, lat(5)], [T0 + 40 * S, lat(25)], [T0 + 41 * S, lat(5)], [T0 + 100 * S, lat(5)], [T0 + 101 * S, lat(5)]], opened.state);
    expect(timed(later.signals)).toEqual(['cleared:high_latency:SEV3@101']);
  });

  it('tells the host when to look again: the end of the earliest wait or clear window', () => {
    const waiting = run([[T0, lat(25)], [T0 + S, snap({ status: status({ orderP99Ms: 25, diskPct: 90 }) })]]);
    expect(nextAlertCheckAt(waiting.state, PB)).toBe(T0 + 10 * S);
    expect(nextAlertCheckAt(initialAlertState(), PB)).toBeNull();
    const clearing = run([[T0, snap({ status: status({ down: ['binance'] }) })], [T0 + 5 * S, snap()]]);
    expect(nextAlertCheckAt(clearing.state, PB)).toBe(T0 + 65 * S);
  });
});

describe('system not responding: 3 s and two failed checks in a row', () => {
  it('opens nothing for one failed check, however long the next check takes', () => {
    const { signals, state } = run([[T0, failedChecks(1, T0)], [T0 + 5 * S, failedChecks(1, T0)]]);
    expect(signals).toEqual([]);
    expect(run([[T0 + 6 * S, snap()]], state).signals).toEqual([]);
  });

  it('counts a failed check only until the next is due: a 1.2 s crash seen by a backing-off poller opens nothing', () => {
    // Checks at 0 s and 1.1 s failed; the poller then waits 2-4 s; at 3 s the host looks again, at 3.4 s the check answers.
    const afterTwo = failedChecks(2, T0 + 1100);
    const { signals } = run([[T0, failedChecks(1, T0)], [T0 + 1100, afterTwo], [T0 + 3000, afterTwo], [T0 + 3400, snap()]]);
    expect(signals).toEqual([]);
  });

  it('opens at the end of the hold when the last failed check still vouches for it', () => {
    const afterTwo = failedChecks(2, T0 + 1900);
    const { signals } = run([[T0, failedChecks(1, T0)], [T0 + 1900, afterTwo], [T0 + 2999, afterTwo], [T0 + 3000, afterTwo]]);
    expect(timed(signals)).toEqual(['raise:system_down:SEV1@3']);
    expect(signals[0]!.detail).toMatch(/^2 health check\(s\) failed in a row \(network: connection reset\)\. Not responding for 3 s\./);
  });

  it('waits for the second failed check even past the hold', () => {
    const { signals } = run([[T0, failedChecks(1, T0)], [T0 + 4 * S, failedChecks(1, T0 + 4 * S)]]);
    expect(signals).toEqual([]);
    expect(timed(run([[T0 + 5 * S, failedChecks(2, T0 + 5 * S)]], run([[T0, failedChecks(1, T0)]]).state).signals)).toEqual(['raise:system_down:SEV1@5']);
  });

  it('opens when the status and risk endpoints are dead on their own, after the hold', () => {
    const dead = snap({ apiDead: true, status: null, risk: null });
    expect(timed(run(everySecond(T0, T0 + 4 * S, () => dead)).signals)).toEqual(['raise:system_down:SEV1@3']);
  });
});

describe('inhibition while the system is not responding', () => {
  const crash = (from: number, seconds: number) => everySecond(from, from + (seconds - 1) * S, (t) => failedChecks((t - from) / S + 1, t));

  it('opens nothing else during a crash and says what it holds back', () => {
    const before = run([[T0, snap({ status: status({ down: ['binance'], orderP99Ms: 25 }) })], ...everySecond(T0 + S, T0 + 4 * S, () => snap({ status: status({ down: ['binance'], orderP99Ms: 25 }) }))]);
    expect(kinds(before.signals)).toEqual(['raise:exchange_disconnected:SEV2']);
    const during = run(crash(T0 + 5 * S, 20), before.state);
    expect(kinds(during.signals)).toEqual(['raise:system_down:SEV1']);
    const text = during.signals[0]!.detail;
    expect(text).toContain('Held back until it answers again: new incidents, severity rises and clears from the exchanges, latency, loss limit, disk rules.');
    expect(text).toContain('Kept open as they were: Exchange disconnected: binance.');
    expect(text).toContain('Waiting again for the full hold time: High latency (had held 5 s).');
  });

  it('neither raises, upgrades nor clears an open exchange incident on what it reads while the system is down', () => {
    const open = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    // A half-up system whose health fails but whose status still answers: those numbers are not trusted.
    const halfUp = (t: number) => ({ ...failedChecks((t - T0) / S, t), status: status({ down: ['binance', 'kraken'] }) });
    const during = run(everySecond(T0 + S, T0 + 90 * S, halfUp), open.state);
    expect(kinds(during.signals)).toEqual(['raise:system_down:SEV1']);
    expect(during.state.open.exchange_disconnected).toMatchObject({ severity: 'SEV2', subjects: ['binance'], clearSince: null });
    const allUp = (t: number) => ({ ...failedChecks((t - T0) / S, t), status: status() });
    expect(kinds(run(everySecond(T0 + S, T0 + 90 * S, allUp), open.state).signals)).toEqual(['raise:system_down:SEV1']);
  });

  it('after recovery, keeps the open exchange incident and starts its clear window only from fresh data', () => {
    const open = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    const crashed = run(crash(T0 + S, 10), open.state);
    const stillDown = run(everySecond(T0 + 11 * S, T0 + 30 * S, () => snap({ status: status({ down: ['binance'] }) })), crashed.state);
    expect(stillDown.signals).toEqual([]);
    const back = run(everySecond(T0 + 11 * S, T0 + 71 * S, () => snap()), crashed.state);
    expect(timed(back.signals)).toEqual(['cleared:system_down:SEV1@71', 'cleared:exchange_disconnected:SEV2@71']);
  });

  it('evaluates afresh after recovery, with the full hold again', () => {
    const pending = run(everySecond(T0, T0 + 6 * S, () => lat(25)));
    const crashed = run(crash(T0 + 7 * S, 2), pending.state);
    expect(crashed.signals).toEqual([]);
    const after = run(everySecond(T0 + 9 * S, T0 + 25 * S, () => lat(25)), crashed.state);
    expect(timed(after.signals)).toEqual(['raise:high_latency:SEV3@19']);
  });

  it('ends with the crash: a blip of the API opens nothing and holds nothing back afterwards', () => {
    const { state, signals } = run([...crash(T0, 1), [T0 + S, snap()]]);
    expect(signals).toEqual([]);
    expect(state.inhibited).toBeNull();
  });
});

describe('what still holds, for the question before resolving', () => {
  it('names what is still wrong, and nothing once the condition is clear or clearing', () => {
    const two = run([[T0, snap({ status: status({ down: ['binance', 'kraken'] }) })]]);
    expect(stillHolds(two.state, 'exchange_disconnected', PB)).toBe('binance and kraken are still disconnected');
    const one = run([[T0, snap({ status: status({ down: ['binance'] }) })]]);
    expect(stillHolds(one.state, 'exchange_disconnected', PB)).toBe('binance is still disconnected');
    const clearing = run([[T0 + S, snap()]], one.state);
    expect(stillHolds(clearing.state, 'exchange_disconnected', PB)).toBeNull();
    expect(stillHolds(one.state, 'disk_low', PB)).toBeNull();
    const slow = run(everySecond(T0, T0 + 10 * S, () => lat(25)));
    expect(stillHolds(slow.state, 'high_latency', PB)).toBe('order p99 is still above 10 ms');
  });
});
