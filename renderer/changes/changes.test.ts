import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import type { CallName, EventName } from '../../src/contract/index.js';
import { ok, type Result } from '../../src/contract/result.js';
import type { ChangeRecord } from '../../src/core/change/record.js';
import { changeDraftFrom, EMPTY_CHANGE_FORM, localInputToInstant, parseApprovals } from './change-form.js';
import { createChangesStore } from './changes-store.js';
import { connectChanges } from './connect-changes.js';

function fakeHost() {
  const calls: { name: CallName; resolve: (r: Result<unknown>) => void }[] = [];
  const listeners = new Map<string, (p: unknown) => void>();
  let link: (up: boolean) => void = () => {};
  const host = {
    call: (name: CallName) => new Promise((resolve) => calls.push({ name, resolve: resolve as never })),
    on: (name: EventName, l: (p: unknown) => void) => (listeners.set(name, l), () => void listeners.delete(name)),
    onConnection: (l: (up: boolean) => void) => ((link = l), () => {}),
  } as unknown as CockpitHost;
  return { host, calls, emit: (name: string, p: unknown) => listeners.get(name)?.(p), link: (up: boolean) => link(up) };
}

const change = (id: string): ChangeRecord => ({
  id, ticket: 'CHG-1', kind: 'normal', summary: 's', risk: 'low', testPlan: 't', rollbackPlan: 'r', approvals: [], communicated: true,
  window: { start: 1, end: 2 }, recordedAt: 1, documentedAt: null, reviewedAt: null,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('connectChanges', () => {
  it('loads the list on link-up, follows changes.changed, and drops an answer from before a reconnect', async () => {
    const h = fakeHost();
    const store = createChangesStore();
    connectChanges(h.host, store);
    expect(store.getState().changes).toBeNull();
    h.link(true);
    const stale = h.calls.shift()!;
    h.link(false);
    h.link(true);
    h.calls.shift()!.resolve(ok({ changes: [change('CR-2')] }));
    await flush();
    stale.resolve(ok({ changes: [change('CR-1')] }));
    await flush();
    expect(store.getState().changes?.map((c) => c.id)).toEqual(['CR-2']);
    h.emit('changes.changed', { changes: [change('CR-3')] });
    expect(store.getState().changes?.map((c) => c.id)).toEqual(['CR-3']);
  });
});

describe('the change form', () => {
  it('reads the window as wall time in the engineer’s zone, not the browser’s', () => {
    expect(localInputToInstant('2026-12-06T02:00', 'UTC')).toBe(Date.UTC(2026, 11, 6, 2));
    expect(localInputToInstant('2026-12-06T02:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 6, 7));
    expect(localInputToInstant('2026-12-06', 'UTC')).toBeNull();
  });

  it('takes one approver a line, "(verbal)" marking a verbal approval', () => {
    expect(parseApprovals('Lee Chen\n\n  Sam Ortiz (verbal) \n(verbal)')).toEqual([{ name: 'Lee Chen', verbal: false }, { name: 'Sam Ortiz', verbal: true }]);
  });

  it('makes the request, or says what is missing', () => {
    expect(changeDraftFrom(EMPTY_CHANGE_FORM, 'UTC')).toEqual({ error: 'Say what the change is.' });
    expect(changeDraftFrom({ ...EMPTY_CHANGE_FORM, summary: 'x', start: '2026-12-06T02:00' }, 'UTC')).toEqual({ error: 'Give the planned window: a start and an end.' });
    const made = changeDraftFrom({ ...EMPTY_CHANGE_FORM, summary: ' Gateway ', ticket: ' CHG-9 ', start: '2026-12-06T02:00', end: '2026-12-06T04:00', approvals: 'Lee' }, 'UTC');
    expect(made).toEqual({ draft: {
      ticket: 'CHG-9', kind: 'normal', summary: 'Gateway', risk: 'low', testPlan: '', rollbackPlan: '', approvals: [{ name: 'Lee', verbal: false }], communicated: false,
      window: { start: Date.UTC(2026, 11, 6, 2), end: Date.UTC(2026, 11, 6, 4) },
    } });
  });
});
