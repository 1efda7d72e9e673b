import { describe, expect, it } from 'vitest';
import { deskContactOf } from '../../core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/default.js';
import { FakeTime } from '../../testing/hft-fakes.js';
import { FakeHaltingSystem, MemoryAudit } from '../../testing/killswitch-fakes.js';
import { ATTEMPT_TIMEOUT_MS, fireKillswitch, MAX_TOTAL_MS, SEND_DEADLINE_MS, VERIFY_WINDOW_MS, type FireKillswitchOptions } from './fire.js';

const desk = deskContactOf(DEFAULT_PLAYBOOK);
const network = { kind: 'network' as const, message: 'connect ECONNREFUSED' };

function setup() {
  const time = new FakeTime();
  const system = new FakeHaltingSystem(time, { 'mm-btc-01': 'running', 'arb-eth-02': 'running', 'mm-sol-03': 'paused' });
  const audit = new MemoryAudit(time);
  const fire = async (extra: Partial<FireKillswitchOptions> = {}) => {
    const done = fireKillswitch({ client: system, audit, clock: time, timers: time, reason: 'loss limit', idempotencyKey: 'key-1', desk, ...extra });
    await time.advance(MAX_TOTAL_MS + 1_000);
    return done;
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

  it('retries with one idempotency key until an answer comes', async () => {
    const { system, fire } = setup();
    system.script([
      { kind: 'fail', failure: network },
      { kind: 'hang' },
      { kind: 'fail', failure: { kind: 'http', status: 503, message: 'HTTP 503' } },
      { kind: 'fail', failure: { kind: 'invalid', message: 'cut short' } },
    ]);
    const outcome = await fire();
    expect(outcome).toMatchObject({ verified: true, attempts: 5, path: 'direct' });
    expect(new Set(system.writes.map((w) => w.idempotencyKey))).toEqual(new Set(['key-1']));
    // The hung attempt was abandoned at its own deadline, not waited on.
    expect(system.writes[2]!.at - system.writes[1]!.at).toBeLessThan(ATTEMPT_TIMEOUT_MS + 1_000);
  });

  it('gives up sending at 10 s against a hung API and reports NOT VERIFIED well within 15 s', async () => {
    const { system, audit, fire } = setup();
    system.script([], { kind: 'hang' });
    const outcome = await fire();
    expect(outcome.verified).toBe(false);
    expect(outcome.path).toBeNull();
    expect(outcome.error).toMatch(/no answer within/);
    expect(system.writes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...system.writes.map((w) => w.at))).toBeLessThan(SEND_DEADLINE_MS);
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(SEND_DEADLINE_MS);
    expect(outcome.elapsedMs).toBeLessThan(MAX_TOTAL_MS);
    expect(outcome.seen[0]).toMatch(/no good answer after \d+ attempts/);
    expect(outcome.seen).toContain('killswitch.active is false');
    expect(outcome.nextSteps.map((s) => s.command).filter(Boolean)[0]).toMatch(/^curl -X POST http:\/\/localhost:8080\/api\/v1\/killswitch/);
    expect(audit.entries.map((e) => e.type)).toEqual(['killswitch.intent', 'killswitch.outcome']);
  });

  it('does not retry what a repeat cannot fix', async () => {
    const { system, fire } = setup();
    system.script([{ kind: 'fail', failure: { kind: 'http', status: 401, message: 'HTTP 401: missing key' } }]);
    const outcome = await fire();
    expect(system.writes).toHaveLength(1);
    expect(outcome).toMatchObject({ verified: false, attempts: 1, error: 'HTTP 401: missing key' });
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
