import { describe, expect, it } from 'vitest';
import type { CockpitHost } from '../../src/contract/host.js';
import { TerminalRouter } from './terminal-router.js';

/** A host whose events the test emits. */
function fakeHost() {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const host: Pick<CockpitHost, 'on'> = {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  const emit = (name: string, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload as never);
  };
  return { host, emit };
}

describe('terminal router', () => {
  it('holds a session’s output and end while its view re-attaches, then hands them over in order', () => {
    const { host, emit } = fakeHost();
    const router = new TerminalRouter(host);
    const seen: string[] = [];
    router.attach('s1', { data: (d) => seen.push(`data ${String(d)}`), exit: (e) => seen.push(`exit ${e.code}`) });
    emit('terminal.data', { sessionId: 's1', data: 'live' });
    router.hold('s1');
    // Output after the attach, arriving before its answer (the scrollback) does.
    emit('terminal.data', { sessionId: 's1', data: 'after' });
    emit('terminal.exit', { sessionId: 's1', code: 0, signal: null });
    seen.push('replay');
    router.release('s1');
    emit('terminal.data', { sessionId: 's1', data: 'flowing' });
    expect(seen).toEqual(['data live', 'replay', 'data after', 'exit 0', 'data flowing']);
  });

  it('keeps holding until every hold is released', () => {
    const { host, emit } = fakeHost();
    const router = new TerminalRouter(host);
    const seen: string[] = [];
    router.attach('s1', { data: (d) => seen.push(String(d)), exit: () => {} });
    router.hold('s1');
    router.hold('s1');
    emit('terminal.data', { sessionId: 's1', data: 'a' });
    router.release('s1');
    expect(seen).toEqual([]);
    router.release('s1');
    expect(seen).toEqual(['a']);
  });
});
