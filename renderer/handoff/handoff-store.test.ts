import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../src/contract/index.js';
import { EMPTY_HANDOFF_FIELDS } from '../../src/core/handoff/note.js';
import { handoffActions } from './handoff-actions.js';
import { createHandoffStore } from './handoff-store.js';

const context = { from: 'ana', shiftStartedAt: 1, timeZone: 'UTC' };
const exported = { outgoing: { handoffId: 'h-1', to: 'bob', exportedAt: 2, handoffAt: 3, acceptedBy: null, acceptedAt: null }, incoming: null };

function fakeHost(answers: Record<string, (request: never) => Result<unknown>>) {
  const calls: [string, unknown][] = [];
  return {
    calls,
    host: {
      call: async (name: string, request: unknown) => {
        calls.push([name, request]);
        return (answers[name]?.(request as never) ?? fail('unknown_call', name)) as never;
      },
    },
  };
}

describe('handoff store and actions', () => {
  it('loads the saved draft and the shift', async () => {
    const store = createHandoffStore();
    const fields = { ...EMPTY_HANDOFF_FIELDS, to: 'bob' };
    const { host } = fakeHost({ 'handoff.get': () => ok({ ...context, draft: { fields, savedAt: 5 } }) });
    await handoffActions(host, store).load();
    expect(store.getState()).toMatchObject({ context, fields, savedAt: 5, dirty: false });
  });

  it('keeps what was typed before the saved draft arrived', async () => {
    const store = createHandoffStore();
    store.getState().edit('notes', 'typed early');
    const { host } = fakeHost({ 'handoff.get': () => ok({ ...context, draft: { fields: { ...EMPTY_HANDOFF_FIELDS, notes: 'old' }, savedAt: 5 } }) });
    await handoffActions(host, store).load();
    expect(store.getState().fields.notes).toBe('typed early');
    expect(store.getState().context).toEqual(context);
  });

  it('saves only when something changed, and stays dirty if typing went on during the save', async () => {
    const store = createHandoffStore();
    const { host, calls } = fakeHost({
      'handoff.save': ({ fields }: { fields: typeof EMPTY_HANDOFF_FIELDS }) => {
        store.getState().edit('to', 'bob and carol');
        return ok({ fields, savedAt: 9 });
      },
    });
    const actions = handoffActions(host, store);
    await actions.save();
    expect(calls).toEqual([]);
    store.getState().edit('to', 'bob');
    await actions.save();
    expect(calls).toEqual([['handoff.save', { fields: { ...EMPTY_HANDOFF_FIELDS, to: 'bob' } }]]);
    expect(store.getState()).toMatchObject({ savedAt: 9, dirty: true });
  });

  it('saves before exporting, and shows a refusal', async () => {
    const store = createHandoffStore();
    const file = { filename: 'handoff.md', mediaType: 'text/markdown', text: '# x' };
    const { host, calls } = fakeHost({
      'handoff.save': ({ fields }: { fields: typeof EMPTY_HANDOFF_FIELDS }) => ok({ fields, savedAt: 2 }),
      'handoff.export': () => ok(file),
      'handoff.get': () => ok({ ...context, draft: { fields: EMPTY_HANDOFF_FIELDS, savedAt: 2 }, signoff: exported }),
    });
    store.getState().edit('reachAt', '+1-555-0199');
    expect(await handoffActions(host, store).exportNote()).toEqual(file);
    // Read again after the export: the sign-off now waits for this note's acceptance.
    expect(calls.map((c) => c[0])).toEqual(['handoff.save', 'handoff.export', 'handoff.get']);
    expect(store.getState().context?.signoff).toEqual(exported);

    const refusing = fakeHost({ 'handoff.export': () => fail('internal', 'disk full') });
    expect(await handoffActions(refusing.host, store).exportNote()).toBeNull();
    expect(store.getState().error).toBe('disk full');
  });

  it('opens an incoming note, accepts it and keeps the sign-off the host answers', async () => {
    const store = createHandoffStore();
    const incoming = { handoffId: 'h-2', from: 'carl', to: 'ana', exportedAt: 1, note: '# note', importedAt: 2, acceptedBy: null, acceptedAt: null };
    const accepted = { outgoing: null, incoming: { ...incoming, acceptedBy: 'ana', acceptedAt: 3 } };
    const file = { filename: 'handoff-accepted.json', mediaType: 'application/json', text: '{}' };
    const { host } = fakeHost({
      'handoff.get': () => ok({ ...context, draft: { fields: EMPTY_HANDOFF_FIELDS, savedAt: null }, signoff: { outgoing: null, incoming: null } }),
      'handoff.import': () => ok({ outgoing: null, incoming }),
      'handoff.accept': () => ok({ signoff: accepted, file }),
      'handoff.importAcceptance': () => fail('not_found', 'this acceptance answers a handoff this cockpit did not export'),
    });
    const actions = handoffActions(host, store);
    await actions.load();
    expect(await actions.importNote('# note')).toBe(true);
    expect(store.getState().context?.signoff.incoming).toEqual(incoming);
    expect(await actions.accept()).toEqual(file);
    expect(store.getState().context?.signoff).toEqual(accepted);
    expect(await actions.importAcceptance('{}')).toBe(false);
    expect(store.getState().error).toBe('this acceptance answers a handoff this cockpit did not export');
  });
});
