import { describe, expect, it } from 'vitest';
import { deskContactOf } from '../../core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/default.js';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { FakeHaltingSystem, MemoryAudit } from '../../../test/support/killswitch-fakes.js';
import { AUDIT_GRACE_MS, fireKillswitch, MAX_TOTAL_MS, SEND_DEADLINE_MS, VERIFY_WINDOW_MS, type FireKillswitchOptions } from './fire.js';
import { READ_BACK_PAUSE_MS } from './read-back.js';

const desk = deskContactOf(DEFAULT_PLAYBOOK);
const network = { kind: 'network' as const, message: 'connect ECONNREFUSED' };

function setup() {
  const time = new FakeTime();
  const system = new FakeHaltingSystem(time, { 'mm-btc-01': 'running', 'arb-eth-02': 'running', 'mm-sol-03': 'paused' });
  const audit = new MemoryAudit(time);
  const fire = async (extra: Partial<FireKillswitchOptions> = {}) => {
    let endedAt = -1;
    const done = fireKillswitch({ client: system, audit, clock: time, timers: time, reason: 'loss limit', idempotencyKey: 'key-1', desk, ...extra }).then((o) => {
      endedAt = time.monotonic();
      return o;
    });
    await time.advance(MAX_TOTAL_MS + 1_000);
    const outcome = await done;
    return Object.assign(outcome, { endedAt });
  };
  return { time, system, audit, fire };
}

describe('fireKillswitch', () => {
  it('writes the intent before sending, then proves the halt and records the outcome', async () => {
    const { system, audit, fire } = setup();
    const outcome = await fire();
    expect(outcome).toMatchObject({ verified: true, verifiedAt: expect.any(Number), strategiesStopped: 3, attempts: 1, path: 'direct', elapsedMs: 0 });
    expect(outcome.error).toBeUndefined();
    expect(audit.entries.map((e) => e.type)).toEqual(['killswitch.intent', 'killswitch.outcome']);
    expect(audit.entries[0]!.data).toMatchObject({ reason: 'loss limit', idempotencyKey: 'key-1' });
    expect(audit.entries[1]!.data).toMatchObject({ verified: true, strategiesStopped: 3 });
    expect(system.writes).toHaveLength(1);
    expect(outcome.nextSteps).toHaveLength(1);
    expect(outcome.nextSteps[0]!.phone).toBe('+1-555-0103');
  });

  it('repeats with one idempotency key after connection failures and 5xx answers, and only then', async () => {
    const { system, fire } = setup();
    system.script([
      { kind: 'fail', failure: network },
      { kind: 'fail', failure: { kind: 'http', status: 503, message: '/api/v1/killswitch: HTTP 503' } },
      { kind: 'fail', failure: network },
    ]);
    const outcome = await fire();
    expect(outcome).toMatchObject({ verified: true, attempts: 4, path: 'direct' });
    expect(outcome.error).toBeUndefined();
    expect(new Set(system.writes.map((w) => w.idempotencyKey))).toEqual(new Set(['key-1']));
    expect(system.writes.map((w) => w.at)).toEqual([0, 100, 350, 850]);
  });

  it('keeps a slow request open and is verified when the halt lands, not abandoned every 2 s', async () => {
    for (const delay of [3_000, 8_000]) {
      const { system, fire } = setup();
      system.script([{ kind: 'apply', delayMs: delay }]);
      const outcome = await fire();
      expect(system.writes).toHaveLength(1);
      expect(outcome).toMatchObject({ verified: true, attempts: 1, path: 'direct' });
      expect(outcome.endedAt).toBeGreaterThanOrEqual(delay);
      expect(outcome.endedAt).toBeLessThanOrEqual(delay + 1_000);
    }
  });

  it('reads the status back while the request is still open, so a halt that landed is verified before its answer', async () => {
    const { system, fire } = setup();
    system.script([{ kind: 'lands', answerAfterMs: null }]);
    const outcome = await fire();
    expect(system.writes).toHaveLength(1);
    expect(outcome).toMatchObject({ verified: true, attempts: 1, path: null });
    expect(outcome.endedAt).toBeLessThanOrEqual(READ_BACK_PAUSE_MS);
    expect(outcome.seen.at(-1)).toBe('the halt showed on read-back before the request was answered (1 sent)');
  });

  it('verifies a garbled 200 by reading back at once, without repeating it', async () => {
    const { system, fire } = setup();
    system.script([{ kind: 'garbled' }]);
    const outcome = await fire();
    expect(system.writes).toHaveLength(1);
    expect(outcome).toMatchObject({ verified: true, attempts: 1, path: 'direct' });
    expect(outcome.endedAt).toBeLessThan(100);
  });

  it('names the real cause: the status on every attempt, or no answer within the send deadline', async () => {
    const erroring = setup();
    erroring.system.script([], { kind: 'fail', failure: { kind: 'http', status: 500, message: '/api/v1/killswitch: HTTP 500: internal server error' } });
    const failed = await erroring.fire();
    expect(failed.verified).toBe(false);
    expect(failed.attempts).toBe(erroring.system.writes.length);
    expect(failed.attempts).toBeGreaterThan(10);
    expect(failed.error).toBe(`HTTP 500 on ${failed.attempts} attempts: internal server error`);
    // Read back between the repeats, not only at the end.
    expect(erroring.system.reads.filter((r) => r === 'status').length).toBeGreaterThan(10);

    const hung = setup();
    hung.system.script([], { kind: 'hang' });
    const silent = await hung.fire();
    expect(hung.system.writes).toHaveLength(1);
    expect(silent.error).toBe('no answer within 10 s');
  });

  it('sends the first request at once whatever the audit log does, and says which record is late or failed', async () => {
    const stalled = setup();
    stalled.audit.stalled = true;
    const outcome = await stalled.fire();
    expect(stalled.system.writes[0]!.at).toBe(0);
    expect(outcome.verified).toBe(true);
    expect(outcome.endedAt).toBeLessThanOrEqual(AUDIT_GRACE_MS);
    expect(outcome.auditError).toBe(
      `audit log: the intent record was not on disk within ${AUDIT_GRACE_MS} ms; it is written when the log catches up; ` +
        `audit log: the outcome record was not on disk within ${AUDIT_GRACE_MS} ms; it is written when the log catches up`,
    );

    const slow = setup();
    slow.audit.writeDelayMs = 2_000;
    const late = await slow.fire();
    expect(slow.system.writes[0]!.at).toBe(0);
    expect(late.verified).toBe(true);
    expect(late.auditError).toMatch(/the intent record was not on disk/);
    // Late, not lost: both records land once the log catches up.
    expect(slow.audit.entries.map((e) => e.type)).toEqual(['killswitch.intent', 'killswitch.outcome']);
  });

  it('does not retry what a repeat cannot fix, and reads back once, without a window, when nothing was accepted', async () => {
    const { system, fire } = setup();
    system.script([{ kind: 'fail', failure: { kind: 'http', status: 401, message: 'HTTP 401: missing key' } }]);
    const outcome = await fire();
    expect(system.writes).toHaveLength(1);
    expect(outcome).toMatchObject({ verified: false, attempts: 1, error: 'HTTP 401: missing key' });
    expect(system.reads).toEqual(['status', 'strategies']);
    expect(outcome.endedAt).toBe(0);
  });

  it('says NOT VERIFIED, with what it saw, when the system answers 200 and keeps trading', async () => {
    const { system, time, fire } = setup();
    system.script([], { kind: 'ignore' });
    const outcome = await fire();
    expect(outcome).toMatchObject({ verified: false, verifiedAt: null, path: 'direct', attempts: 1 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.seen).toEqual(['killswitch.active is false', 'trading_enabled is true', '2 strategies still running: mm-btc-01, arb-eth-02', '1 strategy still paused: mm-sol-03']);
    // It kept reading for the whole window before saying so.
    expect(system.reads.filter((r) => r === 'status').length).toBeGreaterThan(5);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(VERIFY_WINDOW_MS - 250);
    expect(time.timerCount).toBe(0);
  });

  it('waits for a halt that shows a moment late', async () => {
    const { system, fire } = setup();
    system.haltShowsAfterMs = 700;
    const outcome = await fire();
    expect(outcome.verified).toBe(true);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(700);
    expect(outcome.elapsedMs).toBeLessThan(1_200);
  });

  it('repeats on both paths on their own failures, with earlier requests still open', async () => {
    const both = setup();
    const viaSsh = new FakeHaltingSystem(both.time, { a: 'running' });
    both.system.script([], { kind: 'fail', failure: { kind: 'network', message: '/api/v1/killswitch: connect ECONNREFUSED' } });
    viaSsh.script([], { kind: 'hang' });
    const outcome = await both.fire({ sshFallback: Promise.resolve(viaSsh) });
    expect(viaSsh.writes).toHaveLength(1);
    expect(both.system.writes.length).toBeGreaterThan(5);
    expect(outcome.verified).toBe(false);
    expect(outcome.error).toBe(`direct: connect ECONNREFUSED on ${both.system.writes.length} attempts; over SSH: no answer within 10 s`);
  });

  it('goes through SSH only when the API cannot be reached directly', async () => {
    const down = setup();
    const viaSsh = new FakeHaltingSystem(down.time, { a: 'running' });
    down.system.script([], { kind: 'fail', failure: network });
    const outcome = await down.fire({ sshFallback: viaSsh });
    expect(outcome).toMatchObject({ verified: true, path: 'ssh', attempts: 2, strategiesStopped: 1 });
    expect(viaSsh.writes.map((w) => w.idempotencyKey)).toEqual(['key-1']);

    const erroring = setup();
    const unused = new FakeHaltingSystem(erroring.time, { a: 'running' });
    erroring.system.script([{ kind: 'fail', failure: { kind: 'http', status: 500, message: 'HTTP 500' } }]);
    expect(await erroring.fire({ sshFallback: unused })).toMatchObject({ verified: true, path: 'direct', attempts: 2 });
    expect(unused.writes).toHaveLength(0);

    const healthy = setup();
    const idle = new FakeHaltingSystem(healthy.time, { a: 'running' });
    expect((await healthy.fire({ sshFallback: idle })).path).toBe('direct');
    expect(idle.writes).toHaveLength(0);
    expect(idle.reads).toHaveLength(0);
  });

  it('halts even when the audit log fails, and says the record is missing', async () => {
    const { system, audit, fire } = setup();
    audit.failing = true;
    const outcome = await fire();
    expect(system.writes).toHaveLength(1);
    expect(outcome.verified).toBe(true);
    expect(outcome.auditError).toMatch(/disk full/);
  });

  it('says what it could not read', async () => {
    const { system, fire } = setup();
    system.readsFail = network;
    const outcome = await fire();
    expect(outcome.verified).toBe(false);
    expect(outcome.seen.at(-1)).toMatch(/^status could not be read: connect ECONNREFUSED/);
    expect(outcome.nextSteps.filter((s) => s.command)).toHaveLength(3);
  });
});
