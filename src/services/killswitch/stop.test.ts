import { describe, expect, it } from 'vitest';
import { deskContactOf } from '../../core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/default.js';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { FakeHaltingSystem, MemoryAudit } from '../../../test/support/killswitch-fakes.js';
import { MAX_TOTAL_MS } from './fire.js';
import { READ_BACK_PAUSE_MS } from './read-back.js';
import { stopStrategies, type StopStrategiesOptions } from './stop.js';

const desk = deskContactOf(DEFAULT_PLAYBOOK);

function setup() {
  const time = new FakeTime();
  const system = new FakeHaltingSystem(time, { a: 'running', b: 'running', c: 'running' });
  const audit = new MemoryAudit(time);
  const stop = async (ids: string[], extra: Partial<StopStrategiesOptions> = {}) => {
    const done = stopStrategies({ client: system, audit, clock: time, timers: time, ids, reason: 'kraken down', desk, ...extra });
    await time.advance(MAX_TOTAL_MS + 1_000);
    return done;
  };
  return { time, system, audit, stop };
}

describe('stopStrategies', () => {
  it('stops the given strategies, reads them back stopped, and records intent and outcome', async () => {
    const { system, audit, stop } = setup();
    const outcome = await stop(['a', 'b', 'a']);
    expect(outcome).toMatchObject({ verified: true, ids: ['a', 'b'], stopped: ['a', 'b'], notStopped: [], attempts: 2, path: 'direct' });
    expect(outcome.seen).toEqual(['2 of 2 strategies stopped: a, b']);
    expect(system.statuses.get('c')).toBe('running');
    expect(audit.entries.map((e) => e.type)).toEqual(['strategies.stop.intent', 'strategies.stop.outcome']);
  });

  it('repeats a stop after a connection failure, keeps a slow one open, and sees a stop that landed before its answer', async () => {
    const refused = setup();
    refused.system.script([{ kind: 'fail', failure: { kind: 'network', message: 'connect ECONNREFUSED' } }]);
    expect(await refused.stop(['a'])).toMatchObject({ verified: true, attempts: 2 });
    expect(refused.system.writes.map((w) => w.id)).toEqual(['a', 'a']);

    const loaded = setup();
    loaded.system.script([{ kind: 'lands', answerAfterMs: null }]);
    const outcome = await loaded.stop(['a']);
    expect(outcome).toMatchObject({ verified: true, attempts: 1, stopped: ['a'] });
    expect(outcome.elapsedMs).toBeLessThanOrEqual(READ_BACK_PAUSE_MS);
  });

  it('records intent and outcome beside the stop, never ahead of it', async () => {
    const { system, audit, stop } = setup();
    audit.stalled = true;
    const outcome = await stop(['a']);
    expect(system.writes[0]!.at).toBe(0);
    expect(outcome.verified).toBe(true);
    expect(outcome.auditError).toMatch(/^audit log: the stop intent record was not on disk within \d+ ms/);
  });

  it('is NOT VERIFIED when a stop is answered but not done, or the id is unknown, and says how to stop by hand', async () => {
    const { system, stop } = setup();
    system.script([{ kind: 'ignore' }]);
    const outcome = await stop(['a', 'ghost']);
    expect(outcome).toMatchObject({ verified: false, stopped: [], notStopped: ['a', 'ghost'] });
    expect(outcome.seen).toEqual([
      'stop got no good answer: ghost: unknown strategy ghost',
      '1 strategy still running: a',
      'not listed by the system: ghost',
    ]);
    expect(outcome.nextSteps[0]!.command).toBe(`curl -X POST http://localhost:8080/api/v1/strategies/a/stop -d '{"reason":"kraken down"}'`);
  });

  it('verifies nothing when asked to stop nothing', async () => {
    const { stop, system } = setup();
    const outcome = await stop([]);
    expect(outcome.verified).toBe(false);
    expect(system.writes).toHaveLength(0);
  });
});
