import { describe, expect, it } from 'vitest';
import { applyCheckEvent, type CheckEvent } from '../../core/checks/progress.js';
import { newReport, type CheckDefinition, type CheckOutcome } from '../../core/checks/model.js';
import { systemClock } from '../clock.js';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { runChecks, type CheckTask } from './runner.js';

const def = (id: string, dependsOn: string[] = [], timeoutMs = 1_000, kind: CheckDefinition['kind'] = 'ssh'): CheckDefinition => ({
  id,
  kind,
  label: `check ${id}`,
  target: null,
  dependsOn,
  timeoutMs,
});
const pass: CheckOutcome = { state: 'passed', message: 'ok', hint: null, rawError: null };
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done, fail) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      fail(signal.reason);
    });
  });

function recorder() {
  const events: CheckEvent[] = [];
  return { events, onProgress: (e: CheckEvent) => events.push(e) };
}

describe('runChecks', () => {
  it('runs independent checks in parallel and dependants after their dependency', async () => {
    const log: string[] = [];
    let inFlight = 0;
    let most = 0;
    const task = (d: CheckDefinition, ms: number): CheckTask => ({
      definition: d,
      run: async (signal) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        log.push(`start ${d.id}`);
        await sleep(ms, signal);
        log.push(`end ${d.id}`);
        inFlight -= 1;
        return pass;
      },
    });
    const tasks = [task(def('ssh:a'), 60), task(def('ssh:b'), 60), task(def('sudo:a', ['ssh:a']), 10), task(def('db'), 60)];
    const { events, onProgress } = recorder();
    const outcomes = await runChecks(tasks, { clock: systemClock, concurrency: 3, onProgress });
    expect([...outcomes.values()].every((o) => o.state === 'passed')).toBe(true);
    expect(most).toBe(3);
    expect(log.indexOf('start sudo:a')).toBeGreaterThan(log.indexOf('end ssh:a'));
    const report = events.reduce(applyCheckEvent, newReport('t', tasks.map((t) => t.definition), 0));
    expect(report.finishedAt).not.toBeNull();
    expect(report.checks.every((c) => c.state === 'passed' && c.durationMs! >= 9)).toBe(true);
  });

  it('skips a dependant when its dependency failed, saying which', async () => {
    const tasks: CheckTask[] = [
      { definition: def('ssh:a'), run: async () => { throw new Error('All configured authentication methods failed'); } },
      { definition: def('sudo:a', ['ssh:a'], 1_000, 'sudo'), run: async () => pass },
    ];
    const outcomes = await runChecks(tasks, { clock: systemClock });
    expect(outcomes.get('ssh:a')).toMatchObject({ state: 'failed', message: 'Permission denied (publickey)', rawError: 'All configured authentication methods failed' });
    expect(outcomes.get('sudo:a')).toMatchObject({ state: 'skipped', message: 'Not run: "check ssh:a" did not pass' });
  });

  it('fails a check at its deadline even when it ignores the signal', async () => {
    let aborted = false;
    const tasks: CheckTask[] = [
      {
        definition: def('db', [], 50, 'database'),
        run: (signal) => {
          signal.addEventListener('abort', () => (aborted = true));
          return new Promise<CheckOutcome>((done) => setTimeout(() => done(pass), 400));
        },
      },
    ];
    const began = performance.now();
    const outcomes = await runChecks(tasks, { clock: systemClock });
    expect(performance.now() - began).toBeLessThan(300);
    expect(aborted).toBe(true);
    expect(outcomes.get('db')).toMatchObject({ state: 'failed', message: 'No answer within 0.1 s', rawError: 'timed out after 50 ms' });
  });

  it('treats a dependency outside the run as met, for re-running one check', async () => {
    const outcomes = await runChecks([{ definition: def('sudo:a', ['ssh:a']), run: async () => pass }], { clock: systemClock });
    expect(outcomes.get('sudo:a')!.state).toBe('passed');
  });

  it('cancels: checks in flight and not yet started are skipped', async () => {
    const controller = new AbortController();
    const tasks: CheckTask[] = [
      { definition: def('a'), run: (signal) => sleep(500, signal).then(() => pass) },
      { definition: def('b', ['a']), run: async () => pass },
    ];
    setTimeout(() => controller.abort(), 20);
    const outcomes = await runChecks(tasks, { clock: systemClock, signal: controller.signal });
    expect(outcomes.get('a')).toMatchObject({ state: 'skipped', message: 'Cancelled while it ran' });
    expect(outcomes.get('b')!.state).toBe('skipped');
  });

  it('does not hang on a dependency cycle', async () => {
    const outcomes = await runChecks(
      [
        { definition: def('x', ['y']), run: async () => pass },
        { definition: def('y', ['x']), run: async () => pass },
      ],
      { clock: systemClock },
    );
    expect([...outcomes.values()].map((o) => o.state)).toEqual(['skipped', 'skipped']);
  });
  it('fails a check that ignores its signal at its deadline, on the injected timers', async () => {
    const time = new FakeTime();
    let aborted: unknown = null;
    const hung: CheckTask = {
      definition: def('ssh:a', [], 5_000),
      run: (signal) => {
        signal.addEventListener('abort', () => (aborted = signal.reason));
        return new Promise<CheckOutcome>(() => {});
      },
    };
    let outcome: CheckOutcome | undefined;
    const running = runChecks([hung], { clock: time, timers: time }).then((o) => (outcome = o.get('ssh:a')));
    await time.advance(4_999);
    expect(outcome).toBeUndefined();
    await time.advance(1);
    expect(outcome).toMatchObject({ state: 'failed' });
    await running;
    expect(outcome).toMatchObject({ state: 'failed', rawError: 'timed out after 5000 ms' });
    expect(aborted).toBeInstanceOf(Error);
    expect(time.timerCount).toBe(0);
  });
});
