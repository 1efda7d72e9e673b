import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import { fail, ok } from '../../src/contract/result.js';
import { keepArmingToken, REFRESH_BEFORE_EXPIRY_MS } from './arming-token.js';

/** A host that mints numbered tokens valid for 30 s, and manual timers. */
function setup(answers: ('ok' | 'down')[] = []) {
  let now = 1_000_000;
  let minted = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const host = {
    call: async () => {
      const answer = answers.shift() ?? 'ok';
      if (answer === 'down') return fail('unavailable', 'host link down');
      minted += 1;
      return ok({ token: `t${minted}`, expiresAt: now + 30_000 });
    },
  } as unknown as Pick<CockpitHost, 'call'>;
  const kept = keepArmingToken(host, {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { kept, advance, timers, minted: () => minted };
}

const tokenOf = async (kept: ReturnType<typeof keepArmingToken>) => {
  const r = await kept.take();
  return r.ok ? r.value.token : r.error.code;
};

describe('the arming token the dialog keeps', () => {
  it('is prepared when the dialog opens and handed out without another round trip', async () => {
    const { kept, minted } = setup();
    expect(await tokenOf(kept)).toBe('t1');
    expect(await tokenOf(kept)).toBe('t1');
    expect(minted()).toBe(1);
  });

  it('is prepared again before it expires', async () => {
    const { kept, advance } = setup();
    await tokenOf(kept);
    await advance(30_000 - REFRESH_BEFORE_EXPIRY_MS - 1);
    expect(await tokenOf(kept)).toBe('t1');
    await advance(1);
    expect(await tokenOf(kept)).toBe('t2');
  });

  it('is never handed out twice once discarded (spent by a fire)', async () => {
    const { kept } = setup();
    expect(await tokenOf(kept)).toBe('t1');
    kept.discard();
    expect(await tokenOf(kept)).toBe('t2');
  });

  it('retries a prepare that failed, and hands out nothing after close', async () => {
    const { kept, advance } = setup(['down']);
    expect(await tokenOf(kept)).toBe('unavailable');
    await advance(2_000);
    expect(await tokenOf(kept)).toBe('t1');
    kept.close();
    kept.discard();
    expect(await tokenOf(kept)).toBe('unavailable');
  });
});
