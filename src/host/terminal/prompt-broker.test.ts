import { describe, expect, it } from 'vitest';
import type { PromptAsk, PromptSettled } from '../../contract/terminal.js';
import { PromptAnswerError, PromptBroker } from './prompt-broker.js';

/** Timers driven by hand: `fire()` runs every timer that is due by `now`. */
function handTimers() {
  let now = 1_000;
  const due = new Map<number, { at: number; run: () => void }>();
  let next = 0;
  return {
    clock: { now: () => now, monotonic: () => now },
    timers: {
      setTimeout: (run: () => void, ms: number) => (due.set(++next, { at: now + ms, run }), next),
      clearTimeout: (handle: unknown) => void due.delete(handle as number),
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...due]) if (t.at <= now) (due.delete(id), t.run());
    },
    pendingTimers: () => due.size,
  };
}

function setup(timeoutMs = 5_000) {
  const time = handTimers();
  const asked: PromptAsk[] = [];
  const settled: PromptSettled[] = [];
  let n = 0;
  const broker = new PromptBroker({
    clock: time.clock,
    timers: time.timers,
    emitAsk: (a) => asked.push(a),
    emitSettled: (s) => settled.push(s),
    timeoutMs,
    newId: () => `p${++n}`,
  });
  return { time, asked, settled, broker };
}

const hostKey = { kind: 'host_key_unknown', host: 'hft-prod-01', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc' } as const;

describe('PromptBroker', () => {
  it('asks with an id and a deadline, and resolves with the answer once', async () => {
    const { broker, asked, settled, time } = setup();
    const answer = broker.confirm(hostKey);
    expect(asked).toEqual([{ promptId: 'p1', expiresAt: 6_000, question: hostKey }]);
    broker.answer('p1', true);
    await expect(answer).resolves.toBe(true);
    expect(settled).toEqual([{ promptId: 'p1', outcome: 'answered' }]);
    expect(time.pendingTimers()).toBe(0);
    expect(() => broker.answer('p1', true)).toThrow(PromptAnswerError);
  });

  it('answers "no" when nobody answers before the deadline', async () => {
    const { broker, settled, time } = setup();
    const trust = broker.confirm(hostKey);
    const password = broker.secret({ kind: 'password', profileId: 'a', target: 'root@a' });
    time.advance(4_999);
    expect(settled).toEqual([]);
    time.advance(1);
    await expect(trust).resolves.toBe(false);
    await expect(password).resolves.toBeNull();
    expect(settled.map((s) => s.outcome)).toEqual(['expired', 'expired']);
    expect(() => broker.answer('p1', true)).toThrow(/no question p1/);
  });

  it('refuses unknown ids and answers of the wrong kind, leaving the question open', async () => {
    const { broker } = setup();
    const pass = broker.secret({ kind: 'passphrase', profileId: 'a', keyPath: '/k', retry: false });
    expect(() => broker.answer('nope', true)).toThrow(expect.objectContaining({ reason: 'unknown' }));
    expect(() => broker.answer('p1', true)).toThrow(expect.objectContaining({ reason: 'mismatch' }));
    expect(broker.pending().map((p) => p.promptId)).toEqual(['p1']);
    broker.answer('p1', 'hunter2');
    await expect(pass).resolves.toBe('hunter2');
  });

  it('withdraws the risky-command questions of a session that went away, and only those', async () => {
    const { broker, settled } = setup();
    const risky = (sessionId: string) =>
      broker.confirm({ kind: 'risky_command', sessionId, title: 'hft-prod-01', command: 'sudo systemctl stop hft_system', reasons: ['stops the service'], uncertain: false });
    const a = risky('s1');
    const b = risky('s2');
    broker.withdrawForSession('s1');
    await expect(a).resolves.toBe(false);
    expect(settled).toEqual([{ promptId: 'p1', outcome: 'withdrawn' }]);
    broker.answer('p2', true);
    await expect(b).resolves.toBe(true);
  });

  it('answers everything "no" on close', async () => {
    const { broker, time } = setup();
    const a = broker.confirm(hostKey);
    const b = broker.secret({ kind: 'password', profileId: 'a', target: 'root@a' });
    broker.close();
    await expect(a).resolves.toBe(false);
    await expect(b).resolves.toBeNull();
    expect(time.pendingTimers()).toBe(0);
  });

  it('takes an approver’s name, or false, for a restart that needs approval; a plain yes otherwise', async () => {
    const { broker } = setup();
    const restart = { kind: 'risky_command' as const, sessionId: 's1', title: 'hft-prod-01', command: 'systemctl start hft_system', reasons: ['starts'], uncertain: false };
    const needing = broker.ask({ ...restart, restart: { approvalNeeded: true, why: 'Approval needed', duringAvoided: [] } });
    expect(() => broker.answer('p1', true)).toThrow(expect.objectContaining({ reason: 'mismatch' }));
    expect(() => broker.answer('p1', '   ')).toThrow(expect.objectContaining({ reason: 'mismatch' }));
    broker.answer('p1', 'Lee Chen');
    expect(await needing).toBe('Lee Chen');
    const notNeeding = broker.ask({ ...restart, restart: { approvalNeeded: false, why: 'No approval needed', incidentId: 'INC-1', duringAvoided: [] } });
    expect(() => broker.answer('p2', 'Lee Chen')).toThrow(expect.objectContaining({ reason: 'mismatch' }));
    broker.answer('p2', true);
    expect(await notNeeding).toBe(true);
  });
});

