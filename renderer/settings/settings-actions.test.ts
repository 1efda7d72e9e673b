import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings } from '../../src/contract/app.js';
import { fail, ok, type Result } from '../../src/contract/index.js';
import { settingsActions } from './settings-actions.js';
import { createSettingsStore } from './settings-store.js';

/** A host holding settings the way the real one does: patches merged and checked with the schema. */
function fakeHost(initial = DEFAULT_SETTINGS, refuse: string | null = null) {
  let held: Settings = initial;
  const calls: [string, unknown][] = [];
  const answers: Record<string, (request: never) => Result<unknown>> = {
    'settings.get': () => ok(held),
    'settings.update': (patch: Partial<Settings>) => {
      if (refuse) return fail('invalid_request', refuse);
      held = Settings.parse({ ...held, ...patch });
      return ok(held);
    },
  };
  return {
    calls,
    held: () => held,
    host: {
      call: async (name: string, request: unknown) => {
        calls.push([name, request]);
        return (answers[name]?.(request as never) ?? fail('unknown_call', name)) as never;
      },
    },
  };
}

async function opened(fake: ReturnType<typeof fakeHost>) {
  const store = createSettingsStore();
  store.getState().setOpen(true);
  const actions = settingsActions(fake.host, store);
  await actions.load();
  return { store, actions };
}

describe('settings actions', () => {
  it('fills the form from the host on load', async () => {
    const fake = fakeHost({ ...DEFAULT_SETTINGS, operatorName: 'ana' });
    const { store } = await opened(fake);
    expect(store.getState().form).toMatchObject({ operatorName: 'ana', pollMs: '1000', useDemo: true });
  });

  it('sends only the changed fields and shows the host answer', async () => {
    const fake = fakeHost();
    const { store, actions } = await opened(fake);
    store.getState().edit('operatorName', 'bob');
    store.getState().edit('timeZone', 'Asia/Tokyo');
    const saved = await actions.save();
    expect(fake.calls.at(-1)).toEqual(['settings.update', { operatorName: 'bob', timeZone: 'Asia/Tokyo' }]);
    expect(saved).toEqual(fake.held());
    expect(store.getState()).toMatchObject({ saved: fake.held(), outcome: 'Saved 2 settings.', error: null, saving: false });
  });

  it('says when a saved change waits for the next start', async () => {
    const fake = fakeHost();
    const { store, actions } = await opened(fake);
    store.getState().edit('pollMs', '500');
    await actions.save();
    expect(fake.held().pollMs).toBe(500);
    expect(store.getState().outcome).toMatch(/apply at the next start/);
  });

  it('sends nothing for an invalid form and names the field', async () => {
    const fake = fakeHost();
    const { store, actions } = await opened(fake);
    store.getState().edit('operatorName', 'bob');
    store.getState().edit('pollMs', '50');
    expect(await actions.save()).toBeNull();
    expect(fake.calls.map(([name]) => name)).toEqual(['settings.get']);
    expect(store.getState().errors.pollMs).toMatch(/200/);
    expect(fake.held().operatorName).toBeNull();
    store.getState().edit('pollMs', '300');
    expect(store.getState().errors.pollMs).toBeUndefined();
  });

  it('sends nothing when nothing changed', async () => {
    const fake = fakeHost();
    const { store, actions } = await opened(fake);
    expect(await actions.save()).toBeNull();
    expect(fake.calls).toHaveLength(1);
    expect(store.getState().outcome).toBe('Nothing changed');
  });

  it('shows the host refusal in its words and keeps what was typed', async () => {
    const fake = fakeHost(DEFAULT_SETTINGS, 'settings file is read-only');
    const { store, actions } = await opened(fake);
    store.getState().edit('operatorName', 'bob');
    expect(await actions.save()).toBeNull();
    expect(store.getState()).toMatchObject({ error: 'settings file is read-only', outcome: null, saving: false });
    expect(store.getState().form?.operatorName).toBe('bob');
  });

  it('starts each opening from the host, not from abandoned typing', async () => {
    const fake = fakeHost();
    const { store, actions } = await opened(fake);
    store.getState().edit('operatorName', 'abandoned');
    store.getState().setOpen(false);
    store.getState().setOpen(true);
    expect(store.getState().form).toBeNull();
    await actions.load();
    expect(store.getState().form?.operatorName).toBe('');
  });
});
