import { describe, expect, it } from 'vitest';
import type { KillswitchOutcome } from '../../core/killswitch/outcome.js';
import { ARMING_TOKEN_TTL_MS } from '../../core/killswitch/tokens.js';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { createKillswitchArming, MAX_REASON_CHARS, type FireRequest } from './arming.js';
import { MemoryAudit } from '../../../test/support/killswitch-fakes.js';

function setup() {
  const time = new FakeTime();
  const audit = new MemoryAudit(time);
  const fired: FireRequest[] = [];
  const arming = createKillswitchArming({
    clock: time,
    audit,
    fire: async (request) => {
      fired.push(request);
      return { verified: true, reason: request.reason, idempotencyKey: request.idempotencyKey } as KillswitchOutcome;
    },
  });
  return { time, audit, fired, arming };
}

describe('killswitch arming', () => {
  it('fires once for a prepared token, with the reason trimmed and a fresh idempotency key', async () => {
    const { arming, fired } = setup();
    const { token, expiresAt } = arming.prepare();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe(new FakeTime().now() + ARMING_TOKEN_TTL_MS);
    const result = await arming.fire(token, '  loss limit  ');
    expect(result).toMatchObject({ ok: true, value: { verified: true, reason: 'loss limit' } });
    const second = await arming.fire(arming.prepare().token, 'again');
    expect(second.ok).toBe(true);
    expect(fired).toHaveLength(2);
    expect(fired[0]!.idempotencyKey).not.toBe(fired[1]!.idempotencyKey);
  });

  it('refuses a fire without prepare, a replay and an expired token, and sends nothing', async () => {
    const { arming, fired, time, audit } = setup();
    expect(await arming.fire('made-up', 'reason')).toEqual({ ok: false, error: { code: 'unauthorized', message: 'not armed: prepare the killswitch first' } });
    const { token } = arming.prepare();
    expect((await arming.fire(token, 'reason')).ok).toBe(true);
    expect(await arming.fire(token, 'reason')).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('already used') } });
    const late = arming.prepare().token;
    await time.advance(ARMING_TOKEN_TTL_MS);
    expect(await arming.fire(late, 'reason')).toMatchObject({ ok: false, error: { message: expect.stringContaining('expired') } });
    expect(fired).toHaveLength(1);
    expect(audit.entries.map((e) => e.data)).toEqual([{ why: 'unknown' }, { why: 'replayed' }, { why: 'expired' }]);
  });

  it('lets only one of two racing fires with the same token through', async () => {
    const { arming, fired } = setup();
    const { token } = arming.prepare();
    const results = await Promise.all([arming.fire(token, 'a'), arming.fire(token, 'b')]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(fired).toHaveLength(1);
  });

  it('needs a reason, and a sane one', async () => {
    const { arming, fired } = setup();
    for (const reason of [undefined, null, '', '   ', 42, { reason: 'x' }, 'x'.repeat(MAX_REASON_CHARS + 1)]) {
      expect(await arming.fire(arming.prepare().token, reason)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(fired).toHaveLength(0);
  });

  it('fires zero times under thousands of random and malformed fire messages', async () => {
    const { arming, fired } = setup();
    // A fixed-seed generator (mulberry32): the same messages every run.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const issued: string[] = [];
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const randomText = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('');
    const values = (): unknown[] => [
      undefined, null, '', 0, -1, NaN, true, {}, [], '__proto__', 'constructor', 'toString',
      randomText(43), randomText(Math.floor(random() * 200)),
      issued.length ? `${pick(issued)} ` : 'x', issued.length ? pick(issued).slice(1) : 'y', issued.length ? pick(issued).toUpperCase() : 'z',
      { token: issued[0] }, [issued[0]], Buffer.from('x'),
    ];
    for (let i = 0; i < 5_000; i++) {
      if (i % 500 === 0) issued.push(arming.prepare().token); // real tokens exist, but are never sent as is
      const result = await arming.fire(pick(values()), pick([...values(), 'loss limit']));
      expect(result.ok).toBe(false);
    }
    expect(fired).toHaveLength(0);
  });
});
