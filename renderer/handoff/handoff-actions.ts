/**
 * What the Handoff view asks its host: the shift and the saved draft, a
 * save of the fields, and the note as a file. Refusals land in the store's
 * error line in the host's words.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import { callReporting } from '../host/call-reporting.js';
import type { ExportedFile } from '../../src/contract/index.js';
import type { HandoffStore } from './handoff-store.js';

export interface HandoffActions {
  load(): Promise<void>;
  /** Sends the fields as they are now, if anything changed since the last save. */
  save(): Promise<void>;
  /** Saves first, so the file holds what is on screen. */
  exportNote(): Promise<ExportedFile | null>;
}

export function handoffActions(host: Pick<CockpitHost, 'call'>, store: HandoffStore): HandoffActions {
  const call = callReporting(() => host, (message) => store.getState().setError(message));

  const save = async () => {
    const { dirty, fields } = store.getState();
    if (!dirty) return;
    const draft = await call('handoff.save', { fields });
    if (draft) store.getState().saved(draft);
  };

  return {
    async load() {
      const context = await call('handoff.get', {});
      if (context) store.getState().loaded(context);
    },
    save,
    async exportNote() {
      await save();
      return call('handoff.export', {});
    },
  };
}
