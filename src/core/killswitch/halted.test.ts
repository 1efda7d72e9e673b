import { describe, expect, it } from 'vitest';
import { haltedState } from './halted.js';

const AT = '2026-11-24T03:21:00.000Z';
const off = { killswitch: { active: false, reason: null, activated_at: null, source: null } };

describe('the halted state', () => {
  it('is none while neither the status nor the risk summary says the killswitch is active', () => {
    expect(haltedState(off, { killswitch_active: false })).toBeNull();
    expect(haltedState(null, null)).toBeNull();
  });

  it('says since when and by which source, from the status', () => {
    const status = { killswitch: { active: true, reason: 'daily loss limit', activated_at: AT, source: 'auto_loss_limit' as const } };
    expect(haltedState(status, null)).toEqual({ since: Date.parse(AT), source: 'auto_loss_limit', reason: 'daily loss limit', byWords: 'loss limit' });
    expect(haltedState({ killswitch: { ...status.killswitch, source: 'manual' } }, null)?.byWords).toBe('by hand');
  });

  it('is halted on the risk summary alone, without a source it cannot know', () => {
    expect(haltedState(off, { killswitch_active: true })).toEqual({ since: null, source: null, reason: null, byWords: 'source not reported' });
  });
});
