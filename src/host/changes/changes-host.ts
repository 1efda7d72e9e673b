/**
 * The `changes.*` calls on the change store, under the engineer's name,
 * with `changes.changed` to every window after each change so the header
 * and the lists agree.
 */
import type { EventName } from '../../contract/index.js';
import type { ChangeStore } from '../../services/changes/change-store.js';
import type { CallHandlers } from '../dispatch.js';

export type ChangesCallName = Extract<keyof CallHandlers, `changes.${string}`>;
export type ChangesHandlers = Pick<CallHandlers, ChangesCallName>;

export interface ChangesHostOptions {
  store: ChangeStore;
  operator(): string;
  emit(name: EventName, payload: unknown): void;
}

export function changesHandlers({ store, operator, emit }: ChangesHostOptions): ChangesHandlers {
  const changed = () => emit('changes.changed', { changes: store.list() });
  return {
    'changes.list': () => ({ changes: store.list() }),
    'changes.record': async (draft) => {
      const change = await store.record(draft, operator());
      changed();
      return change;
    },
    'changes.mark': async (request) => {
      const change = await store.mark(request, operator());
      changed();
      return change;
    },
  };
}
